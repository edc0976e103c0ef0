import { sql } from 'drizzle-orm';
import { scopeKindOf } from '@pbis/core';
import type { Actor } from '../modules/auth/actor.js';
import { settingsSelect, type Database, type Executor, type Tx } from './client.js';

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

/** The settings that put a transaction in `scope` (and in the application's own role). */
export function scopeSettings(database: Database, scope: DatabaseScope): Record<string, string> {
  return {
    ...(database.appRole && { role: database.appRole }),
    'pbis.scope': scope.kind,
    'pbis.user_id': scope.userId ?? '',
    'pbis.unit_id': scope.unitId ?? '',
    'pbis.division_id': scope.divisionId ?? '',
  };
}

/** A transaction in `scope`: BEGIN and the scope in one round trip on PostgreSQL. */
export function scopedTransaction<T>(
  database: Database,
  scope: DatabaseScope,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return database.transactionWith(scopeSettings(database, scope), fn);
}

/**
 * A read in the actor's scope: its queries see only the rows the actor may see, whatever their
 * `where` says, and cannot write (the database refuses; writes go through `runWrite`, which opens
 * the same scope in a transaction). Every query on a unit-owned table runs in here or in
 * `runWrite`; outside them such tables answer no rows. On PostgreSQL a read costs no BEGIN or
 * COMMIT, and no settings round trip when its connection already holds this scope (client.ts).
 */
export async function withScope<T>(
  database: Database,
  actor: Actor,
  fn: (db: Executor) => Promise<T>,
): Promise<T> {
  return database.read(scopeSettings(database, databaseScopeOf(actor)), fn);
}

/**
 * A read in the system scope (every unit), for what runs before anyone is known — finding the
 * account a sign-in names — and for the CLI, which acts as the system.
 */
export async function withSystemScope<T>(database: Database, fn: (tx: Tx) => Promise<T>) {
  return scopedTransaction(
    database,
    { kind: 'all', userId: null, unitId: null, divisionId: null },
    fn,
  );
}

/**
 * As the schema's owner (the connecting user), outside row-level security: restoring a backup
 * (which empties every table and turns the audit trail's triggers off for its transaction) and
 * sealing the audit trail. Nothing a request does runs here.
 */
export async function asOwner<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return database.db.transaction(async (tx) => {
    // Unconditional: a copy of the handle may not know that the connection switched roles.
    await tx.execute(sql`set local role none`);
    return fn(tx);
  });
}

/** Puts an open transaction in `scope` (for a transaction begun elsewhere, e.g. a backup's). */
export async function enterScope(tx: Tx, database: Database, scope: DatabaseScope): Promise<void> {
  await tx.execute(sql.raw(settingsSelect(scopeSettings(database, scope))));
}
