import {
  AppError,
  checkLaggardRules,
  DEFAULT_FORECAST_TARGETS,
  DEFAULT_LAGGARD_RULES,
  staleVersion,
  type LaggardRule,
} from '@pbis/core';
import {
  forecastTargetsSchema,
  laggardRuleSchema,
  type AlertRulesBody,
  type ForecastTargets,
} from '@pbis/contract';
import type { Database, Executor } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import { runWrite } from '../../write.js';
import type { Actor } from '../auth/actor.js';
import * as repo from './repositories/analysis.js';

/*
 * The laggard rules and the forecast targets, as data in execution_rule (kinds `laggard`, one row
 * per rule in order, and `forecast_target`, one row with the targets and the set's version). An
 * organisation that has saved none uses the core's defaults (the seed's activity 2) at version 1.
 */

export interface AnalysisRules {
  version: number;
  isDefault: boolean;
  rules: LaggardRule[];
  targets: { disbursementRate: string; carryOverRate: string };
}

const defaults = (): AnalysisRules => ({
  version: 1,
  isDefault: true,
  rules: DEFAULT_LAGGARD_RULES.map((r) => ({ ...r })),
  targets: { ...DEFAULT_FORECAST_TARGETS },
});

/** The rules and targets in force (read in whatever transaction or scope `db` is). */
export async function loadRules(db: Executor, organizationId: string): Promise<AnalysisRules> {
  const rows = await repo.rulesOf(db, organizationId);
  const target = rows.find((r) => r.kind === 'forecast_target');
  if (!target) return defaults();
  const t = target.rule as ForecastTargets & { version?: number };
  return {
    version: typeof t.version === 'number' ? t.version : 1,
    isDefault: false,
    rules: rows
      .filter((r) => r.kind === 'laggard')
      .map((r) => laggardRuleSchema.parse(r.rule) as LaggardRule),
    targets: forecastTargetsSchema.parse({
      disbursementRate: t.disbursementRate,
      carryOverRate: t.carryOverRate,
    }),
  };
}

export const getRules = (database: Database, actor: Actor) =>
  withScope(database, actor, (db) => loadRules(db, actor.organizationId));

/** Drops absent optional fields, so the stored JSON holds only what was said. */
const clean = (r: LaggardRule): Record<string, unknown> =>
  Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined));

/**
 * Replaces the rules and targets (PUT /execution/alert-rules): validated (the route's schema,
 * then the core's checks), the version compared under a lock (409 stale_version), one audit entry.
 */
export async function putRules(
  database: Database,
  actor: Actor,
  body: AlertRulesBody,
): Promise<AnalysisRules> {
  const rules = body.rules as LaggardRule[];
  try {
    checkLaggardRules(rules);
  } catch (e) {
    if (e instanceof AppError)
      throw new AppError('validation', e.message, { reason: 'invalid_request' });
    throw e;
  }
  return runWrite(database, actor, async ({ tx, audit }) => {
    await repo.lockRules(tx, actor.organizationId);
    const before = await loadRules(tx, actor.organizationId);
    if (before.version !== body.version)
      throw staleVersion('the alert rules', body.version, before.version);
    const after: AnalysisRules = {
      version: before.version + 1,
      isDefault: false,
      rules: rules.map((r) => clean(r) as unknown as LaggardRule),
      targets: { ...body.targets },
    };
    await repo.replaceRules(tx, actor.organizationId, [
      ...after.rules.map((r) => ({ kind: 'laggard' as const, rule: clean(r) })),
      { kind: 'forecast_target', rule: { ...after.targets, version: after.version } },
    ]);
    audit({
      action: 'update',
      entity: 'execution_rule',
      entityId: 'laggard',
      before: { version: before.version, rules: before.rules, targets: before.targets },
      after: { version: after.version, rules: after.rules, targets: after.targets },
    });
    return after;
  });
}
