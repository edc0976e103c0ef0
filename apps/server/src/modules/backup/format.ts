import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { AppError } from '@pbis/core';
import { sameMac } from '../../db/keys.js';
import { tablesInLoadOrder } from '../index.js';

/*
 * A backup is JSON Lines (gzip when the name ends in .gz):
 *   line 1     the header: format, version, when, from where, the signing key's id, and every
 *              table with its columns and row count;
 *   lines 2…   one line per chunk of a table's rows as PostgreSQL renders them (json_agg), so
 *              numbers and texts travel exactly — no JavaScript number ever touches a bigint;
 *   last line  the trailer: how many lines came before it, their SHA-256, and their HMAC-SHA256
 *              with the installation's backup key (keys.ts), which is never in the backup.
 * The digest and the signature cover the lines before the trailer, each with its "\n", as they
 * are uncompressed; a file cut short has no trailer, an edited one fails the digest or the
 * signature. Version 1 (no trailer, sessions included) is still read, but only when the operator
 * accepts an unsigned backup.
 */
export const BACKUP_FORMAT = 'pbis-backup';
export const TRAILER_FORMAT = 'pbis-backup-trailer';
export const BACKUP_VERSION = 2;

/**
 * Session secrets and sign-in records (addresses) stay out of backups; a restore empties them.
 * Lockouts and unlocks are in the audit trail, which is backed up.
 */
export const EXCLUDED_TABLES: readonly string[] = [
  'user_session',
  'login_attempt',
  'sign_in_failure',
];
/** Every table the modules declare (modules/index.ts), in load order, less the excluded ones. */
export const backupTables = tablesInLoadOrder.filter((t) => !EXCLUDED_TABLES.includes(t));

const CHUNK_LINE = /^\{"table":("(?:[^"\\]|\\.)*"),"rows":(\[.*\])\}$/s;
const TRAILER_START = `{"format":"${TRAILER_FORMAT}"`;

export interface Header {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  source: string;
  /** Id of the installation key that signed the backup (version 2). */
  keyId?: string;
  excluded?: string[];
  tables: { name: string; columns: string[]; rows: number }[];
}

export interface Trailer {
  format: typeof TRAILER_FORMAT;
  lines: number;
  sha256: string;
  hmac: string;
}

/** Digest and signature of the content lines, computed as they are written or read. */
export class ContentSeal {
  private readonly sha: Hash = createHash('sha256');
  private readonly mac: Hmac;
  lines = 0;
  constructor(backupKey: Buffer) {
    this.mac = createHmac('sha256', backupKey);
  }
  add(line: string): void {
    this.sha.update(line).update('\n');
    this.mac.update(line).update('\n');
    this.lines += 1;
  }
  finish(): { lines: number; sha256: string; hmac: string } {
    return { lines: this.lines, sha256: this.sha.digest('hex'), hmac: this.mac.digest('hex') };
  }
}

export const trailerLine = (t: Omit<Trailer, 'format'>): string =>
  JSON.stringify({ format: TRAILER_FORMAT, ...t });

/** The file's non-empty lines, gunzipped when it is gzip; a truncated gzip is a validation error. */
export async function* lines(file: string): AsyncGenerator<string> {
  if (!fs.existsSync(file)) throw new AppError('validation', `no such file: ${file}`);
  const head = Buffer.alloc(2);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, head, 0, 2, 0);
  fs.closeSync(fd);
  const raw = fs.createReadStream(file);
  const gunzip = head[0] === 0x1f && head[1] === 0x8b ? zlib.createGunzip() : undefined;
  const input = gunzip ? raw.pipe(gunzip) : raw;
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  let failure: Error | undefined;
  // readline does not pass on its input's errors: catch them here, end the lines, report below.
  const fail = (e: Error) => {
    failure ??= e;
    rl.close();
  };
  raw.on('error', fail);
  gunzip?.on('error', fail);
  const damaged = (e: Error) =>
    new AppError('validation', `${file} is damaged or cut short (${e.message})`);
  try {
    try {
      for await (const line of rl) {
        if (failure) break;
        if (line.trim()) yield line;
      }
    } catch (e) {
      throw e instanceof AppError ? e : damaged(e as Error);
    }
    if (failure) throw damaged(failure);
  } finally {
    rl.close();
    gunzip?.destroy();
    raw.destroy();
  }
}

export function parseHeader(first: string | undefined, file: string): Header {
  let header: Header;
  try {
    header = JSON.parse(first ?? '') as Header;
  } catch {
    throw new AppError('validation', `${file} is not a PBIS backup (unreadable header)`);
  }
  if (header?.format !== BACKUP_FORMAT)
    throw new AppError('validation', `${file} is not a PBIS backup`);
  if (typeof header.version !== 'number' || header.version > BACKUP_VERSION)
    throw new AppError(
      'validation',
      `backup format ${header.version} is newer than this PBIS understands (${BACKUP_VERSION})`,
    );
  const wellFormed =
    Array.isArray(header.tables) &&
    header.tables.every(
      (t) =>
        typeof t?.name === 'string' &&
        Array.isArray(t.columns) &&
        t.columns.length > 0 &&
        t.columns.every((c) => typeof c === 'string') &&
        new Set(t.columns).size === t.columns.length &&
        Number.isSafeInteger(t.rows) &&
        t.rows >= 0,
    );
  if (!wellFormed) throw new AppError('validation', `${file} has a damaged header`);
  return header;
}

