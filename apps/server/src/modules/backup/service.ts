import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { AppError } from '@pbis/core';
import type { Database, Tx } from '../../db/client.js';
import { migrateDatabase } from '../../db/client.js';
import { databaseReason } from '../../db/errors.js';
import { asOwner, enterScope, type DatabaseScope } from '../../db/scoped.js';
import { tablesInLoadOrder } from '../index.js';
import {
  appendAudit,
  lockAudit,
  resealAudit,
  verifyAudit,
  withAuditTriggersOff,
} from '../audit/repository.js';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  backupTables,
  checkScan,
  ContentSeal,
  EXCLUDED_TABLES,
  isTrailer,
  lines,
  parseChunk,
  scan,
  trailerLine,
  type Header,
} from './format.js';
import * as repo from './repository.js';

/*
 * Backup and restore; the file format is described in format.ts. Restore checks the whole file
 * before it replaces anything, and the restored audit trail before it commits (ADR 0005).
 */
export { BACKUP_FORMAT, BACKUP_VERSION, type Header } from './format.js';
const CHUNK = 5000;

/**
 * Backup and restore see every row: the scope 'all' for the row-level security policies (FORCE:
 * they bind the tables' owner too). A restore runs as the owner rather than the application's
 * role: it empties tables and switches the audit trail's triggers off.
 */
const EVERYTHING: DatabaseScope = { kind: 'all', userId: null, unitId: null, divisionId: null };
function asOwnerSeeingAll<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return asOwner(database, async (tx) => {
    // the scope's settings without the switch to the application role
    await enterScope(tx, { ...database, appRole: null }, EVERYTHING);
    return fn(tx);
  });
}

/** Writes through gzip when asked; the file is created owner-only (0600): it holds password hashes. */
function openOut(file: string, gzip: boolean) {
  fs.rmSync(file, { force: true });
  const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
  if (!gzip)
    return {
      write: (s: string) => out.write(s),
      end: () =>
        new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res()))),
    };
  const gz = zlib.createGzip();
  gz.pipe(out);
  return {
    write: (s: string) => gz.write(s),
    end: () =>
      new Promise<void>((res, rej) => {
        out.on('finish', res).on('error', rej);
        gz.end();
      }),
  };
}

export async function backup(database: Database, file: string): Promise<Header> {
  const tmp = `${file}.partial`;
  const out = openOut(tmp, file.endsWith('.gz'));
  const seal = new ContentSeal(database.keys.backup);
  const emit = (line: string) => {
    out.write(`${line}\n`);
    seal.add(line);
  };
  let header: Header | undefined;
  try {
    // One transaction: the backup is a consistent snapshot.
    await database.db.transaction(async (tx) => {
      if (database.dialect === 'postgres') await repo.readOnlySnapshot(tx); // before any query
      // Reading needs no owner: the application role in the scope 'all' sees every row.
      await enterScope(tx, database, EVERYTHING);
      const tables: Header['tables'] = [];
      for (const name of backupTables)
        tables.push({
          name,
          columns: await repo.columnsOf(tx, name),
          rows: await repo.countOf(tx, name),
        });
      header = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        source: database.dialect,
        keyId: database.keys.id,
        excluded: [...EXCLUDED_TABLES],
        tables,
      };
      emit(JSON.stringify(header));
      for (const t of tables) {
        // A table of files (bytea, e.g. evidence up to 10 MB) travels one row a line.
        const size = (await repo.hasBinaryColumn(tx, t.name)) ? 1 : CHUNK;
        for (let offset = 0; offset < t.rows; offset += size)
          emit(
            `{"table":${JSON.stringify(t.name)},"rows":${await repo.chunkOf(tx, t.name, size, offset)}}`,
          );
      }
    });
    out.write(`${trailerLine(seal.finish())}\n`);
    await out.end();
  } catch (e) {
    await out.end().catch(() => undefined);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.renameSync(tmp, file);
  return header!;
}

