import { AppError } from '@pbis/core';

export interface ImportIssue {
  line: number;
  reason: string;
}

/** A rejected file lists its first problems by line; the rest are counted, not listed. */
export const MAX_LISTED_ISSUES = 1000;
/** A reason never carries more than this of the file's text. */
const MAX_REASON_LENGTH = 1000;

const count = (n: number, what: string) =>
  `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;

/**
 * Every problem of a rejected file, by line; nothing was written. `issues` holds the first
 * `MAX_LISTED_ISSUES` of them (by line), `total` counts them all and `more` the ones not listed.
 */
export class ImportRejected extends AppError {
  readonly issues: ImportIssue[];
  readonly total: number;
  readonly more: number;
  constructor(issues: readonly ImportIssue[]) {
    // A stable sort: the problems of one line keep the order they were found in.
    const sorted = issues.slice().sort((a, b) => a.line - b.line);
    const listed = sorted.slice(0, MAX_LISTED_ISSUES).map((i) => ({
      line: i.line,
      reason:
        i.reason.length > MAX_REASON_LENGTH ? `${i.reason.slice(0, MAX_REASON_LENGTH)}…` : i.reason,
    }));
    const total = sorted.length;
    const more = total - listed.length;
    super('validation', `${count(total, 'problem')} in the file; nothing was imported`, {
      reason: 'import_rejected',
      errors: listed,
      total,
      more,
    });
    this.issues = listed;
    this.total = total;
    this.more = more;
  }

  /** The CLI's last lines: how many were not listed, and the total. */
  summaryLines(): string[] {
    const lines = this.more ? [`… and ${count(this.more, 'more problem')}`] : [];
    lines.push(`${count(this.total, 'problem')}; nothing was imported`);
    return lines;
  }
}
