import type { Role } from '@pbis/core';

/**
 * Who may call a route. Every route declares it in `config.access`; the access hook enforces it
 * and the role/route matrix test walks every route in the OpenAPI document against it.
 * Unit scope (which rows a permitted role sees) is decided in modules/org/scope.ts.
 */
export type Access = 'public' | 'authenticated' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** A page or asset of the web UI (set where the web's routes are registered). */
    web?: boolean;
  }
}

export const ANY_STAFF: readonly Role[] = [
  'admin',
  'budget_analyst',
  'budget_office',
  'unit_officer',
  'executive',
];
export const ADMIN: readonly Role[] = ['admin'];
export const BUDGET_OFFICE: readonly Role[] = ['admin', 'budget_office'];
export const AUDIT_READERS: readonly Role[] = ['admin', 'budget_office'];

export function allows(
  access: Access | undefined,
  role: Role | undefined,
): 'ok' | 'unauthenticated' | 'forbidden' {
  if (access === 'public') return 'ok';
  if (!role) return 'unauthenticated';
  if (access === 'authenticated') return 'ok';
  if (!access) return 'forbidden'; // a route that forgot to declare is closed, not open
  return access.includes(role) ? 'ok' : 'forbidden';
}
