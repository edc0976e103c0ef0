/*
 * The database's own error under the query builder's wrapper. Drizzle wraps a failed statement
 * in an error whose message repeats the SQL and every parameter (row values, password hashes):
 * what may be shown or logged is only PostgreSQL's reason, found here.
 */

export interface DriverError {
  message: string;
  /** SQLSTATE, e.g. 23505. */
  code: string;
  constraint?: string | undefined;
  table?: string | undefined;
  detail?: string | undefined;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The PostgreSQL (or PGlite) error in `e` or its causes, if any. */
export function driverError(e: unknown): DriverError | undefined {
  let at = e as { code?: unknown; message?: unknown; cause?: unknown } | null | undefined;
  for (let depth = 0; at && typeof at === 'object' && depth < 4; depth++) {
    if (typeof at.code === 'string' && SQLSTATE.test(at.code) && typeof at.message === 'string')
      return at as DriverError;
    at = at.cause as typeof at;
  }
  return undefined;
}

/**
 * PostgreSQL's reason for a refused statement in one line: message, SQLSTATE, constraint and
 * table — never the statement, its parameters or the row's detail. Data exceptions (class 22)
 * quote the offending value after a colon: it is dropped. `inTable` is left unsaid.
 */
export function databaseReason(e: unknown, inTable?: string): string | undefined {
  const pg = driverError(e);
  if (!pg) return undefined;
  const message = (pg.code.startsWith('22') ? pg.message.replace(/:\s[\s\S]*$/, '') : pg.message)
    .split('\n')[0]!
    .slice(0, 300);
  const extra = [
    `SQLSTATE ${pg.code}`,
    pg.constraint ? `constraint ${pg.constraint}` : undefined,
    pg.table && pg.table !== inTable && !message.includes(`"${pg.table}"`)
      ? `table ${pg.table}`
      : undefined,
  ].filter(Boolean);
  return `${message} (${extra.join(', ')})`;
}
