import { AppError, UNSCOPED_ROLES } from '@pbis/core';
import { eq, inArray, sql, type SQL, type Column } from 'drizzle-orm';
import { receivingUnit } from '../../db/schema.js';
import type { Actor } from '../auth/actor.js';

/**
 * Unit scope, decided here and only here: which receiving units an actor may see.
 * admin, budget_office, executive: all; budget_analyst: the units of their analysis division;
 * unit_officer: their own unit.
 */
export type UnitScope =
  | { kind: 'all' }
  | { kind: 'division'; analysisDivisionId: string }
  | { kind: 'unit'; unitId: string };

export function unitScopeOf(actor: Actor): UnitScope {
  if (UNSCOPED_ROLES.includes(actor.role) || actor.kind === 'system') return { kind: 'all' };
  if (actor.role === 'budget_analyst' && actor.analysisDivisionId)
    return { kind: 'division', analysisDivisionId: actor.analysisDivisionId };
  if (actor.role === 'unit_officer' && actor.unitId) return { kind: 'unit', unitId: actor.unitId };
  // A scoped role without its scope sees nothing rather than everything.
  return { kind: 'unit', unitId: '00000000-0000-0000-0000-000000000000' };
}

/** A condition on receiving_unit rows. */
export function unitScopeWhere(scope: UnitScope): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'division':
      return eq(receivingUnit.analysisDivisionId, scope.analysisDivisionId);
    case 'unit':
      return eq(receivingUnit.id, scope.unitId);
  }
}

/** A condition on any table's unit_id column (plans, requests, transactions … in later modules). */
export function unitIdInScope(column: Column, scope: UnitScope): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'unit':
      return eq(column, scope.unitId);
    case 'division':
      return inArray(
        column,
        sql`(select ${receivingUnit.id} from ${receivingUnit} where ${receivingUnit.analysisDivisionId} = ${scope.analysisDivisionId})`,
      );
  }
}

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
    throw new AppError('not_found', 'no such receiving unit');
}
