import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client.js';

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

export async function columnsOf(ex: Executor, table: string): Promise<string[]> {
  const rows = await queryRows<{ column_name: string }>(
    ex,
    sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = ${table} order by ordinal_position`,
  );
  return rows.map((r) => r.column_name);
}

/** True when a table has a bytea column (its rows are files: one row per backup line). */
export async function hasBinaryColumn(ex: Executor, table: string): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(
    ex,
    sql`select count(*)::int as n from information_schema.columns where table_schema = 'public' and table_name = ${table} and data_type = 'bytea'`,
  );
  return rows[0]!.n > 0;
}

export async function countOf(ex: Executor, table: string): Promise<number> {
  const [n] = await queryRows<{ n: number }>(
    ex,
    sql`select count(*)::int as n from ${ident(table)}`,
  );
  return n!.n;
}

/** One chunk of a table's rows as PostgreSQL renders them to JSON, in a stable order. */
export async function chunkOf(
  ex: Executor,
  table: string,
  limit: number,
  offset: number,
): Promise<string> {
  const [r] = await queryRows<{ j: string }>(
    ex,
    sql`select coalesce(json_agg(t)::jsonb, '[]'::jsonb)::text as j from (select * from ${ident(table)} order by 1, 2 limit ${limit} offset ${offset}) t`,
  );
  return r!.j;
}

export async function readOnlySnapshot(ex: Executor): Promise<void> {
  await ex.execute(sql`set transaction isolation level repeatable read, read only`);
}

/** Empties the tables (all of them, those left out of backups included) in one statement. */
export async function truncateAll(ex: Executor, tables: readonly string[]): Promise<void> {
  const all = sql.join(
    tables.map((t) => ident(t)),
    sql`, `,
  );
  await ex.execute(sql`truncate ${all}`);
}

/** Inserts a chunk's rows, naming the backup's columns so newer columns take their defaults. */
export async function insertChunk(
  ex: Executor,
  table: string,
  columns: string[],
  rows: string,
): Promise<void> {
  const list = sql.join(
    columns.map((c) => ident(c)),
    sql`, `,
  );
  await ex.execute(
    sql`insert into ${ident(table)} (${list}) select ${list} from json_populate_recordset(null::${ident(table)}, ${rows}::json)`,
  );
}

export async function firstOrganizationId(ex: Executor): Promise<string | null> {
  const [r] = await queryRows<{ id: string }>(
    ex,
    sql`select id from organization order by created_at, id limit 1`,
  );
  return r?.id ?? null;
}
