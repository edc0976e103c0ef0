import { AppError } from '@pbis/core';
import type { Database } from '../../db/client.js';
import { withSystemScope } from '../../db/scoped.js';
import { systemActor } from '../auth/actor.js';
import * as repo from './repository.js';
import { planTree, planView } from './service.js';

/*
 * What the public reads without signing in: published plans only. Unpublished plans answer 404
 * as if they did not exist. The reads run in the system scope, limited to published rows here.
 */

export async function publicPlans(
  database: Database,
  q: { fiscalYear?: number | undefined; unitId?: string | undefined },
) {
  const rows = await withSystemScope(database, async (tx) => {
    const orgId = await repo.firstOrganizationId(tx);
    return orgId ? repo.listPlans(tx, orgId, { ...q, publishedOnly: true }) : [];
  });
  return rows.map(planView);
}

export async function publicTree(database: Database, planId: string) {
  const found = await withSystemScope(database, async (tx) => {
    const orgId = await repo.firstOrganizationId(tx);
    const p = orgId ? await repo.getPlan(tx, orgId, planId) : undefined;
    return p && p.plan.publishedAt ? { orgId: orgId!, p } : null;
  });
  if (!found)
    throw new AppError('not_found', 'no such published plan', { reason: 'plan_not_found' });
  return planTree(database, systemActor(found.orgId, 'public'), {
    unitId: found.p.plan.unitId,
    fiscalYear: found.p.plan.fiscalYear,
    planId,
  });
}