export interface RestoreSummary {
  header: Header;
  /** Tables and rows loaded (sessions and sign-in attempts of old backups are not). */
  tables: number;
  rows: number;
  /** Signed by this installation's key; false = accepted unsigned, audit rows re-sealed. */
  signed: boolean;
  resealed: number;
}

/**
 * Replaces all data with the backup, or changes nothing. In order: the whole file is read and
 * checked (complete, digest, row counts, tables, signature — format.ts), the schema migrated to
 * this version and the backup's columns checked against it; then, in one transaction, every
 * table is emptied and loaded, the audit rows of an accepted unsigned backup re-sealed with this
 * installation's key, the restored audit chain verified with its macs, and (unsigned only) the
 * acceptance recorded in the trail. Any failure rolls everything back.
 */
export async function restore(
  database: Database,
  file: string,
  opts: { acceptUnsigned?: boolean } = {},
): Promise<RestoreSummary> {
  const scanned = await scan(file, database.keys.backup);
  const { signed } = checkScan(scanned, file, {
    acceptUnsigned: opts.acceptUnsigned ?? false,
    keyId: database.keys.id,
  });
  const { header } = scanned;
  await migrateDatabase(database);
  const loaded = header.tables.filter((t) => !EXCLUDED_TABLES.includes(t.name));
  for (const t of loaded) {
    const have = new Set(await repo.columnsOf(database.db, t.name));
    const unknown = t.columns.filter((c) => !have.has(c));
    if (unknown.length > 0)
      throw new AppError(
        'validation',
        `${file} does not fit this version of PBIS: table ${t.name} has column${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} that this database does not have; nothing was restored`,
      );
  }
  const columns = new Map(loaded.map((t) => [t.name, t.columns]));
  const rows = loaded.reduce((s, t) => s + t.rows, 0);
  const auditKey = database.keys.audit;
  try {
    return await asOwnerSeeingAll(database, async (tx) => {
      await lockAudit(tx); // no write of the running server chains onto a half-restored trail
      const resealed = await withAuditTriggersOff(tx, async () => {
        await repo.truncateAll(tx, tablesInLoadOrder);
        // Read again to load; the digest again too, in case the file changed since the check.
        const again = new ContentSeal(database.keys.backup);
        let lineNo = 0;
        for await (const line of lines(file)) {
          lineNo += 1;
          if (isTrailer(line)) continue;
          again.add(line);
          if (lineNo === 1) continue;
          const chunk = parseChunk(line, file, lineNo);
          const list = columns.get(chunk.table);
          if (!list) continue; // a table left out of backups (in an old backup)
          try {
            await repo.insertChunk(tx, chunk.table, list, chunk.rows);
          } catch (e) {
            throw new AppError(
              'validation',
              `restore failed in table ${chunk.table}: ${databaseReason(e, chunk.table) ?? 'the database refused the rows'}; nothing was restored`,
            );
          }
        }
        if (again.finish().sha256 !== scanned.computed.sha256)
          throw new AppError(
            'validation',
            `${file} changed while it was being restored; nothing was restored`,
          );
        return signed ? 0 : resealAudit(tx, auditKey);
      });
      const chain = await verifyAudit(tx, auditKey);
      if (!chain.ok)
        throw new AppError(
          'validation',
          `${file} holds a broken audit trail (row ${chain.brokenSeq}: ${chain.reason}); nothing was restored`,
        );
      if (!signed)
        await appendAudit(
          tx,
          { organizationId: await repo.firstOrganizationId(tx), userId: null, username: 'pbis' },
          [
            {
              action: 'restore_unsigned',
              entity: 'backup',
              entityId: path.basename(file),
              after: {
                createdAt: header.createdAt,
                source: header.source,
                version: header.version,
                keyId: header.keyId ?? null,
                rows,
                resealedAuditRows: resealed,
              },
            },
          ],
          new Date(),
          auditKey,
        );
      return { header, tables: loaded.length, rows, signed, resealed };
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    // A deferred constraint fails at commit, after the last chunk.
    const reason = databaseReason(e);
    if (reason) throw new AppError('validation', `restore failed: ${reason}; nothing was restored`);
    throw e;
  }
}
