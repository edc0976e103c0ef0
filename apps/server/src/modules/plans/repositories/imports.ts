import { eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { indicatorTarget } from '../schema.js';
import type { TargetInsert } from '../repository.js';

/** An indicator's targets replaced by an import (all years at once, multi-row insert). */
export async function replaceTargets(db: Executor, indicatorId: string, rows: TargetInsert[]) {
  await db.delete(indicatorTarget).where(eq(indicatorTarget.indicatorId, indicatorId));
  if (rows.length) await db.insert(indicatorTarget).values(rows);
}
