/**
 * Internal lexer shared by `parseDecimal` and `parseBaht`: turns a typed number into sign, integer
 * digits and fraction digits, or throws an AppError('validation') that says exactly what is wrong.
 */
import { AppError } from './errors.js';
import { fromThaiDigits } from './thai-digits.js';

export interface NumberText {
  readonly negative: boolean;
  readonly integerDigits: string;
  readonly fractionDigits: string;
  /** The input as typed (trimmed), for messages. */
  readonly shown: string;
}

const MAX_LENGTH = 100;
const GROUPED = /^\d{1,3}(,\d{3})+$/;

function fail(message: string, input: string): never {
  throw new AppError('validation', message, { input });
}

/** Splits `raw` into sign and digits. `label` names the thing in messages ("number", "amount"). */
export function lexNumberText(raw: string, label: string): NumberText {
  const shown = raw.trim();
  if (shown === '') fail(`empty ${label}`, raw);
  if (shown.length > MAX_LENGTH)
    fail(`${label} too long (more than ${MAX_LENGTH} characters)`, raw);
  let text = fromThaiDigits(shown);
  let negative = false;
  const first = text[0];
  if (first === '-' || first === '+' || first === '\u2212') {
    negative = first !== '+';
    text = text.slice(1).trimStart();
  }
  if (/^(nan|[+-]?infinity|inf)$/i.test(text)) fail(`not a finite ${label}: '${shown}'`, raw);
  if (/^[\d.,]+e[+-]?\d+$/i.test(text))
    fail(`exponent notation is not accepted: '${shown}' (write the digits out)`, raw);
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) fail(`not a number: '${shown}'`, raw);
  const parts = text.split('.');
  if (parts.length > 2) fail(`two decimal points in '${shown}'`, raw);
  const [integerPart = '', fractionPart] = parts;
  if (fractionPart !== undefined && fractionPart.includes(',')) {
    fail(`thousands separator after the decimal point in '${shown}'`, raw);
  }
  if (integerPart.includes(',') && !GROUPED.test(integerPart)) {
    fail(`misplaced thousands separator in '${shown}' (groups of three digits: 1,234,567)`, raw);
  }
  if (integerPart === '')
    fail(`no digits before the decimal point in '${shown}' (write 0${text})`, raw);
  if (fractionPart === '') fail(`no digits after the decimal point in '${shown}'`, raw);
  return {
    negative,
    integerDigits: integerPart.replaceAll(',', ''),
    fractionDigits: fractionPart ?? '',
    shown,
  };
}
