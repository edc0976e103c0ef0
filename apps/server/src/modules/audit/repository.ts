import { and, asc, desc, eq, gt, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import { eventLoopTurns, writeInBatches } from '../../batches.js';
import { insertJsonRows } from '../../db/bulk-insert.js';
import { queryRows, type Executor } from '../../db/client.js';
import { sameMac } from '../../db/keys.js';
import { auditLog, signInFailure } from '../../db/schema.js';
import { auditHash, auditMac, GENESIS_HASH, toAuditJson, type AuditContent } from './hash.js';

export interface AuditEntryInput {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditActor {
  organizationId: string | null;
  userId: string | null;
  username: string;
}

/** Serialises writers of the trail until the end of the transaction. */
export async function lockAudit(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7264001)`);
}

/**
 * Appends entries to the hash chain inside the caller's transaction, each sealed with the
 * installation's audit key (`mac`). The advisory lock serialises writers so two transactions can
 * never chain onto the same previous row.
 */
export async function appendAudit(
  tx: Executor,
  actor: AuditActor,
  entries: AuditEntryInput[],
  at: Date,
  auditKey: Buffer,
): Promise<void> {
  if (entries.length === 0) return;
  await lockAudit(tx);
  const last = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  let seq = last[0]?.seq ?? 0;
  let prevHash = last[0]?.hash ?? GENESIS_HASH;
  // An import appends one entry per row: hash them in time slices, insert them in batches.
  const turns = eventLoopTurns();
  const rows: (AuditContent & { prevHash: string; hash: string; mac: string })[] = [];
  for (const e of entries) {
    if (turns.due()) await turns.yield();
    seq += 1;
    const content: AuditContent = {
      seq,
      at,
      organizationId: actor.organizationId,
      userId: actor.userId,
      username: actor.username,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId ?? null,
      before: toAuditJson(e.before),
      after: toAuditJson(e.after),
    };
    const hash = auditHash(prevHash, content);
    rows.push({ ...content, prevHash, hash, mac: auditMac(auditKey, hash) });
    prevHash = hash;
  }
  await writeInBatches(rows, 1, async (slice) => insertJsonRows(tx, auditLog, slice));
}

export interface AuditFilter {
  organizationId: string;
  userId?: string | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  beforeSeq?: number | undefined;
  limit: number;
}

export async function listAudit(db: Executor, f: AuditFilter) {
  const conds: SQL[] = [eq(auditLog.organizationId, f.organizationId)];
  if (f.userId) conds.push(eq(auditLog.userId, f.userId));
  if (f.entity) conds.push(eq(auditLog.entity, f.entity));
  if (f.entityId) conds.push(eq(auditLog.entityId, f.entityId));
  if (f.action) conds.push(eq(auditLog.action, f.action));
  if (f.from) conds.push(gte(auditLog.at, f.from));
  if (f.to) conds.push(lte(auditLog.at, f.to));
  if (f.beforeSeq) conds.push(lt(auditLog.seq, f.beforeSeq));
  return db
    .select()
    .from(auditLog)
    .where(and(...conds))
    .orderBy(desc(auditLog.seq))
    .limit(f.limit);
}

export async function listEntities(db: Executor, organizationId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ entity: auditLog.entity })
    .from(auditLog)
    .where(eq(auditLog.organizationId, organizationId))
    .orderBy(asc(auditLog.entity));
  return rows.map((r) => r.entity);
}

export type VerifyResult =
  { ok: true; checked: number } | { ok: false; checked: number; brokenSeq: number; reason: string };

/**
 * Walks the whole chain in pages; reports the first row whose link, content or mac does not
 * match. With the audit key (always, outside tests of the bare chain) a row's mac must be
 * HMAC(key, hash): a chain recomputed without the key fails at the first rewritten row.
 */
export async function verifyAudit(
  db: Executor,
  auditKey: Buffer | null,
  pageSize = 5000,
): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, expectedSeq - 1))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    if (page.length === 0) return { ok: true, checked };
    for (const row of page) {
      const broken = (reason: string): VerifyResult => ({
        ok: false,
        checked,
        brokenSeq: row.seq,
        reason,
      });
      if (row.seq !== expectedSeq) return broken(`sequence gap: expected ${expectedSeq}`);
      if (row.prevHash !== prevHash)
        return broken('previous-hash link does not match the row before');
      const hash = auditHash(prevHash, { ...row, at: new Date(row.at) });
      if (hash !== row.hash) return broken('content does not match its hash');
      if (auditKey && row.mac === null)
        return broken('no mac: the row was not sealed with the installation key');
      if (auditKey && !sameMac(row.mac, auditMac(auditKey, row.hash)))
        return broken(
          'mac does not match: the row was written or rewritten without the installation key',
        );
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
  }
}

/** One row's seq, hash and time, or undefined; without `seq`, the newest row. */
export async function auditRow(db: Executor, seq?: number) {
  const [row] = await db
    .select({ seq: auditLog.seq, hash: auditLog.hash, at: auditLog.at, mac: auditLog.mac })
    .from(auditLog)
    .where(seq === undefined ? undefined : eq(auditLog.seq, seq))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return row;
}

/** One snapshot for the rest of the transaction (PostgreSQL; PGlite has one connection). */
export async function repeatableRead(tx: Executor): Promise<void> {
  await tx.execute(sql`set transaction isolation level repeatable read`);
}

/** The append-only triggers refuse UPDATE and TRUNCATE: off for `fn`, in this transaction only. */
export async function withAuditTriggersOff<T>(tx: Executor, fn: () => Promise<T>): Promise<T> {
  await tx.execute(sql`alter table audit_log disable trigger user`);
  const result = await fn();
  await tx.execute(sql`alter table audit_log enable trigger user`);
  return result;
}

/**
 * Writes mac = HMAC(key, hash) on every row of the trail, in the caller's transaction: for a
 * restore of an unsigned backup (whose macs, made with another key, cannot be checked) and for
 * the one-time seal of rows written before migration 0002. The caller checks the bare chain
 * first; the append-only triggers must be off in this transaction.
 */
export async function resealAudit(tx: Executor, auditKey: Buffer, onlyUnsealed = false) {
  let after = 0;
  let sealed = 0;
  for (;;) {
    const page = await tx
      .select({ seq: auditLog.seq, hash: auditLog.hash })
      .from(auditLog)
      .where(
        onlyUnsealed
          ? and(gt(auditLog.seq, after), sql`${auditLog.mac} is null`)
          : gt(auditLog.seq, after),
      )
      .orderBy(asc(auditLog.seq))
      .limit(1000);
    if (page.length === 0) return sealed;
    const macs = JSON.stringify(page.map((r) => ({ seq: r.seq, mac: auditMac(auditKey, r.hash) })));
    await tx.execute(
      sql`update audit_log a set mac = v.mac from json_to_recordset(${macs}::json) as v(seq bigint, mac text) where a.seq = v.seq`,
    );
    sealed += page.length;
    after = page[page.length - 1]!.seq;
  }
}

/**
 * Whether the trail is wholly unsealed (rows before migration 0002, none sealed yet): the oldest
 * row has no mac and no row has one. Cheap on a sealed trail: the primary key and one hit.
 */
export async function wholeTrailUnsealed(db: Executor) {
  const [r] = await queryRows<{ unsealed: boolean | null; organization_id: string | null }>(
    db,
    sql`select (select mac is null from audit_log order by seq limit 1) and not exists (select 1 from audit_log where mac is not null) as unsealed, (select organization_id from audit_log order by seq desc limit 1) as organization_id`,
  );
  return { unsealed: r?.unsealed === true, organizationId: r?.organization_id ?? null };
}

/** Who appears in the trail: for the user filter of readers who may not list users. */
export async function listAuditUsers(db: Executor, organizationId: string) {
  const rows = await db
    .selectDistinct({ userId: auditLog.userId, username: auditLog.username })
    .from(auditLog)
    .where(eq(auditLog.organizationId, organizationId))
    .orderBy(asc(auditLog.username));
  return rows.filter(
    (r): r is { userId: string; username: string } => r.userId !== null && r.username !== null,
  );
}

export type AuditRow = typeof auditLog.$inferSelect;

/**
 * The newest changes the caller may see (home page). The database decides the scope: the query
 * runs inside `withScope`, and a scoped caller's rows are those about units and users that the
 * row-level-secured tables answer (pbis_scope() is 'all' for the unscoped roles). Sign-ins and
 * sign-outs are not changes.
 */
export async function listActivity(
  tx: Executor,
  organizationId: string,
  limit: number,
): Promise<AuditRow[]> {
  const rows = await tx
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.organizationId, organizationId),
        sql`${auditLog.entity} <> 'session'`,
        sql`(pbis_scope() = 'all'
          or (${auditLog.entity} = 'receiving_unit'
              and ${auditLog.entityId} in (select id::text from receiving_unit))
          or (${auditLog.entity} = 'user'
              and ${auditLog.entityId} in (select id::text from app_user)))`,
      ),
    )
    .orderBy(desc(auditLog.seq))
    .limit(limit);
  return rows;
}

/**
 * Names for ids, as far as the caller's scope shows them (call inside `withScope`): users →
 * username; receiving units, divisions and the organisation → Thai name; units' codes apart.
 */
export async function namesOf(
  tx: Executor,
  ids: readonly string[],
): Promise<{ names: Map<string, string>; unitCodes: Map<string, string> }> {
  const names = new Map<string, string>();
  const unitCodes = new Map<string, string>();
  if (ids.length === 0) return { names, unitCodes };
  const json = JSON.stringify(ids);
  const rows = await queryRows<{ id: string; name: string; code: string | null }>(
    tx,
    sql`with wanted as (select value::uuid as id from json_array_elements_text(${json}::json))
        select u.id::text as id, u.username as name, null as code from app_user u join wanted w on w.id = u.id
        union all
        select r.id::text, r.name_th, r.code from receiving_unit r join wanted w on w.id = r.id
        union all
        select d.id::text, d.name_th, null from division d join wanted w on w.id = d.id
        union all
        select o.id::text, o.name_th, null from organization o join wanted w on w.id = o.id`,
  );
  for (const r of rows) {
    names.set(r.id, r.name);
    if (r.code !== null) unitCodes.set(r.id, r.code);
  }
  return { names, unitCodes };
}

/**
 * Counts one wrong password in its hour's row (username '' for a name that is no account), in
 * the caller's transaction: one row per username, address and hour, however many attempts.
 */
export async function countSignInFailure(
  tx: Executor,
  usernameLower: string,
  ip: string,
  at: Date,
): Promise<void> {
  const when = at.toISOString();
  await tx.execute(
    sql`insert into sign_in_failure as f (username_lower, ip, hour, failures, first_at, last_at)
        values (${usernameLower}, ${ip}, date_trunc('hour', ${when}::timestamptz), 1,
                ${when}::timestamptz, ${when}::timestamptz)
        on conflict (username_lower, ip, hour) do update
          set failures = f.failures + 1, last_at = greatest(f.last_at, excluded.last_at)`,
  );
}

/** Deletes sign-in failure rows of hours before `before` (the index on hour finds them). */
export async function pruneSignInFailures(tx: Executor, before: Date): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    tx,
    sql`with gone as (delete from sign_in_failure where hour < ${before.toISOString()}::timestamptz returning 1)
        select count(*)::int as n from gone`,
  );
  return rows[0]?.n ?? 0;
}

export interface SignInFailureFilter {
  usernameLower?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
}

export async function listSignInFailures(db: Executor, f: SignInFailureFilter) {
  const conds: SQL[] = [];
  if (f.usernameLower !== undefined) conds.push(eq(signInFailure.usernameLower, f.usernameLower));
  if (f.from) conds.push(gte(signInFailure.lastAt, f.from));
  if (f.to) conds.push(lte(signInFailure.firstAt, f.to));
  return db
    .select()
    .from(signInFailure)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(signInFailure.hour), desc(signInFailure.lastAt))
    .limit(f.limit);
}

/** Takes back one failure counted by `countSignInFailure` (the password was right after all). */
export async function uncountSignInFailure(
  tx: Executor,
  usernameLower: string,
  ip: string,
  at: Date,
): Promise<void> {
  const when = at.toISOString();
  await tx.execute(
    sql`update sign_in_failure set failures = failures - 1
        where username_lower = ${usernameLower} and ip = ${ip}
          and hour = date_trunc('hour', ${when}::timestamptz) and failures > 0`,
  );
  await tx.execute(
    sql`delete from sign_in_failure
        where username_lower = ${usernameLower} and ip = ${ip}
          and hour = date_trunc('hour', ${when}::timestamptz) and failures = 0`,
  );
}
