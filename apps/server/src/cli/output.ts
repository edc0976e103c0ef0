import { isAppError } from '@pbis/core';
import { ImportRejected } from '../modules/imports/pipeline.js';

export const EXIT_OK = 0;
export const EXIT_USER_ERROR = 1;
export const EXIT_USAGE = 2;

/** A usage error found after parsing (e.g. an option's value is malformed): exit 2. */
export class UsageError extends Error {}

export const out = (s: string) => process.stdout.write(`${s}\n`);
export const err = (s: string) => process.stderr.write(`${s}\n`);

/** Runs a command body; turns a user's mistake into one line per problem and exit 1. */
export async function runCommand(
  body: () => Promise<number | void>,
  opts: { json?: boolean } = {},
): Promise<number> {
  try {
    return (await body()) ?? EXIT_OK;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`error: ${e.message}`);
      return EXIT_USAGE;
    }
    if (e instanceof ImportRejected) {
      // The first problems by line (at most MAX_LISTED_ISSUES), then how many more there are.
      if (opts.json) out(JSON.stringify({ errors: e.issues, total: e.total, more: e.more }));
      else {
        for (const i of e.issues) err(`line ${i.line}: ${i.reason}`);
        for (const line of e.summaryLines()) err(line);
      }
      return EXIT_USER_ERROR;
    }
    const message = isAppError(e) ? e.message : e instanceof Error ? e.message : String(e);
    if (opts.json) out(JSON.stringify({ errors: [{ line: 0, reason: message }], error: message }));
    else err(`error: ${message}`);
    return EXIT_USER_ERROR;
  }
}
