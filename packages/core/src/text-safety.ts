/**
 * What text may reach the database and the screen. PostgreSQL refuses NUL in text; other control
 * characters corrupt files and logs; format characters (zero-width, bidirectional overrides) make
 * look-alike names. These are the rules every input boundary applies: the HTTP schemas, the
 * import pipeline and the CLI.
 */

/** C0 controls except TAB, LF, CR; DEL; C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
/** Any C0/C1 control, including TAB, LF and CR (for one-line values such as names). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_ANY = /[\u0000-\u001F\u007F-\u009F]/u;
/** Lone surrogates cannot be stored as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
/**
 * Format characters (Unicode category Cf): zero-width spaces and joiners, soft hyphen, the
 * bidirectional marks, embeddings, overrides and isolates, BOM, and the rest of the category.
 */
const FORMAT = /\p{Cf}/gu;

export type TextProblem = 'control_character' | 'invalid_unicode';

/**
 * The first problem of a text that no input may carry, or undefined.
 * `multiline` allows TAB, LF and CR (comments, reasons); one-line values refuse them too.
 */
export function textProblem(
  text: string,
  opts: { multiline?: boolean } = {},
): TextProblem | undefined {
  if ((opts.multiline ? CONTROL : CONTROL_ANY).test(text)) return 'control_character';
  if (LONE_SURROGATE.test(text)) return 'invalid_unicode';
  return undefined;
}

/** A one-line reason a person can read, for `textProblem`'s answer. */
export function describeTextProblem(problem: TextProblem): string {
  return problem === 'control_character'
    ? 'contains a control character (such as NUL); remove it'
    : 'contains invalid Unicode (a lone surrogate)';
}

/** Removes format characters (zero-width, bidi overrides, soft hyphen, BOM). */
export const stripFormatCharacters = (text: string): string => text.replace(FORMAT, '');
