import fs from 'node:fs';
import { AppError } from '@pbis/core';
import type { Database } from '../../db/client.js';
import type { Actor } from '../auth/actor.js';
import { findPlanOfUnit } from './document.js';
import { actionPlanReport } from './report.js';

/**
 * `pbis report action-plan --year 2565 --unit <code or exact Thai name> --format pdf|xlsx
 * [--out plan.pdf]`: the unit's plan in use for the year (its newest revision), built from the
 * database and rendered; without --out the file goes to standard output.
 */
export async function actionPlanReportCommand(
  ctx: { database: Database; actor: Actor },
  o: { year: string; unit?: string | undefined; format: string; out?: string | undefined },
  print: { err(line: string): void; stdout(body: Buffer): void } = {
    err: (line) => process.stderr.write(`${line}\n`),
    stdout: (body) => process.stdout.write(body),
  },
): Promise<number> {
  if (!o.unit?.trim())
    throw new AppError(
      'validation',
      'the action-plan report needs --unit <code or exact Thai name>',
      {
        reason: 'invalid_option',
      },
    );
  if (o.format !== 'pdf' && o.format !== 'xlsx')
    throw new AppError(
      'validation',
      `format ${o.format} is not available for the action plan (pdf, xlsx)`,
      {
        reason: 'invalid_option',
      },
    );
  const planId = await findPlanOfUnit(ctx.database, ctx.actor, o.unit, o.year);
  const file = await actionPlanReport(ctx.database, ctx.actor, planId, o.format);
  if (o.out) {
    fs.writeFileSync(o.out, file.body);
    print.err(`wrote ${o.out}${file.pages !== undefined ? ` (${file.pages} pages)` : ''}`);
  } else print.stdout(file.body);
  return 0;
}
