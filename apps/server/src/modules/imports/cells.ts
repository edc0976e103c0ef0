import { describeTextProblem, stripFormatCharacters, textProblem } from '@pbis/core';

/*
 * What a cell may hold, on the way in and on the way out. Spreadsheets run a cell that starts
 * with = + - @ (or TAB, CR) as a formula: exports put a ' before such a cell, and imports of
 * CSV and XLSX drop that one ', so an export re-imports to the same values.
 */

/** A formula-like start, possibly behind quotes already (so that `'=x` survives a round trip). */
const FORMULA_START = /^'*[=+\-@\t\r]/;
/** `-1500.00`, `+3`, `42`: a spreadsheet reads these as numbers; they stay as they are. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

const needsQuote = (cell: string) => FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell);

/** A cell as a CSV or XLSX export writes it. */
export function escapeFormula(cell: string): string {
  return needsQuote(cell) ? `'${cell}` : cell;
}

/** A CSV or XLSX cell as the import reads it: the inverse of `escapeFormula`. */
export function unescapeFormula(cell: string): string {
  return cell.startsWith("'") && needsQuote(cell.slice(1)) ? cell.slice(1) : cell;
}

/**
 * Why a cell cannot be imported, or undefined: a control character (NUL, TAB, line breaks…)
 * or invalid Unicode. Cells are one-line values unless the kind lets a column span lines.
 */
export function cellProblem(column: string, cell: string, multiline = false): string | undefined {
  const problem = textProblem(cell, { multiline });
  return problem && `column ${column} ${describeTextProblem(problem)}`;
}

/** A value quoted in a reason, shortened so a problem list stays small whatever the file holds. */
export function quoted(value: string, max = 80): string {
  const chars = Array.from(value);
  return `"${chars.length > max ? `${chars.slice(0, max).join('')}…` : value}"`;
}

/** A file name as it is stored and shown: no control or format characters, at most 200 long. */
export function safeFileName(name: string): string {
  const clean = stripFormatCharacters(
    Array.from(name.normalize('NFC'))
      .map((c) => (textProblem(c) ? '_' : c))
      .join(''),
  ).trim();
  return Array.from(clean || 'upload')
    .slice(-200)
    .join('');
}
