import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { AppError } from '@pbis/core';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { migrateDatabase, queryRows, type Executor } from '../../db/client.js';
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

async function columnsOf(ex: Executor, table: string): Promise<string[]> {
  const rows = await queryRows<{ column_name: string }>(
    ex,
    sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = ${table} order by ordinal_position`,
  );
  return rows.map((r) => r.column_name);
}

function openOut(file: string, gzip: boolean) {
  const out = fs.createWriteStream(file);
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
        tables.push({ name, columns: await columnsOf(tx, name), rows: n!.n });
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
            sql`select coalesce(json_agg(t)::jsonb, '[]'::jsonb)::text as j from (select * from ${ident(t.name)} order by 1, 2 limit ${CHUNK} offset ${offset}) t`,
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

/** The file's lines, gunzipped when it is gzip; a truncated or corrupt file is a validation error. */
async function* lines(file: string): AsyncGenerator<string> {
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

async function readHeader(file: string): Promise<Header> {
  if (!fs.existsSync(file)) throw new AppError('validation', `no such file: ${file}`);
  let first: string | undefined;
  try {
    for await (const line of lines(file)) {
      first = line;
      break;
    }
  } catch {
    throw new AppError('validation', `${file} is not a PBIS backup (unreadable)`);
  }
  let header: Header;
  try {
    header = JSON.parse(first ?? '') as Header;
  } catch {
    throw new AppError('validation', `${file} is not a PBIS backup (unreadable header)`);
  }
  if (header?.format !== BACKUP_FORMAT)
    throw new AppError('validation', `${file} is not a PBIS backup`);
  if (header.version > BACKUP_VERSION)
    throw new AppError(
      'validation',
      `backup format ${header.version} is newer than this PBIS understands (${BACKUP_VERSION})`,
    );
  return header;
}

/** The table chunks after the header, rows kept as text: PostgreSQL parses them, not JavaScript. */
async function* chunks(file: string): AsyncGenerator<{ table: string; rows: string }> {
  const known = new Set<string>(tablesInLoadOrder);
  let header = true;
  for await (const line of lines(file)) {
    if (header) {
      header = false;
      continue;
    }
    const m = CHUNK_LINE.exec(line);
    if (!m) throw new AppError('validation', `${file} is damaged (a line is not a table chunk)`);
    const table = JSON.parse(m[1]!) as string;
    if (!known.has(table))
      throw new AppError('validation', `${file} holds an unknown table ${table}`);
    yield { table, rows: m[2]! };
  }
}

/**
 * Replaces all data with the backup in one transaction: the file is checked through first, the
 * schema migrated to this version, then every table emptied and loaded. On any error nothing changes.
 */
export async function restore(database: Database, file: string): Promise<Header> {
  const header = await readHeader(file);
  for await (const _chunk of chunks(file)); // read it all once: a damaged file changes nothing
  await migrateDatabase(database);
  const columns = new Map(header.tables.map((t) => [t.name, t.columns]));
  const all = sql.join(
    tablesInLoadOrder.map((t) => ident(t)),
    sql`, `,
  );
  await database.db.transaction(async (tx) => {
    // The audit trail's triggers refuse TRUNCATE; a restore replaces the trail as a whole.
    await tx.execute(sql`alter table audit_log disable trigger user`);
    await tx.execute(sql`truncate ${all}`);
    for await (const chunk of chunks(file)) {
      const list = sql.join(
        (columns.get(chunk.table) ?? []).map((c) => ident(c)),
        sql`, `,
      );
      await tx.execute(
        sql`insert into ${ident(chunk.table)} (${list}) select ${list} from json_populate_recordset(null::${ident(chunk.table)}, ${chunk.rows}::json)`,
      );
    }
    await tx.execute(sql`alter table audit_log enable trigger user`);
  });
  return header;
}
