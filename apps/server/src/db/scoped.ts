import { sql } from 'drizzle-orm';
import { scopeKindOf } from '@pbis/core';
import type { Actor } from '../modules/auth/actor.js';
import type { Database, Tx } from './client.js';

/**
 * The actor's unit scope as the database sees it (migration 0004, ADR 0008): the row-level
 * security policies on every table that carries a unit read these settings, and return nothing
 * when they are unset. Set for the current transaction only.
 */
export interface DatabaseScope {
  kind: 'all' | 'division' | 'unit';
  userId: string | null;
  unitId: string | null;
  divisionId: string | null;
}

export function databaseScopeOf(actor: Actor): DatabaseScope {
  const kind = actor.kind === 'system' ? 'all' : scopeKindOf(actor.role);
  return {
    kind,
    userId: actor.userId,
    unitId: kind === 'unit' ? actor.unitId : null,
    divisionId: kind === 'division' ? actor.analysisDivisionId : null,
  };
}

/** Sets the scope (and the application's own role) for the rest of transaction `tx`. */
export async function enterScope(tx: Tx, database: Database, scope: DatabaseScope): Promise<void> {
  await tx.execute(
    sql`select ${database.appRole ? sql`set_config('role', ${database.appRole}, true),` : sql``}
      set_config('pbis.scope', ${scope.kind}, true),
      set_config('pbis.user_id', ${scope.userId ?? ''}, true),
      set_config('pbis.unit_id', ${scope.unitId ?? ''}, true),
      set_config('pbis.division_id', ${scope.divisionId ?? ''}, true)`,
  );
}

/**
 * A read in the actor's scope: one transaction whose queries see only the rows the actor may
 * see, whatever their `where` says. Every query on a unit-owned table runs in here or in
 * `runWrite` (which opens the same scope); outside them such tables answer no rows.
 */
export async function withScope<T>(
  database: Database,
  actor: Actor,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return database.db.transaction(async (tx) => {
    await enterScope(tx, database, databaseScopeOf(actor));
    return fn(tx);
  });
}

/**
 * A read in the system scope (every unit), for what runs before anyone is known — finding the
 * account a sign-in names — and for the CLI, which acts as the system.
 */
export async function withSystemScope<T>(database: Database, fn: (tx: Tx) => Promise<T>) {
  return database.db.transaction(async (tx) => {
    await enterScope(tx, database, { kind: 'all', userId: null, unitId: null, divisionId: null });
    return fn(tx);
  });
}

/**
 * As the schema's owner (the connecting user), outside row-level security: restoring a backup
 * (which empties every table and turns the audit trail's triggers off for its transaction) and
 * sealing the audit trail. Nothing a request does runs here.
 */
export async function asOwner<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return database.db.transaction(async (tx) => {
    if (database.appRole) await tx.execute(sql`set local role none`);
    return fn(tx);
  });
}
