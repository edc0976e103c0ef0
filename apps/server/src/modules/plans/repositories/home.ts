import { asc, inArray } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { indicator } from '../schema.js';

/** The indicators of several plans at once (the home-page cards read every plan in scope). */
export async function indicatorsOfPlans(db: Executor, planIds: readonly string[]) {
  if (planIds.length === 0) return [];
  return db
    .select()
    .from(indicator)
    .where(inArray(indicator.actionPlanId, [...planIds]))
    .orderBy(asc(indicator.code));
}
