import { AppError, type AppErrorCode } from '@pbis/core';
import { driverError } from '../../db/errors.js';

const clip = (text: string, max = 240) =>
  Array.from(text).length > max ? `${Array.from(text).slice(0, max).join('')}…` : text;

function codeFor(sqlState: string): AppErrorCode {
  if (sqlState === '23502' || sqlState === '23514' || sqlState.startsWith('22'))
    return 'validation';
  if (sqlState.startsWith('23') || sqlState === '40001' || sqlState === '40P01') return 'conflict';
  return 'internal';
}

/**
 * What a failed write of a valid file tells a person: the database's reason in one short line,
 * never the statement or the values it carried (a failed multi-row INSERT repeats them all).
 * Nothing was written: the transaction rolled back.
 */
export function writeRefusal(e: unknown): AppError {
  if (e instanceof AppError) return e;
  const db = driverError(e);
  if (db?.constraint === 'import_batch_org_kind_hash')
    return new AppError(
      'conflict',
      'the same file was being imported at the same moment by another request; nothing was written by this one',
      { reason: 'import_concurrent' },
    );
  const sqlState = db?.code;
  const reason =
    db?.message ?? (e instanceof RangeError ? e.message : 'the database statement failed');
  // The detail of a duplicate or missing key names it; others repeat the whole row: left out.
  const detail =
    typeof db?.detail === 'string' && (sqlState === '23505' || sqlState === '23503')
      ? ` (${clip(db.detail)})`
      : '';
  return new AppError(
    sqlState ? codeFor(sqlState) : 'internal',
    `the database refused the import, so nothing was written: ${clip(reason)}${detail}`,
    { reason: 'import_refused_by_database', sqlState: sqlState ?? null },
  );
}
