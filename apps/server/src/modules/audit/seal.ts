import fs from 'node:fs';
import type { Database } from '../../db/client.js';
import { sameMac } from '../../db/keys.js';
import { asOwner } from '../../db/scoped.js';
import { auditMac } from './hash.js';
import {
  appendAudit,
  auditRow,
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
  // As the owner: switching the append-only triggers off is the owner's (ADR 0008).
  return asOwner(database, async (tx) => {
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

/**
 * A key file created just now on a database whose trail is already sealed means the
 * installation's key was not moved with its data: writing on would mix two keys in one trail,
 * so the start stops and says what to do.
 */
export async function assertKeyFitsTrail(database: Database): Promise<void> {
  if (!database.keys.created) return;
  const newest = await auditRow(database.db);
  if (!newest?.mac || sameMac(newest.mac, auditMac(database.keys.audit, newest.hash))) return;
  // The file this start created is no key of this trail: take it away again, so that the next
  // start does not take it for the installation's own.
  fs.rmSync(database.keys.source, { force: true });
  throw new Error(
    `the installation key ${database.keys.source} (PBIS_KEY_FILE) was just created, but this database's audit trail is sealed with another key: put the pbis.key of this installation there (from its safe copy), or point PBIS_KEY_FILE at it, and start again (the new key was removed)`,
  );
}
