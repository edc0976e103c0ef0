import { and, asc, desc, eq, gt, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { auditLog } from '../../db/schema.js';
import { auditHash, GENESIS_HASH, toAuditJson, type AuditContent } from './hash.js';

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

/**
 * Appends entries to the hash chain inside the caller's transaction. The advisory lock
 * serialises writers so two transactions can never chain onto the same previous row.
 */
export async function appendAudit(
  tx: Executor,
  actor: AuditActor,
  entries: AuditEntryInput[],
  at: Date,
): Promise<void> {
  if (entries.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(7264001)`);
  const last = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  let seq = last[0]?.seq ?? 0;
  let prevHash = last[0]?.hash ?? GENESIS_HASH;
  const rows = entries.map((e) => {
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
    const row = { ...content, prevHash, hash };
    prevHash = hash;
    return row;
  });
  await tx.insert(auditLog).values(rows);
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

/** Walks the whole chain in pages; reports the first row whose link or content does not match. */
export async function verifyAudit(db: Executor, pageSize = 5000): Promise<VerifyResult> {
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
      if (row.seq !== expectedSeq)
        return {
          ok: false,
          checked,
          brokenSeq: row.seq,
          reason: `sequence gap: expected ${expectedSeq}`,
        };
      if (row.prevHash !== prevHash)
        return {
          ok: false,
          checked,
          brokenSeq: row.seq,
          reason: 'previous-hash link does not match the row before',
        };
      const hash = auditHash(prevHash, { ...row, at: new Date(row.at) });
      if (hash !== row.hash)
        return {
          ok: false,
          checked,
          brokenSeq: row.seq,
          reason: 'content does not match its hash',
        };
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
  }
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
