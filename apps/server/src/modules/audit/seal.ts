import type { Database } from '../../db/client.js';
import {
  appendAudit,
  lockAudit,
  resealAudit,
  verifyAudit,
  wholeTrailUnsealed,
  withAuditTriggersOff,
} from './repository.js';

export type SealOutcome =
  { sealed: number; throughSeq: number } | { sealed: 0; brokenSeq: number; reason: string };

/**
 * Rows written before migration 0002 have no mac. The first time the installation opens the
 * database with its key file, and only while no row carries a mac yet, they are sealed in one
 * transaction — after their bare hash chain verified — and an audit entry records it. From then
 * on a row without a mac is a break. A per-process (ephemeral) key never seals.
 */
export async function sealLegacyAudit(database: Database): Promise<SealOutcome | undefined> {
  if (database.keys.ephemeral) return undefined;
  if (!(await wholeTrailUnsealed(database.db)).unsealed) return undefined;
  const key = database.keys.audit;
  return database.db.transaction(async (tx) => {
    await lockAudit(tx);
    const state = await wholeTrailUnsealed(tx);
    if (!state.unsealed) return undefined;
    const chain = await verifyAudit(tx, null);
    if (!chain.ok) return { sealed: 0, brokenSeq: chain.brokenSeq, reason: chain.reason };
    const sealed = await withAuditTriggersOff(tx, () => resealAudit(tx, key, true));
    await appendAudit(
      tx,
      { organizationId: state.organizationId, userId: null, username: 'pbis' },
      [
        {
          action: 'seal',
          entity: 'audit_log',
          after: { rows: sealed, throughSeq: chain.checked, keyId: database.keys.id },
        },
      ],
      new Date(),
      key,
    );
    return { sealed, throughSeq: chain.checked };
  });
}
