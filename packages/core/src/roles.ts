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

/**
 * Which receiving units a role works on — decided here and only here: the server's scope checks,
 * the database's row-level security, the user's check constraints and the web all derive from it.
 * `all`: every unit; `division`: the units of the user's analysis division; `unit`: the user's unit.
 */
export type ScopeKind = 'all' | 'division' | 'unit';

const SCOPE_KINDS: Record<Role, ScopeKind> = {
  admin: 'all',
  budget_office: 'all',
  executive: 'all',
  budget_analyst: 'division',
  unit_officer: 'unit',
};

export const scopeKindOf = (role: Role): ScopeKind => SCOPE_KINDS[role];

/** The roles of one scope kind, in ROLES order. */
export const rolesWithScope = (kind: ScopeKind): Role[] =>
  ROLES.filter((r) => SCOPE_KINDS[r] === kind);
