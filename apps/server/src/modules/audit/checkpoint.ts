import { AppError } from '@pbis/core';
import type { Database } from '../../db/client.js';
import { hmacHex, sameMac } from '../../db/keys.js';
import { canonicalJson, GENESIS_HASH } from './hash.js';
import { auditRow, repeatableRead, verifyAudit, type VerifyResult } from './repository.js';

/*
 * A checkpoint is the newest row's seq and hash, signed with the audit key, kept somewhere the
 * database's owner cannot reach (a printout, another machine). The keyed chain catches a row
 * rewritten without the key; only a checkpoint catches the newest rows deleted, or a trail
 * rewritten by someone holding the key.
 */
export const CHECKPOINT_FORMAT = 'pbis-audit-checkpoint';

export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  version: 1;
  /** The newest row when the checkpoint was made (0 for an empty trail). */
  seq: number;
  hash: string;
  /** Rows in the trail then (= seq: the chain is gap-free). */
  count: number;
  /** When the checkpoint was made (ISO). */
  at: string;
  keyId: string;
  /** HMAC-SHA256(audit key, the fields above). */
  mac: string;
}

type Unsigned = Omit<Checkpoint, 'mac'>;

const macOf = (key: Buffer, c: Unsigned) =>
  hmacHex(
    key,
    `${CHECKPOINT_FORMAT}\n`,
    canonicalJson({
      format: c.format,
      version: c.version,
      seq: c.seq,
      hash: c.hash,
      count: c.count,
      at: c.at,
      keyId: c.keyId,
    }),
  );

/** Verifies the whole trail first: a checkpoint of a broken trail would vouch for it. */
export async function makeCheckpoint(database: Database, now = new Date()): Promise<Checkpoint> {
  return database.db.transaction(async (tx) => {
    if (database.dialect === 'postgres') await repeatableRead(tx);
    const chain = await verifyAudit(tx, database.keys.audit);
    if (!chain.ok)
      throw new AppError(
        'business_rule',
        `the audit trail is broken at row ${chain.brokenSeq} (${chain.reason}); no checkpoint made`,
      );
    const last = await auditRow(tx);
    const c: Unsigned = {
      format: CHECKPOINT_FORMAT,
      version: 1,
      seq: last?.seq ?? 0,
      hash: last?.hash ?? GENESIS_HASH,
      count: chain.checked,
      at: now.toISOString(),
      keyId: database.keys.id,
    };
    return { ...c, mac: macOf(database.keys.audit, c) };
  });
}

/** Parses a checkpoint file's text; anything else is a validation error naming the file. */
export function parseCheckpoint(text: string, file: string): Checkpoint {
  let c: Partial<Checkpoint>;
  try {
    c = JSON.parse(text) as Partial<Checkpoint>;
  } catch {
    throw new AppError('validation', `${file} is not a PBIS audit checkpoint (not JSON)`);
  }
  const ok =
    c !== null &&
    typeof c === 'object' &&
    c.format === CHECKPOINT_FORMAT &&
    c.version === 1 &&
    Number.isSafeInteger(c.seq) &&
    c.seq! >= 0 &&
    Number.isSafeInteger(c.count) &&
    typeof c.hash === 'string' &&
    typeof c.at === 'string' &&
    typeof c.keyId === 'string' &&
    typeof c.mac === 'string';
  if (!ok) throw new AppError('validation', `${file} is not a PBIS audit checkpoint`);
  return c as Checkpoint;
}

export type CheckpointVerdict =
  | { ok: true; checked: number; checkpoint: Checkpoint }
  | { ok: false; chain?: VerifyResult; message: string };

/** The checkpoint's signature, the whole chain with macs, then that its row is still there unchanged. */
export async function verifyWithCheckpoint(
  database: Database,
  c: Checkpoint,
): Promise<CheckpointVerdict> {
  if (!sameMac(c.mac, macOf(database.keys.audit, c)))
    return {
      ok: false,
      message:
        c.keyId === database.keys.id
          ? 'the checkpoint was edited: its signature does not match'
          : `the checkpoint was made with another installation key (${c.keyId}; this one is ${database.keys.id}) or edited`,
    };
  const chain = await verifyAudit(database.db, database.keys.audit);
  if (!chain.ok)
    return {
      ok: false,
      chain,
      message: `at row ${chain.brokenSeq}: ${chain.reason} (${chain.checked} rows before it are intact)`,
    };
  const made = `the checkpoint of ${c.at}`;
  if (c.seq > 0) {
    const row = await auditRow(database.db, c.seq);
    if (!row) {
      const last = await auditRow(database.db);
      return {
        ok: false,
        message: `row ${c.seq} of ${made} is gone: the trail now ends at row ${last?.seq ?? 0} (its newest rows were deleted)`,
      };
    }
    if (row.hash !== c.hash)
      return {
        ok: false,
        message: `row ${c.seq} no longer has the hash of ${made}: the trail was rewritten`,
      };
  }
  if (chain.checked < c.count)
    return {
      ok: false,
      message: `${made} counted ${c.count} rows; the trail now has ${chain.checked}`,
    };
  return { ok: true, checked: chain.checked, checkpoint: c };
}
