import { createHash } from 'node:crypto';
import { AppError } from '@pbis/core';
import { EVIDENCE_CONTENT_TYPES, EVIDENCE_MAX_BYTES } from '@pbis/contract';
import type { Database } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import { runWrite } from '../../write.js';
import type { Actor } from '../auth/actor.js';
import * as repo from './repository.js';

/*
 * Evidence files of a result: the bytes live in the database (bytea), so `pbis db backup` carries
 * them; each has its SHA-256, size and declared type (an allow-list, and the first bytes must
 * agree for PDF, PNG and JPEG). Uploading and downloading are both in the audit trail.
 */

const MAGIC: Partial<Record<string, readonly number[]>> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46], // %PDF
  'image/png': [0x89, 0x50, 0x4e, 0x47],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

/** A file name as stored: no path, no control or format characters, at most 200 characters. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  const hidden = (c: number) =>
    c < 0x20 ||
    (c >= 0x7f && c <= 0x9f) ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0xfeff;
  const clean = [...base]
    .filter((ch) => !hidden(ch.codePointAt(0)!))
    .join('')
    .normalize('NFC')
    .trim();
  return (clean || 'evidence').slice(0, 200);
}

export function checkEvidence(bytes: Uint8Array, contentType: string): void {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (bytes.length === 0)
    throw new AppError('validation', 'the file is empty', { reason: 'evidence_no_file' });
  if (bytes.length > EVIDENCE_MAX_BYTES)
    throw new AppError(
      'payload_too_large',
      `an evidence file may have at most ${EVIDENCE_MAX_BYTES} bytes`,
      {
        reason: 'evidence_too_large',
        maxBytes: EVIDENCE_MAX_BYTES,
      },
    );
  const magic = MAGIC[type];
  if (
    !(EVIDENCE_CONTENT_TYPES as readonly string[]).includes(type) ||
    (magic && !magic.every((b, i) => bytes[i] === b))
  )
    throw new AppError(
      'unsupported_media_type',
      `evidence of type ${type || 'unknown'} is not accepted`,
      {
        reason: 'evidence_type_not_allowed',
        contentType: type,
        allowed: EVIDENCE_CONTENT_TYPES,
      },
    );
}

export async function uploadEvidence(
  database: Database,
  actor: Actor,
  resultId: string,
  file: { bytes: Uint8Array; name: string | undefined; contentType: string },
) {
  const found = await withScope(database, actor, async (db) => {
    const result = await repo.getResult(db, resultId);
    const ind = result
      ? await repo.getIndicator(db, actor.organizationId, result.indicatorId)
      : undefined;
    return result && ind ? { result, ind } : null;
  });
  if (!found) throw new AppError('not_found', 'no such result', { reason: 'result_not_found' });
  checkEvidence(file.bytes, file.contentType);
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const contentType = file.contentType.split(';')[0]!.trim().toLowerCase();
  return runWrite(database, actor, { units: [found.ind.unitId] }, async ({ tx, audit }) => {
    const row = await repo.insertEvidence(tx, {
      resultId,
      fileName: cleanFileName(file.name),
      contentType,
      sizeBytes: file.bytes.length,
      sha256,
      content: file.bytes,
      uploadedBy: actor.userId,
    });
    audit({ action: 'upload', entity: 'evidence_file', entityId: row.id, after: row });
    return row;
  });
}

/** The file, for whoever may read its result (out of scope: 404); the download is audited. */
export async function downloadEvidence(database: Database, actor: Actor, id: string) {
  const meta = await withScope(database, actor, async (db) => {
    const f = await repo.evidenceContent(db, id);
    if (!f) return null;
    const result = await repo.getResult(db, f.resultId);
    const ind = result
      ? await repo.getIndicator(db, actor.organizationId, result.indicatorId)
      : undefined;
    return ind ? { f, unitId: ind.unitId } : null;
  });
  if (!meta)
    throw new AppError('not_found', 'no such evidence file', { reason: 'evidence_not_found' });
  await runWrite(database, actor, { units: [meta.unitId] }, ({ audit }) => {
    const { content: _content, ...about } = meta.f;
    void _content;
    audit({ action: 'download', entity: 'evidence_file', entityId: id, after: about });
    return Promise.resolve();
  });
  return meta.f;
}

/** RFC 6266 / 5987 Content-Disposition for a Thai file name. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
