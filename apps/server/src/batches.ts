/*
 * Long imports in slices: the server keeps answering other requests while a file is read,
 * checked and written, and no statement carries more rows than the database accepts.
 */

/**
 * How long work runs before other requests get a turn. A request needs several turns of the
 * event loop (accept, read, query, reply), so a slice is kept short.
 */
const SLICE_MS = 10;

/** PostgreSQL accepts at most 65,535 bind parameters in one statement; stay far below. */
const PARAMETERS_PER_STATEMENT = 20_000;

/** Lets the event loop run I/O callbacks (other requests) before the work goes on. */
export const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => setImmediate(resolve));

/**
 * Time slices for a loop: `if (turns.due()) await turns.yield();` between two items gives the
 * event loop a turn once the current slice has run for `SLICE_MS`.
 */
export function eventLoopTurns(sliceMs = SLICE_MS) {
  let since = performance.now();
  return {
    due: () => performance.now() - since >= sliceMs,
    async yield(): Promise<void> {
      await yieldToEventLoop();
      since = performance.now();
    },
  };
}

/** Runs `fn` on every item, giving the event loop a turn every few milliseconds. */
export async function forEachInTurns<T>(
  items: readonly T[],
  fn: (item: T, index: number) => void | Promise<void>,
): Promise<void> {
  const turns = eventLoopTurns();
  for (let i = 0; i < items.length; i++) {
    if (turns.due()) await turns.yield();
    const pending = fn(items[i]!, i);
    if (pending) await pending;
  }
}

/** Rows one multi-row INSERT of `columns` columns may carry: at most 1,000. */
export function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.min(1000, Math.floor(PARAMETERS_PER_STATEMENT / Math.max(1, columns))));
}

/**
 * Writes `rows` in statements of `rowsPerStatement(columns)` rows, yielding to the event loop
 * between them; returns what each statement returns, in order. `write` is a repository function
 * that writes one slice in one statement (a multi-row INSERT … RETURNING, an UPDATE … FROM).
 */
export async function writeInBatches<Row, Out>(
  rows: readonly Row[],
  columns: number,
  write: (slice: Row[]) => Promise<Out[]>,
): Promise<Out[]> {
  const size = rowsPerStatement(columns);
  const out: Out[] = [];
  for (let at = 0; at < rows.length; at += size) {
    if (at > 0) await yieldToEventLoop();
    for (const r of await write(rows.slice(at, at + size))) out.push(r);
  }
  return out;
}
