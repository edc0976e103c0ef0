/** The roles of SPEC §1. `public` is the signed-out visitor. */
export const ROLES = [
  'admin',
  'budget_analyst',
  'budget_office',
  'unit_officer',
  'executive',
] as const;
export type Role = (typeof ROLES)[number];
export type Audience = Role | 'public';

export const isRole = (v: unknown): v is Role =>
  typeof v === 'string' && (ROLES as readonly string[]).includes(v);

/** Roles that read every unit; the others are scoped (analyst → division, officer → unit). */
export const UNSCOPED_ROLES: readonly Role[] = ['admin', 'budget_office', 'executive'];
