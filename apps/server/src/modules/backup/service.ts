import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { AppError } from '@pbis/core';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { migrateDatabase, queryRows } from '../../db/client.js';
import { tablesInLoadOrder } from '../../db/schema.js';

/*
 * A backup is JSON Lines (gzip when the name ends in .gz): one header line, then one line per
 * chunk of a table's rows as PostgreSQL itself renders them (json_agg), so numbers and texts
 * travel exactly — no JavaScript number ever touches a bigint. Restore lets PostgreSQL parse
 * them back (json_populate_recordset). The same file moves data between PGlite and PostgreSQL.
 */
export const BACKUP_FORMAT = 'pbis-backup';
export const BACKUP_VERSION = 1;
const CHUNK = 5000;
const CHUNK_LINE = /^\{"table":("(?:[^"\\]|\\.)*"),"rows":(\[.*\])\}$/s;

interface Header {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  source: string;
  tables: { name: string; columns: string[]; rows: number }[];
}

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

async function columnsOf(database: Database, table: string): Promise<string[]> {
  const rows = await database.rows<{ column_name: string }>(
    sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = ${table} order by ordinal_position`,
  );
  return rows.map((r) => r.column_name);
}

function openOut(file: string) {
  const out = fs.createWriteStream(file);
  if (!file.endsWith('.gz'))
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
  const out = openOut(tmp);
  let header: Header | undefined;
  try {
    // One transaction: the backup is a consistent snapshot.
    await database.db.transaction(async (tx) => {
      if (database.dialect === 'postgres')
        await tx.execute(sql`set transaction isolation level repeatable read, read only`);
      const tables: Header['tables'] = [];
      for (const name of tablesInLoadOrder) {
        const [n] = await queryRows<{ n: number }>(
          tx,
          sql`select count(*)::int as n from ${ident(name)}`,
        );
        tables.push({ name, columns: await columnsOf(database, name), rows: n!.n });
      }
      header = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        source: database.dialect,
        tables,
      };
      out.write(`${JSON.stringify(header)}\n`);
      for (const t of tables) {
        for (let offset = 0; offset < t.rows; offset += CHUNK) {
          const [r] = await queryRows<{ j: string }>(
            tx,
            sql`select coalesce(json_agg(t), '[]')::text as j from (select * from ${ident(t.name)} order by 1, 2 limit ${CHUNK} offset ${offset}) t`,
          );
          out.write(`{"table":${JSON.stringify(t.name)},"rows":${r!.j}}\n`);
        }
      }
    });
    await out.end();
  } catch (e) {
    await out.end().catch(() => undefined);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.renameSync(tmp, file);
  return header!;
}

async function* lines(file: string): AsyncGenerator<string> {
  const raw = fs.createReadStream(file);
  const gzipped = await new Promise<boolean>((resolve, reject) => {
    const fd = fs.openSync(file, 'r');
    const b = Buffer.alloc(2);
    fs.readSync(fd, b, 0, 2, 0);
    fs.closeSync(fd);
    resolve(b[0] === 0x1f && b[1] === 0x8b);
    raw.on('error', reject);
  });
  const input = gzipped ? raw.pipe(zlib.createGunzip()) : raw;
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  for await (const line of rl) if (line.trim()) yield line;
}

/**
 * Replaces everything in the database with the backup, in one transaction: the schema is
 * dropped and migrated anew, then the rows are loaded. On any error nothing changes.
 */
export async function restore(database: Database, file: string): Promise<Header> {
  if (!fs.existsSync(file)) throw new AppError('validation', `no such file: ${file}`);
  const it = lines(file)[Symbol.asyncIterator]();
  const first = await it.next().catch(() => ({ done: true, value: '' }));
  let header: Header;
  try {
    header = JSON.parse(first.value ?? '') as Header;
  } catch {
    throw new AppError('validation', `${file} is not a PBIS backup (unreadable header)`);
  }
  if (header.format !== BACKUP_FORMAT)
    throw new AppError('validation', `${file} is not a PBIS backup`);
  if (header.version > BACKUP_VERSION)
    throw new AppError(
      'validation',
      `backup format ${header.version} is newer than this PBIS understands (${BACKUP_VERSION})`,
    );
  const known = new Set<string>(tablesInLoadOrder);
  const columns = new Map(header.tables.map((t) => [t.name, t.columns]));

  await database.db.transaction(async (tx) => {
    await tx.execute(sql`drop schema if exists drizzle cascade`);
    await tx.execute(sql`drop schema public cascade`);
    await tx.execute(sql`create schema public`);
  });
  // Migrations run in their own transaction; if the load below fails the database is empty
  // but valid, and the same restore can be run again.
  await migrateDatabase(database);
  await database.db.transaction(async (tx) => {
    for (;;) {
      const next = await it.next();
      if (next.done) break;
      // The rows stay text: PostgreSQL parses them, so no bigint passes through a JS number.
      const m = CHUNK_LINE.exec(next.value);
      if (!m) throw new AppError('validation', `${file} is damaged (a line is not a table chunk)`);
      const chunk = { table: JSON.parse(m[1]!) as string, rows: m[2]! };
      if (!known.has(chunk.table))
        throw new AppError('validation', `${file} holds an unknown table ${chunk.table}`);
      const cols = (columns.get(chunk.table) ?? []).map((c) => ident(c));
      const list = sql.join(cols, sql`, `);
      await tx.execute(
        sql`insert into ${ident(chunk.table)} (${list}) select ${list} from json_populate_recordset(null::${ident(chunk.table)}, ${chunk.rows}::json)`,
      );
    }
  });
  return header;
}
