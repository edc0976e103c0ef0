import { AppError, scopeKindOf } from '@pbis/core';
import type { Actor } from '../auth/actor.js';

/**
 * Unit scope: which receiving units an actor may see. The kind comes from the role
 * (`scopeKindOf` in @pbis/core: all, the units of the analyst's division, the officer's unit);
 * the database enforces the same scope again with row-level security (db/scoped.ts, ADR 0008).
 */
export type UnitScope =
  | { kind: 'all' }
  | { kind: 'division'; analysisDivisionId: string }
  | { kind: 'unit'; unitId: string };

export function unitScopeOf(actor: Actor): UnitScope {
  const kind = actor.kind === 'system' ? 'all' : scopeKindOf(actor.role);
  if (kind === 'all') return { kind: 'all' };
  if (kind === 'division' && actor.analysisDivisionId)
    return { kind: 'division', analysisDivisionId: actor.analysisDivisionId };
  if (kind === 'unit' && actor.unitId) return { kind: 'unit', unitId: actor.unitId };
  // A scoped role without its scope sees nothing rather than everything.
  return { kind: 'unit', unitId: '00000000-0000-0000-0000-000000000000' };
}

/* The same scope as SQL conditions: unitScopeWhere and unitIdInScope in org/repository.ts. */

export function unitInScope(
  scope: UnitScope,
  unit: { id: string; analysisDivisionId: string | null },
): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'unit':
      return unit.id === scope.unitId;
    case 'division':
      return unit.analysisDivisionId === scope.analysisDivisionId;
  }
}

/** Out-of-scope units answer 404, not 403: their existence is not disclosed. */
export function assertUnitInScope(
  actor: Actor,
  unit: { id: string; analysisDivisionId: string | null } | undefined,
): asserts unit {
  if (!unit || !unitInScope(unitScopeOf(actor), unit))
    throw new AppError('not_found', 'no such receiving unit', { reason: 'unit_not_found' });
}
