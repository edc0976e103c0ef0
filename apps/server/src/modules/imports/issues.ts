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
  /** `total`: how many problems the file has when `issues` holds only the first of them. */
  constructor(issues: readonly ImportIssue[], total = issues.length) {
    // A stable sort: the problems of one line keep the order they were found in.
    const sorted = issues.slice().sort((a, b) => a.line - b.line);
    const listed = sorted.slice(0, MAX_LISTED_ISSUES).map((i) => ({
      line: i.line,
      reason:
        i.reason.length > MAX_REASON_LENGTH ? `${i.reason.slice(0, MAX_REASON_LENGTH)}…` : i.reason,
    }));
    total = Math.max(total, sorted.length);
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

/**
 * The problems of a file as they are found, held in bounded memory: the first `MAX_LISTED_ISSUES`
 * by line (ties in the order found) are kept, the rest only counted. A file with a million bad
 * rows costs a few thousand issues of memory, and is refused with the same list and total as if
 * every problem had been kept.
 */
export class IssueList {
  private kept: (ImportIssue & { seq: number })[] = [];
  private seq = 0;
  /** Every problem pushed, listed or not. */
  total = 0;

  constructor(private readonly keep = MAX_LISTED_ISSUES) {}

  push(issue: ImportIssue): void {
    this.total++;
    this.kept.push({ line: issue.line, reason: issue.reason, seq: this.seq++ });
    if (this.kept.length >= this.keep * 2) this.trim();
  }

  get length(): number {
    return this.total;
  }

  private trim() {
    this.kept.sort((a, b) => a.line - b.line || a.seq - b.seq);
    this.kept.length = Math.min(this.kept.length, this.keep);
  }

  /** The first problems by line (at most `keep`). */
  listed(): ImportIssue[] {
    this.trim();
    return this.kept.map(({ line, reason }) => ({ line, reason }));
  }

  /** The refusal of the file: its listed problems and the true total. */
  rejection(): ImportRejected {
    return new ImportRejected(this.listed(), this.total);
  }
}
