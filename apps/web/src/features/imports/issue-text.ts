import type { TFunction } from 'i18next';
import type { ImportIssue } from '@pbis/contract';
import {
  decimalToSatang,
  EXPENSE_CATEGORY_TH,
  FUND_SOURCE_TH,
  formatBaht,
  type ExpenseCategory,
  type FundSource,
} from '@pbis/core';

/*
 * A refused file's problems in the page's language. The server names each problem it knows by a
 * code with its values (`code`, `params`); the words are this module's `issues.<code>`. A problem
 * without a code (one newer than this build) is shown as the server wrote it, marked as such.
 */

const AMOUNT_PARAMS = ['asked', 'available', 'paid', 'open', 'amount'];
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function bahtText(v: string): string {
  try {
    return formatBaht(decimalToSatang(v));
  } catch {
    return v;
  }
}

/** A column's name as the file has it, with its Thai words where the module has them. */
export function columnText(t: TFunction, column: string): string {
  const label = t(`imports:columns.${column}`, { defaultValue: '' });
  return label ? `${column} (${label})` : column;
}

/** The server's description of a line query (`project "…", expense_category capital, …`) in Thai. */
export function lineQueryText(lang: 'th' | 'en', query: string): string {
  if (lang !== 'th') return query;
  return query
    .replace(/expense_category (\w+)/g, (_m, c: string) =>
      c in EXPENSE_CATEGORY_TH ? `งบรายจ่าย ${EXPENSE_CATEGORY_TH[c as ExpenseCategory]}` : _m,
    )
    .replace(/fund_source (\w+)/g, (_m, f: string) =>
      f in FUND_SOURCE_TH ? `แหล่งเงิน ${FUND_SOURCE_TH[f as FundSource]}` : _m,
    )
    .replace(/\bproject_code /g, 'รหัสโครงการ ')
    .replace(/\bproject /g, 'โครงการ ')
    .replace(/\bexpense_item /g, 'รายการ ');
}

export interface IssueFormat {
  lang: 'th' | 'en';
  day: (iso: string) => string;
}

/** The values of a problem as they are shown: baht grouped, days in the page's calendar. */
function shownParams(t: TFunction, issue: ImportIssue, f: IssueFormat): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(issue.params ?? {})) {
    if (AMOUNT_PARAMS.includes(k)) out[k] = bahtText(v);
    else if (k === 'date' && ISO_DAY.test(v)) out[k] = f.day(v);
    else if (k === 'column') out[k] = columnText(t, v);
    else if (k === 'columns')
      out[k] = v
        .split(/,\s*/)
        .map((c) => columnText(t, c))
        .join(', ');
    else if (k === 'query') out[k] = lineQueryText(f.lang, v);
    else out[k] = v;
  }
  return out;
}

/** One problem in words: the module's words for its code, or the server's sentence, marked. */
export function issueText(t: TFunction, issue: ImportIssue, f: IssueFormat): string {
  if (issue.code) {
    const text = t(`imports:issues.${issue.code}`, {
      ...shownParams(t, issue, f),
      defaultValue: '',
      interpolation: { escapeValue: false },
    });
    if (text) return text;
  }
  return t('imports:serverWords', { reason: issue.reason, interpolation: { escapeValue: false } });
}

/** The import's warnings (English sentences of the pipeline) in the page's language where known. */
export function warningText(t: TFunction, warning: string): string {
  const ignored = /^column "(.*)" is not used by (\S+) and was ignored$/.exec(warning);
  if (ignored)
    return t('imports:warnings.columnIgnored', {
      column: ignored[1],
      interpolation: { escapeValue: false },
    });
  const header =
    /^the header is on line (\d+); the (\d+) lines? above it \(titles\) were skipped$/.exec(
      warning,
    );
  if (header)
    return t('imports:warnings.headerBelow', { line: header[1], count: Number(header[2]) });
  return t('imports:serverWords', { reason: warning, interpolation: { escapeValue: false } });
}

/** Bytes as a person reads them (KB and MB of 1,024). */
export function sizeText(bytes: number, lang: 'th' | 'en'): string {
  const locale = lang === 'th' ? 'th-TH' : 'en-GB';
  const n = (v: number, d: number) =>
    v.toLocaleString(locale, { maximumFractionDigits: d, minimumFractionDigits: d });
  if (bytes < 1024) return `${n(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${n(bytes / 1024, 1)} KB`;
  return `${n(bytes / 1024 / 1024, 1)} MB`;
}
