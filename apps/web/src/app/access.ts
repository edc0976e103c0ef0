import type { Role } from '@pbis/contract';

/**
 * Who may create and edit receiving units (the server enforces the same). Which pages a role may
 * open is said by each module's nav entries (app/modules.ts); this is the one rule left here.
 */
export const canEditUnits = (role: Role): boolean => role === 'admin' || role === 'budget_office';