/** One table chunk: its rows kept as text (PostgreSQL parses them, not JavaScript). */
export function parseChunk(line: string, file: string, lineNo: number) {
  const m = CHUNK_LINE.exec(line);
  if (!m)
    throw new AppError('validation', `${file} is damaged (line ${lineNo} is not a table chunk)`);
  return { table: JSON.parse(m[1]!) as string, rows: m[2]! };
}

export const isTrailer = (line: string) => line.startsWith(TRAILER_START);

export interface Scan {
  header: Header;
  /** Rows counted per table in the chunks. */
  counted: Map<string, number>;
  trailer: Trailer | undefined;
  computed: { lines: number; sha256: string; hmac: string };
}

/** Reads the whole file once: structure, row counts, digest and signature, nothing trusted yet. */
export async function scan(file: string, backupKey: Buffer): Promise<Scan> {
  const seal = new ContentSeal(backupKey);
  const counted = new Map<string, number>();
  let header: Header | undefined;
  let trailer: Trailer | undefined;
  let lineNo = 0;
  try {
    for await (const line of lines(file)) {
      lineNo += 1;
      if (trailer)
        throw new AppError('validation', `${file} is damaged (line ${lineNo} follows the trailer)`);
      if (!header) {
        header = parseHeader(line, file);
        seal.add(line);
        continue;
      }
      if (isTrailer(line)) {
        trailer = parseTrailer(line, file);
        continue;
      }
      const chunk = parseChunk(line, file, lineNo);
      let n: number;
      try {
        n = (JSON.parse(chunk.rows) as unknown[]).length;
      } catch {
        throw new AppError('validation', `${file} is damaged (line ${lineNo} is not valid JSON)`);
      }
      counted.set(chunk.table, (counted.get(chunk.table) ?? 0) + n);
      seal.add(line);
    }
  } catch (e) {
    if (e instanceof AppError && lineNo === 0)
      throw /no such file/.test(e.message)
        ? e
        : new AppError('validation', `${file} is not a PBIS backup (unreadable)`);
    throw e;
  }
  if (!header) throw new AppError('validation', `${file} is not a PBIS backup (it is empty)`);
  return { header, counted, trailer, computed: seal.finish() };
}

function parseTrailer(line: string, file: string): Trailer {
  try {
    const t = JSON.parse(line) as Trailer;
    if (Number.isSafeInteger(t.lines) && typeof t.sha256 === 'string' && typeof t.hmac === 'string')
      return t;
  } catch {
    /* reported below */
  }
  throw new AppError('validation', `${file} is damaged (its trailer line is unreadable)`);
}

/**
 * The checks of a scanned file that need no database, in order: cut short (no trailer), the
 * digest (damage), the row counts of the header against the chunks, the tables against this
 * schema, then the signature. Returns whether the file is signed by this installation.
 */
export function checkScan(
  s: Scan,
  file: string,
  opts: { acceptUnsigned: boolean; keyId: string },
): { signed: boolean } {
  const { header, trailer, computed } = s;
  const nothing = 'nothing was restored';
  if (header.version >= 2) {
    if (!trailer)
      throw new AppError(
        'validation',
        `${file} is cut short: it has no trailer line (it ends after line ${computed.lines}); ${nothing}`,
      );
    if (trailer.lines !== computed.lines)
      throw new AppError(
        'validation',
        `${file} is damaged: its trailer counts ${trailer.lines} lines before it, the file has ${computed.lines}; ${nothing}`,
      );
    if (trailer.sha256 !== computed.sha256)
      throw new AppError(
        'validation',
        `${file} is damaged or was edited: its content does not match the SHA-256 digest in its trailer; ${nothing}`,
      );
  } else if (trailer) {
    throw new AppError('validation', `${file} is damaged (a version-1 backup with a trailer)`);
  }
  const listed = new Set(header.tables.map((t) => t.name));
  if (listed.size !== header.tables.length)
    throw new AppError('validation', `${file} has a damaged header (a table listed twice)`);
  for (const table of s.counted.keys())
    if (!listed.has(table))
      throw new AppError(
        'validation',
        `${file} holds rows of table ${table}, which its header does not list; ${nothing}`,
      );
  for (const t of header.tables) {
    const n = s.counted.get(t.name) ?? 0;
    if (n !== t.rows)
      throw new AppError(
        'validation',
        `${file} is incomplete or was edited: table ${t.name} has ${n} rows, its header says ${t.rows}; ${nothing}`,
      );
  }
  const known = new Set<string>(tablesInLoadOrder);
  for (const t of header.tables)
    if (!known.has(t.name))
      throw new AppError(
        'validation',
        `${file} does not fit this version of PBIS: it holds a table ${t.name} that this database does not have; ${nothing}`,
      );
  for (const t of backupTables)
    if (!listed.has(t))
      throw new AppError(
        'validation',
        `${file} does not fit this version of PBIS: it has no table ${t}; ${nothing}`,
      );
  if (header.version < 2) {
    if (opts.acceptUnsigned) return { signed: false };
    throw new AppError(
      'validation',
      `${file} is a version-1 backup, which is not signed; ${nothing}. If you trust it, restore it with --accept-unsigned`,
    );
  }
  if (sameMac(trailer!.hmac, computed.hmac)) return { signed: true };
  if (opts.acceptUnsigned) return { signed: false };
  const why =
    header.keyId === opts.keyId
      ? 'it was edited after it was signed'
      : `it was signed with another installation key (${header.keyId ?? 'unknown'}; this installation's is ${opts.keyId}), or edited`;
  throw new AppError(
    'validation',
    `${file} is not signed with this installation's key: ${why}; ${nothing}. Set PBIS_KEY_FILE to the pbis.key of the installation that made it, or, if you trust the file, restore it with --accept-unsigned`,
  );
}
