import { AppError, FISCAL_MONTHS } from '@pbis/core';
import type { Database, Tx } from './db/client.js';
import { databaseScopeOf, scopedTransaction } from './db/scoped.js';
import { appendAudit, type AuditEntryInput } from './modules/audit/repository.js';
import type { Actor } from './modules/auth/actor.js';
import { unitsForWrite } from './modules/org/repository.js';
import { periodForWrite } from './modules/periods/repository.js';

export interface WriteContext {
  tx: Tx;
  actor: Actor;
  /** Record what changed; written to the audit trail in the same transaction, at commit. */
  audit(entry: AuditEntryInput): void;
  now: Date;
}

/**
 * What a write touches, declared up front: the write path checks it before the change runs, in
 * the same transaction, and holds it until commit.
 * - `units`: every receiving unit whose data is written; each must be in the actor's scope
 *   (out of scope answers 404, as if it did not exist), and none can change division meanwhile.
 * - `period`: the fiscal year (BE) and, for monthly data, the fiscal month (1 = October) written
 *   into; the year must exist and neither it nor the month be closed (423 `period_locked`). The
 *   lock rows are held (FOR SHARE), so a period cannot be closed until the write has committed,
 *   and a write waits for a closing in progress — a write never lands in a closed period.
 */
export interface WriteTouches {
  units?: readonly string[];
  period?: { fiscalYear: number; month?: number | undefined };
}

type WriteFn<T> = (ctx: WriteContext) => Promise<T>;

/**
 * The one write path: one transaction in the actor's database scope (row-level security), the
 * declared units and period asserted and locked, the change applied, and its audit entries
 * written at the end — or nothing at all. The route has validated the input and its role.
 */
export async function runWrite<T>(database: Database, actor: Actor, fn: WriteFn<T>): Promise<T>;
export async function runWrite<T>(
  database: Database,
  actor: Actor,
  touches: WriteTouches,
  fn: WriteFn<T>,
): Promise<T>;
export async function runWrite<T>(
  database: Database,
  actor: Actor,
  touchesOrFn: WriteTouches | WriteFn<T>,
  maybeFn?: WriteFn<T>,
): Promise<T> {
  const touches = typeof touchesOrFn === 'function' ? {} : touchesOrFn;
  const fn = typeof touchesOrFn === 'function' ? touchesOrFn : maybeFn!;
  return scopedTransaction(database, databaseScopeOf(actor), async (tx) => {
    await assertTouches(tx, actor, touches);
    const entries: AuditEntryInput[] = [];
    const now = new Date();
    const result = await fn({ tx, actor, now, audit: (e) => entries.push(e) });
    await appendAudit(
      tx,
      { organizationId: actor.organizationId, userId: actor.userId, username: actor.username },
      entries,
      now,
      database.keys.audit,
    );
    return result;
  });
}

async function assertTouches(tx: Tx, actor: Actor, touches: WriteTouches): Promise<void> {
  if (touches.units && touches.units.length > 0) {
    const wanted = [...new Set(touches.units)];
    // Row-level security answers only the units in scope; the rows are held until commit.
    const seen = new Set(await unitsForWrite(tx, actor.organizationId, wanted));
    const missing = wanted.filter((id) => !seen.has(id));
    if (missing.length > 0)
      throw new AppError('not_found', 'no such receiving unit', {
        reason: 'unit_not_found',
        unitIds: missing,
      });
  }
  if (touches.period) await assertPeriodOpen(tx, actor.organizationId, touches.period);
}

async function assertPeriodOpen(
  tx: Tx,
  organizationId: string,
  period: { fiscalYear: number; month?: number | undefined },
): Promise<void> {
  const { fiscalYear, month } = period;
  const state = await periodForWrite(tx, organizationId, fiscalYear, month);
  if (!state.yearExists)
    throw new AppError('business_rule', `fiscal year ${fiscalYear} has not been created`, {
      reason: 'fiscal_year_missing',
      fiscalYear,
    });
  if (state.yearLocked)
    throw new AppError('locked', `fiscal year ${fiscalYear} is closed`, {
      reason: 'period_locked',
      fiscalYear,
      month: 0,
    });
  if (month !== undefined && state.monthLocked) {
    const m = FISCAL_MONTHS[month - 1];
    throw new AppError(
      'locked',
      `${m?.englishName ?? month} (${m?.abbreviation ?? ''}) of fiscal year ${fiscalYear} is closed`,
      { reason: 'period_locked', fiscalYear, month },
    );
  }
}
