import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from '../db/client.js';
import type { Client } from './harness.js';

/*
 * Shared fixtures of the users, periods, audit, imports, backup and CLI tests: file builders
 * (CSV in UTF-8 / TIS-620, XLSX), a multipart upload, and database snapshots to compare.
 */

export const UNIT_COLUMNS = ['code', 'name_th', 'name_en', 'kind', 'analysis_division', 'active'];

/** CSV text from rows of cells (quotes a cell only when it must). */
export function csvText(rows: readonly (readonly string[])[], delimiter = ','): string {
  const cell = (c: string) =>
    c.includes(delimiter) || c.includes('"') || c.includes('\n') ? `"${c.replace(/"/g, '""')}"` : c;
  return rows.map((r) => r.map(cell).join(delimiter)).join('\r\n') + '\r\n';
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export const withBom = (bytes: Uint8Array): Uint8Array =>
  Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]);

/** TIS-620 / Windows-874 bytes: ASCII as is, Thai U+0E01–U+0E5B → 0xA1–0xFB. */
export function windows874(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp >= 0x0e01 && cp <= 0x0e5b) out.push(cp - 0x0e00 + 0xa0);
    else throw new Error(`U+${cp.toString(16)} has no TIS-620 byte`);
  }
  return Uint8Array.from(out);
}

/** An XLSX workbook with one sheet holding `rows` from A1. */
export async function xlsxBytes(
  rows: readonly (readonly (string | number)[])[],
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('units');
  for (const r of rows) sheet.addRow([...r]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The first bytes of an OLE compound file (an old Excel .xls), then filler. */
export const OLE_XLS = Uint8Array.from([
  0xd0,
  0xcf,
  0x11,
  0xe0,
  0xa1,
  0xb1,
  0x1a,
  0xe1,
  ...new Array<number>(504).fill(0),
]);

/** POST /api/v1/imports/KIND with the file as multipart field "file". */
export function upload(
  app: FastifyInstance,
  client: Client,
  kind: string,
  file: { bytes: Uint8Array; name: string },
  query = '',
): Promise<LightMyRequestResponse> {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(file.bytes)]), file.name);
  return app.inject({
    method: 'POST',
    url: `/api/v1/imports/${kind}${query}`,
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken },
    payload: form,
  });
}

/**
 * `fn` in a transaction as the database's owner (the session user), not the application's role:
 * no row-level security, and what the application may not do (disable a trigger, edit the audit
 * trail) is allowed. For tests that look at or damage the stored rows behind the server's back.
 */
export async function asOwner<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', session_user, true)`);
    return fn(tx);
  });
}

/** Raw SQL as the database's owner (see asOwner): every row, whatever the scope. */
export const ownerRows = <T = Record<string, unknown>>(database: Database, query: SQL) =>
  asOwner(database, (tx) => queryRows<T>(tx, query));

export async function countRows(database: Database, table: string, where = sql`true`) {
  const [r] = await ownerRows<{ n: number }>(
    database,
    sql`select count(*)::int as n from ${sql.raw(`"${table}"`)} where ${where}`,
  );
  return r!.n;
}

/** The database's own list of its tables (the catalogue), by name: not the schema's list. */
export async function catalogueTables(database: Database): Promise<string[]> {
  const rows = await ownerRows<{ name: string }>(
    database,
    sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  return rows.map((r) => r.name);
}

/**
 * Every table the database has (its catalogue, so a table the code forgets is still compared) as
 * it renders it to JSON (`select * … order by 1, 2`), timestamps in UTC so PGlite and PostgreSQL
 * print the same text for the same data.
 */
export async function snapshot(database: Database): Promise<Record<string, string>> {
  const tables = await catalogueTables(database);
  return asOwner(database, async (tx) => {
    await tx.execute(sql`set local timezone to 'UTC'`);
    const out: Record<string, string> = {};
    for (const t of tables) {
      const [r] = await queryRows<{ j: string }>(
        tx,
        sql`select coalesce(json_agg(t), '[]')::text as j from (select * from ${sql.raw(`"${t}"`)} order by 1, 2) t`,
      );
      out[t] = r!.j;
    }
    return out;
  });
}

/** The audit trail as text, for searching it for what must never be there. */
export async function auditText(database: Database): Promise<string> {
  const [r] = await ownerRows<{ j: string }>(
    database,
    sql`select coalesce(json_agg(a order by seq), '[]')::text as j from audit_log a`,
  );
  return r!.j;
}

export interface AuditRowView {
  seq: number;
  action: string;
  entity: string;
  entity_id: string | null;
  user_id: string | null;
  username: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Audit rows of one entity id, oldest first (jsonb parsed by the driver). */
export async function auditOf(database: Database, entityId: string): Promise<AuditRowView[]> {
  const rows = await ownerRows<AuditRowView>(
    database,
    sql`select seq::int as seq, action, entity, entity_id, user_id, username, before, after from audit_log where entity_id = ${entityId} order by seq`,
  );
  return rows.map((r) => ({
    ...r,
    before: typeof r.before === 'string' ? (JSON.parse(r.before) as never) : r.before,
    after: typeof r.after === 'string' ? (JSON.parse(r.after) as never) : r.after,
  }));
}

/** The message of a rejected database call, including the driver's cause under drizzle's wrapper. */
export async function dbFailure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as Error & { cause?: Error };
    return `${err.message} | ${err.cause?.message ?? ''}`;
  }
  throw new Error('expected the database to refuse');
}

/** Today as a Bangkok calendar day, YYYY-MM-DD, shifted by `days`. */
export function bangkokDay(days = 0, from = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(
    new Date(from.getTime() + days * 86_400_000),
  );
}
