import type { Database, Tx } from './db/client.js';
import { appendAudit, type AuditEntryInput } from './modules/audit/repository.js';
import type { Actor } from './modules/auth/actor.js';

export interface WriteContext {
  tx: Tx;
  actor: Actor;
  /** Record what changed; written to the audit trail in the same transaction, at commit. */
  audit(entry: AuditEntryInput): void;
  now: Date;
}

/**
 * The one write path: the caller has validated and authorised; this applies the change and
 * its audit entries in one transaction, or nothing at all.
 */
export async function runWrite<T>(
  database: Database,
  actor: Actor,
  fn: (ctx: WriteContext) => Promise<T>,
): Promise<T> {
  return database.db.transaction(async (tx) => {
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
