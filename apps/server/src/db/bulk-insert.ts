import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type Executor } from './client.js';

/*
 * Many rows in one statement with one parameter: the rows travel as one JSON array and
 * PostgreSQL turns it into records (json_populate_recordset), as restore does. No bind-parameter
 * limit applies, and on PGlite it is about three times faster than a multi-row VALUES list
 * (20,000 audit rows: 0.7 s against 2.1 s, measured). Column defaults apply to keys left out.
 */

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

/** JSON for PostgreSQL: bigint as its digits, Date as ISO-8601 (JSON.stringify's own). */
const toJson = (rows: unknown[]) =>
  JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

/**
 * Inserts `rows` (keyed by the table's TypeScript field names) into `table` in one statement and
 * returns the inserted rows keyed the same way when `returning` is set. Only the fields present
 * in the first row are written; the others take their column defaults.
 */
export async function insertJsonRows<T extends PgTable>(
  ex: Executor,
  table: T,
  rows: readonly T['$inferInsert'][],
  opts: { returning?: boolean } = {},
): Promise<T['$inferSelect'][]> {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const fields = Object.keys(rows[0]!).filter((f) => f in columns);
  const names = fields.map((f) => columns[f]!.name);
  const json = toJson(
    rows.map((r) =>
      Object.fromEntries(fields.map((f, i) => [names[i], (r as Record<string, unknown>)[f]])),
    ),
  );
  const tableName = ident(getTableName(table));
  const list = sql.join(
    names.map((n) => ident(n)),
    sql`, `,
  );
  const statement: SQL = sql`insert into ${tableName} (${list}) select ${list} from json_populate_recordset(null::${tableName}, ${json}::json)`;
  if (!opts.returning) {
    await ex.execute(statement);
    return [];
  }
  // `returning *` answers with column names; map them back to field names and types.
  const back = Object.entries(columns).map(([field, c]) => [field, c] as const);
  const answered = await queryRows<Record<string, unknown>>(ex, sql`${statement} returning *`);
  return answered.map(
    (row) =>
      Object.fromEntries(
        back.map(([field, c]) => [
          field,
          (c as unknown as { mapFromDriverValue?: (v: unknown) => unknown }).mapFromDriverValue &&
          row[c.name] !== null
            ? (c as unknown as { mapFromDriverValue: (v: unknown) => unknown }).mapFromDriverValue(
                row[c.name],
              )
            : row[c.name],
        ]),
      ) as T['$inferSelect'],
  );
}
