import { randomUUID } from 'node:crypto';
import {
  AppError,
  addDecimal,
  decimalToString,
  fiscalMonthOfDate,
  fiscalYearOfDate,
  indicatorStatus,
  isoOf,
  monthsElapsedAt,
  parseBaht,
  parseCriteria,
  parseDecimal,
  parseEntryDate,
  parseFiscalYear,
  rollUpBudget,
  satangToDecimalString,
  scoreResult,
  staleVersion,
  statusCounts,
  validateCriteria,
  validateWorkPlan,
  weightedScore,
  type CivilDate,
  type IndicatorStatus,
  type RollupNode,
} from '@pbis/core';
import type { Database, Executor } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import { runWrite } from '../../write.js';
import type { Actor } from '../auth/actor.js';
import { moneyIndicators } from '../execution/money.js';
import * as repo from './repository.js';

/*
 * Plans, indicators, results and work plans (issue 14). Reads run in the actor's scope (row-level
 * security: an officer's unit, an analyst's division, everything for the Budget Office); writes
 * go through runWrite with the plan's unit declared, so an officer of another unit gets 404.
 */

const baht = satangToDecimalString;

const notFound = (reason: string, what: string) =>
  new AppError('not_found', `no such ${what}`, { reason });

/** A decimal typed by a user, as exact text, or 400 with the field named. */
function decimalText(value: string | number, field: string): string {
  try {
    return decimalToString(parseDecimal(value));
  } catch (e) {
    throw new AppError('validation', `${field}: ${(e as Error).message}`, {
      reason: 'invalid_request',
      fields: [{ path: field, reason: 'invalid_format', message: (e as Error).message }],
    });
  }
}

/** numeric columns come back as "95.0000": drop the zeros a user did not type. */
export function trimDecimal(v: string): string;
export function trimDecimal(v: string | null): string | null;
export function trimDecimal(v: string | null): string | null {
  if (v === null) return null;
  return v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v;
}

function amount(text: string | undefined | null, field: string): bigint | null {
  if (text === undefined || text === null) return null;
  try {
    return parseBaht(text);
  } catch (e) {
    throw new AppError('validation', `${field}: ${(e as Error).message}`, {
      reason: 'invalid_request',
      fields: [{ path: field, reason: 'invalid_format', message: (e as Error).message }],
    });
  }
}

function criteriaOf(json: Record<string, unknown> | null | undefined) {
  if (json === null || json === undefined) return null;
  try {
    return parseCriteria(json);
  } catch (e) {
    throw new AppError('validation', (e as Error).message, {
      reason: 'invalid_criteria',
      problems:
        (
          (e as AppError).details as { issues?: { message: string; path: unknown[] }[] }
        )?.issues?.map((i) => `${i.path.join('.') || 'criteria'}: ${i.message}`) ?? [],
    });
  }
}

// --- scoring --------------------------------------------------------------------------------

export interface ScoreView {
  level: number | null;
  points: string | null;
  weightedScore: string | null;
  problem: { code: 'result_not_scored' | 'no_criteria'; message: string } | null;
}

/**
 * The engine's score of one result: level and points, the weighted score where the criteria give
 * a score (linear, step_sum) and the indicator has a weight. A result the criteria cannot score
 * (a gap, two bands, out of range) says so in `problem`, with the engine's words — no level.
 */
export function scoreOf(
  ind: Pick<repo.IndicatorRow, 'criteria' | 'weight'>,
  value: string,
): ScoreView {
  if (!ind.criteria)
    return {
      level: null,
      points: null,
      weightedScore: null,
      problem: { code: 'no_criteria', message: 'the indicator has no scoring criteria' },
    };
  try {
    const outcome = scoreResult(parseCriteria(ind.criteria), value);
    const score = 'score' in outcome ? outcome.score : null;
    return {
      level: outcome.level,
      points: outcome.points,
      weightedScore:
        score !== null && ind.weight !== null ? weightedScore(score, ind.weight) : null,
      problem: null,
    };
  } catch (e) {
    return {
      level: null,
      points: null,
      weightedScore: null,
      problem: { code: 'result_not_scored', message: (e as Error).message },
    };
  }
}

// --- action plans ---------------------------------------------------------------------------

export function planView(p: repo.PlanWithUnit) {
  return {
    id: p.plan.id,
    unitId: p.plan.unitId,
    unitCode: p.unitCode,
    unitName: p.unitName,
    fiscalYear: p.plan.fiscalYear,
    revision: p.plan.revision,
    latest: p.plan.revision === p.latestRevision,
    developmentPlanId: p.plan.developmentPlanId,
    copiedFromId: p.plan.copiedFromId,
    titleTh: p.plan.titleTh,
    synthetic: p.plan.synthetic,
    publishedAt: p.plan.publishedAt,
    version: p.plan.version,
  };
}

export async function listPlans(
  database: Database,
  actor: Actor,
  q: { fiscalYear?: number | undefined; unitId?: string | undefined },
) {
  const rows = await withScope(database, actor, (db) =>
    repo.listPlans(db, actor.organizationId, q),
  );
  return rows.map(planView);
}

async function readPlan(database: Database, actor: Actor, id: string) {
  const p = await withScope(database, actor, (db) => repo.getPlan(db, actor.organizationId, id));
  if (!p) throw notFound('plan_not_found', 'action plan');
  return p;
}

export async function createPlan(
  database: Database,
  actor: Actor,
  body: {
    unitId: string;
    fiscalYear: number | string;
    developmentPlanId?: string | null | undefined;
    titleTh?: string | undefined;
  },
) {
  const fiscalYear = parseFiscalYear(body.fiscalYear);
  return runWrite(database, actor, { units: [body.unitId] }, async ({ tx, audit }) => {
    const existing = await repo.latestPlan(tx, actor.organizationId, body.unitId, fiscalYear);
    if (existing)
      throw new AppError('conflict', `the unit already has a plan for ${fiscalYear}`, {
        reason: 'plan_exists',
        planId: existing.plan.id,
      });
    const row = await repo.insertPlan(tx, {
      organizationId: actor.organizationId,
      unitId: body.unitId,
      fiscalYear,
      developmentPlanId: body.developmentPlanId ?? null,
      titleTh: body.titleTh ?? '',
    });
    audit({ action: 'create', entity: 'action_plan', entityId: row.id, after: row });
    return planView((await repo.getPlan(tx, actor.organizationId, row.id))!);
  });
}

/**
 * Copies a plan to the next fiscal year as a new revision there (the old plan is kept): its
 * statements, mission tasks, projects, indicators with their targets, and work-plan steps. Results,
 * evidence and progress belong to their year and stay behind. The copy is not published.
 */
export async function copyForward(database: Database, actor: Actor, id: string, version: number) {
  const source = await readPlan(database, actor, id);
  if (source.plan.version !== version)
    throw staleVersion('action plan', version, source.plan.version);
  const fiscalYear = source.plan.fiscalYear + 1;
  return runWrite(database, actor, { units: [source.plan.unitId] }, async ({ tx, audit }) => {
    const c = await repo.planContents(tx, id);
    const revision = (await repo.maxRevision(tx, source.plan.unitId, fiscalYear)) + 1;
    const plan = await repo.insertPlan(tx, {
      organizationId: actor.organizationId,
      unitId: source.plan.unitId,
      fiscalYear,
      revision,
      developmentPlanId: source.plan.developmentPlanId,
      copiedFromId: id,
      titleTh: source.plan.titleTh,
      synthetic: source.plan.synthetic,
    });
    const ids = new Map<string, string>();
    const idOf = (old: string | null) => {
      if (old === null) return null;
      let n = ids.get(old);
      if (!n) ids.set(old, (n = randomUUID()));
      return n;
    };
    const base = {
      organizationId: actor.organizationId,
      unitId: plan.unitId,
      actionPlanId: plan.id,
    };
    await repo.insertMany(tx, {
      statements: c.statements.map((s) => ({
        ...base,
        kind: s.kind,
        position: s.position,
        textTh: s.textTh,
        textEn: s.textEn,
      })),
      missionTasks: c.missionTasks.map((m) => ({
        ...base,
        id: idOf(m.id)!,
        goalId: m.goalId,
        code: m.code,
        nameTh: m.nameTh,
        nameEn: m.nameEn,
        position: m.position,
      })),
      projects: c.projects.map((p) => ({
        ...base,
        id: idOf(p.id)!,
        parentId: idOf(p.parentId),
        measureId: p.measureId,
        kind: p.kind,
        code: p.code,
        nameTh: p.nameTh,
        nameEn: p.nameEn,
        responsibleUnitId: p.responsibleUnitId,
        responsibleDivision: p.responsibleDivision,
        budgetSatang: p.budgetSatang,
        ceilingSatang: p.ceilingSatang,
        position: p.position,
      })),
      indicators: c.indicators.map((i) => ({
        ...base,
        id: idOf(i.id)!,
        level: i.level,
        strategyNodeId: i.strategyNodeId,
        missionTaskId: idOf(i.missionTaskId),
        code: i.code,
        nameTh: i.nameTh,
        nameEn: i.nameEn,
        unitOfMeasure: i.unitOfMeasure,
        direction: i.direction,
        definition: i.definition,
        calculationMethod: i.calculationMethod,
        evidenceRequired: i.evidenceRequired,
        criteria: i.criteria,
        weight: i.weight,
        responsibleUnitId: i.responsibleUnitId,
        source: i.source,
        computedSource: i.computedSource,
        position: i.position,
      })),
      targets: c.targets.map((t) => ({
        indicatorId: idOf(t.indicatorId)!,
        fiscalYear: t.fiscalYear,
        kind: t.kind,
        value: t.value,
        note: t.note,
      })),
      steps: c.steps.map((s) => ({
        projectId: idOf(s.projectId)!,
        stepNo: s.stepNo,
        nameTh: s.nameTh,
        weight: s.weight,
        plannedCumulative: s.plannedCumulative,
        plannedMonths: s.plannedMonths,
      })),
    });
    audit({
      action: 'copy_forward',
      entity: 'action_plan',
      entityId: plan.id,
      after: {
        ...plan,
        copiedFrom: id,
        projects: c.projects.length,
        indicators: c.indicators.length,
      },
    });
    return planView((await repo.getPlan(tx, actor.organizationId, plan.id))!);
  });
}

/** Publishing (or withdrawing) a plan: an explicit act of its own in the audit trail. */
export async function publishPlan(
  database: Database,
  actor: Actor,
  id: string,
  body: { version: number; published: boolean },
) {
  const p = await readPlan(database, actor, id);
  return runWrite(database, actor, { units: [p.plan.unitId] }, async ({ tx, audit, now }) => {
    const after = await repo.setPublished(
      tx,
      id,
      body.version,
      body.published ? { at: now, by: actor.userId } : { at: null, by: null },
      now,
    );
    if (!after) throw staleVersion('action plan', body.version, p.plan.version);
    audit({
      action: body.published ? 'publish' : 'unpublish',
      entity: 'action_plan',
      entityId: id,
      before: { publishedAt: p.plan.publishedAt, version: p.plan.version },
      after: { publishedAt: after.publishedAt, version: after.version },
    });
    return planView((await repo.getPlan(tx, actor.organizationId, id))!);
  });
}

export async function strategyRegistry(database: Database, actor: Actor) {
  const { plans, nodes } = await withScope(database, actor, async (db) => ({
    plans: await repo.developmentPlans(db, actor.organizationId),
    nodes: await repo.strategyNodes(db, actor.organizationId),
  }));
  return plans.map((p) => ({
    id: p.id,
    code: p.code,
    nameTh: p.nameTh,
    nameEn: p.nameEn,
    startYear: p.startYear,
    endYear: p.endYear,
    nodes: nodes
      .filter((n) => n.planId === p.id)
      .map((n) => ({
        id: n.id,
        parentId: n.parentId,
        kind: n.kind,
        code: n.code,
        nameTh: n.nameTh,
        nameEn: n.nameEn,
      })),
  }));
}

// --- the cascade tree -----------------------------------------------------------------------

/** Today in Bangkok (UTC+7, no daylight saving). */
function bangkokDateOf(now: Date): CivilDate {
  const d = new Date(now.getTime() + 7 * 3_600_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function asOfOf(text: string | undefined, now = new Date()): CivilDate {
  if (!text) return bangkokDateOf(now);
  const d = parseEntryDate(text);
  if (typeof d === 'string')
    throw new AppError('validation', `asOf: ${d}`, { reason: 'invalid_format' });
  return d;
}

/** The latest result of the year: the latest period (year > quarter end > month). */
function latestOf(results: readonly { periodKind: string; periodNo: number; value: string }[]) {
  const endMonth = (r: { periodKind: string; periodNo: number }) =>
    r.periodKind === 'year' ? 13 : r.periodKind === 'quarter' ? r.periodNo * 3 + 0.5 : r.periodNo;
  return [...results].sort((a, b) => endMonth(a) - endMonth(b)).at(-1) ?? null;
}

interface ComputedRates {
  disbursement: string | null;
  carryOver: string | null;
}

/** The execution module's money indicators of one unit for a year, as of a day. */
export async function computedRates(
  database: Database,
  actor: Actor,
  unitCode: string,
  fiscalYear: number,
  asOf: CivilDate,
): Promise<ComputedRates> {
  const end = { year: fiscalYear - 543, month: 9, day: 30 };
  const day = isoOf(asOf) < isoOf(end) ? asOf : end;
  const report = await moneyIndicators(database, actor, {
    fiscalYear,
    unit: unitCode,
    asOf: isoOf(day),
  });
  const row = report.rows.find((r) => r.unit_code === unitCode);
  return {
    disbursement: row?.disbursement_rate ?? null,
    carryOver: row?.carry_over_without_obligation_rate ?? null,
  };
}

export function computedValue(ind: repo.IndicatorRow, rates: ComputedRates | null): string | null {
  if (!rates) return null;
  return ind.computedSource === 'execution.disbursement_rate'
    ? rates.disbursement
    : rates.carryOver;
}

type ResultLike = { periodKind: 'month' | 'quarter' | 'year'; periodNo: number; value: string };

export function indicatorSummary(
  ind: repo.IndicatorRow,
  target: repo.TargetRow | undefined,
  results: readonly ResultLike[],
  monthsElapsed: number,
) {
  const latest = latestOf(results) as ResultLike | null;
  const score = latest ? scoreOf(ind, latest.value) : scoreOf({ criteria: null, weight: null }, '');
  const compared =
    latest && target?.kind === 'level' && ind.criteria
      ? score.level === null
        ? null
        : String(score.level)
      : (latest?.value ?? null);
  const status = indicatorStatus({
    direction: ind.direction as 'higher_is_better',
    target: target ? trimDecimal(target.value) : null,
    latest: compared,
    latestNotScored: !!latest && target?.kind === 'level' && !!ind.criteria && score.level === null,
    monthsElapsed,
  });
  return {
    score: latest ? score : { level: null, points: null, weightedScore: null, problem: null },
    status: status.status,
    statusBasis: status.basis,
    target: target ? { kind: target.kind, value: trimDecimal(target.value) } : null,
    latest: latest
      ? { periodKind: latest.periodKind, periodNo: latest.periodNo, value: latest.value }
      : null,
  };
}

/** Planned cumulative progress at the end of each fiscal month: a step counts when its last month ends. */
export function plannedByMonth(steps: readonly repo.StepRow[]): string[] {
  const out: string[] = [];
  for (let m = 1; m <= 12; m++) {
    let total = parseDecimal('0');
    for (const s of steps) {
      const last = Math.max(0, ...s.plannedMonths);
      if (last > 0 && last <= m && s.weight !== null) {
        const w = parseDecimal(s.weight);
        total = addDecimal(total, w);
      }
    }
    out.push(trimDecimal(decimalToString(total)));
  }
  return out;
}
function workPlanView(
  project: repo.ProjectRow,
  steps: repo.StepRow[],
  progress: repo.ProgressRow[],
) {
  let warnings: { code: string; message: string }[] = [];
  if (steps.length > 0) {
    try {
      warnings = validateWorkPlan(
        steps.map((s) => ({
          step: s.stepNo,
          stepWeight: s.weight,
          cumulativeProgress: s.plannedCumulative,
          months: s.plannedMonths,
        })),
      ).warnings.map((w) => ({ code: w.code, message: w.message }));
    } catch (e) {
      warnings = [{ code: 'invalid', message: (e as Error).message }];
    }
  }
  return {
    projectId: project.id,
    version: project.version,
    steps: steps.map((s) => ({
      stepNo: s.stepNo,
      nameTh: s.nameTh,
      weight: trimDecimal(s.weight),
      plannedCumulative: trimDecimal(s.plannedCumulative),
      plannedMonths: s.plannedMonths,
    })),
    plannedByMonth: plannedByMonth(steps),
    progress: progress.map((p) => ({
      fiscalMonth: p.fiscalMonth,
      actualCumulative: trimDecimal(p.actualCumulative),
      comment: p.comment,
      version: p.version,
    })),
    warnings,
  };
}

/**
 * The cascade tree of a unit's plan in use for a year: strategy nodes down to measures, mission
 * tasks, projects and activities, each with its budget rolled up (and the ceilings passed, where
 * it happens); the indicators with target, latest result, score and status; the work plans.
 * Eight queries in one read, whatever the size of the plan (plus the money indicators when the
 * plan has computed indicators).
 */
export async function planTree(
  database: Database,
  actor: Actor,
  q: {
    unitId: string;
    fiscalYear: number;
    status?: IndicatorStatus | undefined;
    asOf?: string | undefined;
    /** A given plan (any revision) instead of the unit and year's plan in use. */
    planId?: string;
  },
) {
  const asOf = asOfOf(q.asOf);
  const monthsElapsed = monthsElapsedAt(q.fiscalYear, {
    fiscalYear: fiscalYearOfDate(asOf),
    month: fiscalMonthOfDate(asOf),
  });
  const data = await withScope(database, actor, async (db) => {
    const plan = q.planId
      ? await repo.getPlan(db, actor.organizationId, q.planId)
      : await repo.latestPlan(db, actor.organizationId, q.unitId, q.fiscalYear);
    if (!plan) return null;
    return readPlanData(db, actor.organizationId, plan);
  });
  if (!data) throw notFound('plan_not_found', 'action plan for this unit and year');
  const rates = data.indicators.some((i) => i.source === 'computed')
    ? await computedRates(database, actor, data.plan.unitCode, q.fiscalYear, asOf)
    : null;
  return buildTree(data, q.fiscalYear, monthsElapsed, rates, q.status, isoOf(asOf));
}

async function readPlanData(db: Executor, organizationId: string, plan: repo.PlanWithUnit) {
  const id = plan.plan.id;
  const [projects, indicators, missionTasks, statements] = [
    await repo.projectsOf(db, id),
    await repo.indicatorsOf(db, id),
    await repo.missionTasksOf(db, id),
    await repo.statementsOf(db, id),
  ];
  const nodes = plan.plan.developmentPlanId
    ? await repo.strategyNodes(db, organizationId, [plan.plan.developmentPlanId])
    : await repo.strategyNodesByIds(
        db,
        [
          ...projects.map((p) => p.measureId),
          ...indicators.map((i) => i.strategyNodeId),
          ...missionTasks.map((m) => m.goalId),
        ].filter((x): x is string => x !== null),
      );
  return {
    plan,
    projects,
    indicators,
    missionTasks,
    statements,
    nodes,
    targets: await repo.targetsOfPlan(db, id, plan.plan.fiscalYear),
    results: await repo.latestResultsOfPlan(db, id, plan.plan.fiscalYear),
    steps: await repo.stepsOfPlan(db, id),
    progress: await repo.progressOfPlan(db, id),
  };
}

type PlanData = Awaited<ReturnType<typeof readPlanData>>;

function buildTree(
  d: PlanData,
  fiscalYear: number,
  monthsElapsed: number,
  rates: ComputedRates | null,
  statusFilter: IndicatorStatus | undefined,
  asOf: string,
) {
  // Strategy nodes used by the plan and their ancestors (a plan shows only its own branches).
  const nodeById = new Map(d.nodes.map((n) => [n.id, n]));
  const used = new Set<string>();
  const mark = (id: string | null) => {
    while (id && !used.has(id) && nodeById.has(id)) {
      used.add(id);
      id = nodeById.get(id)!.parentId;
    }
  };
  for (const p of d.projects) mark(p.measureId);
  for (const i of d.indicators) mark(i.strategyNodeId);
  for (const m of d.missionTasks) mark(m.goalId);
  const strategy = d.nodes.filter((n) => used.has(n.id));

  const rollupNodes: RollupNode[] = [
    ...strategy.map((n) => ({ id: n.id, parentId: n.parentId, amountSatang: 0n })),
    ...d.missionTasks.map((m) => ({ id: m.id, parentId: m.goalId, amountSatang: 0n })),
    ...d.projects.map((p) => ({
      id: p.id,
      parentId: p.parentId ?? p.measureId,
      amountSatang: p.budgetSatang,
      ceilingSatang: p.ceilingSatang,
    })),
  ];
  const { totals, warnings } = rollUpBudget(rollupNodes);
  const warningsOf = (id: string) =>
    warnings
      .filter((w) => w.childId === id)
      .map((w) => ({
        code: w.code,
        parentId: w.parentId,
        ceilingBaht: baht(w.ceilingSatang),
        runningBaht: baht(w.runningSatang),
        overBaht: baht(w.overSatang),
      }));

  const targetOf = new Map(
    d.targets.filter((t) => t.fiscalYear === fiscalYear).map((t) => [t.indicatorId, t]),
  );
  const resultsBy = new Map<string, ResultLike[]>();
  for (const r of d.results) {
    const list = resultsBy.get(r.indicatorId) ?? [];
    list.push(r);
    resultsBy.set(r.indicatorId, list);
  }
  let indicators = d.indicators.map((ind) => {
    const results: ResultLike[] =
      ind.source === 'computed'
        ? (() => {
            const v = computedValue(ind, rates);
            return v === null ? [] : [{ periodKind: 'year' as const, periodNo: 0, value: v }];
          })()
        : (resultsBy.get(ind.id) ?? []);
    return {
      id: ind.id,
      nodeId: (ind.missionTaskId ?? ind.strategyNodeId)!,
      level: ind.level,
      code: ind.code,
      nameTh: ind.nameTh,
      nameEn: ind.nameEn,
      unitOfMeasure: ind.unitOfMeasure,
      direction: ind.direction as 'higher_is_better' | 'lower_is_better',
      source: ind.source,
      computedSource: ind.computedSource,
      weight: trimDecimal(ind.weight),
      version: ind.version,
      ...indicatorSummary(ind, targetOf.get(ind.id), results, monthsElapsed),
    };
  });
  const counts = statusCounts(indicators.map((i) => i.status));

  type TreeNode = {
    id: string;
    parentId: string | null;
    kind:
      'dimension' | 'sub_dimension' | 'goal' | 'measure' | 'mission_task' | 'project' | 'activity';
    code: string;
    nameTh: string;
    nameEn: string;
    totalBaht: string;
    budgetBaht: string;
    ceilingBaht: string | null;
    responsibleDivision: string;
    version: number | null;
    warnings: ReturnType<typeof warningsOf>;
  };
  let nodes: TreeNode[] = [
    ...strategy.map((n) => ({
      id: n.id,
      parentId: n.parentId,
      kind: n.kind,
      code: n.code,
      nameTh: n.nameTh,
      nameEn: n.nameEn,
      totalBaht: baht(totals.get(n.id) ?? 0n),
      budgetBaht: '0.00',
      ceilingBaht: null,
      responsibleDivision: '',
      version: null,
      warnings: [],
    })),
    ...d.missionTasks.map((m) => ({
      id: m.id,
      parentId: m.goalId,
      kind: 'mission_task' as const,
      code: m.code,
      nameTh: m.nameTh,
      nameEn: m.nameEn,
      totalBaht: '0.00',
      budgetBaht: '0.00',
      ceilingBaht: null,
      responsibleDivision: '',
      version: m.version,
      warnings: [],
    })),
    ...d.projects.map((p) => ({
      id: p.id,
      parentId: p.parentId ?? p.measureId,
      kind: p.kind,
      code: p.code,
      nameTh: p.nameTh,
      nameEn: p.nameEn,
      totalBaht: baht(totals.get(p.id) ?? 0n),
      budgetBaht: baht(p.budgetSatang),
      ceilingBaht: p.ceilingSatang === null ? null : baht(p.ceilingSatang),
      responsibleDivision: p.responsibleDivision,
      version: p.version,
      warnings: warningsOf(p.id),
    })),
  ];
  let projects = d.projects;
  if (statusFilter) {
    // Keep the matching indicators and the branches that lead to them.
    indicators = indicators.filter((i) => i.status === statusFilter);
    const parentOf = new Map(nodes.map((n) => [n.id, n.parentId]));
    const keep = new Set<string>();
    for (const i of indicators) {
      let id: string | null | undefined = i.nodeId;
      while (id && !keep.has(id)) {
        keep.add(id);
        id = parentOf.get(id);
      }
    }
    nodes = nodes.filter((n) => keep.has(n.id));
    projects = projects.filter((p) => keep.has(p.id));
  }
  const stepsBy = groupBy(d.steps, (s) => s.projectId);
  const progressBy = groupBy(d.progress, (p) => p.projectId);
  const roots = rollupNodes.filter((n) => n.parentId === null || !totals.has(n.parentId));
  return {
    plan: planView(d.plan),
    asOf,
    totalBaht: baht(roots.reduce((s, n) => s + (totals.get(n.id) ?? 0n), 0n)),
    statusCounts: counts,
    statements: d.statements.map((s) => ({
      id: s.id,
      kind: s.kind,
      position: s.position,
      textTh: s.textTh,
    })),
    nodes,
    indicators,
    workPlans: projects
      .filter((p) => p.kind === 'activity' || stepsBy.has(p.id))
      .map((p) => workPlanView(p, stepsBy.get(p.id) ?? [], progressBy.get(p.id) ?? [])),
  };
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k) ?? [];
    list.push(r);
    m.set(k, list);
  }
  return m;
}

// --- projects -------------------------------------------------------------------------------

export interface ProjectInput {
  kind?: 'project' | 'activity' | undefined;
  parentId?: string | null | undefined;
  measureId?: string | null | undefined;
  code?: string | undefined;
  nameTh?: string | undefined;
  nameEn?: string | undefined;
  responsibleUnitId?: string | null | undefined;
  responsibleDivision?: string | undefined;
  budget?: string | undefined;
  ceiling?: string | null | undefined;
}

async function checkProjectAnchors(
  tx: Executor,
  organizationId: string,
  planId: string,
  body: ProjectInput,
) {
  if (body.parentId) {
    const parent = await repo.getProject(tx, organizationId, body.parentId);
    if (!parent || parent.actionPlanId !== planId)
      throw new AppError('business_rule', 'the parent project is not in this plan', {
        reason: 'anchor_not_found',
        field: 'parentId',
      });
  }
  if (body.measureId) {
    const [m] = await repo.strategyNodesByIds(tx, [body.measureId]);
    // A measure, or a goal for an item no measure lists (the seed's baseline list).
    if (!m || m.organizationId !== organizationId || (m.kind !== 'measure' && m.kind !== 'goal'))
      throw new AppError('business_rule', 'no such measure', {
        reason: 'anchor_not_found',
        field: 'measureId',
      });
  }
}

async function projectView(tx: Executor, p: repo.ProjectRow) {
  const all = await repo.projectsOf(tx, p.actionPlanId);
  const { warnings } = rollUpBudget(
    all.map((x) => ({
      id: x.id,
      parentId: x.parentId,
      amountSatang: x.budgetSatang,
      ceilingSatang: x.ceilingSatang,
    })),
  );
  // Ceilings passed on this project's branch: by it, by its children, or above it.
  const parentOf = new Map(all.map((x) => [x.id, x.parentId]));
  const branch = new Set<string>([p.id]);
  for (let id = p.parentId; id; id = parentOf.get(id) ?? null) branch.add(id);
  return {
    id: p.id,
    actionPlanId: p.actionPlanId,
    parentId: p.parentId,
    measureId: p.measureId,
    kind: p.kind,
    code: p.code,
    nameTh: p.nameTh,
    nameEn: p.nameEn,
    responsibleUnitId: p.responsibleUnitId,
    responsibleDivision: p.responsibleDivision,
    budgetBaht: baht(p.budgetSatang),
    ceilingBaht: p.ceilingSatang === null ? null : baht(p.ceilingSatang),
    version: p.version,
    warnings: warnings
      .filter((w) => branch.has(w.parentId) || w.childId === p.id)
      .map((w) => ({
        code: w.code,
        parentId: w.parentId,
        childId: w.childId,
        ceilingBaht: baht(w.ceilingSatang),
        runningBaht: baht(w.runningSatang),
        overBaht: baht(w.overSatang),
      })),
  };
}

export async function createProject(
  database: Database,
  actor: Actor,
  planId: string,
  body: ProjectInput & { kind: 'project' | 'activity'; nameTh: string },
) {
  const p = await readPlan(database, actor, planId);
  const budget = amount(body.budget, 'budget') ?? 0n;
  const ceiling = amount(body.ceiling, 'ceiling');
  return runWrite(database, actor, { units: [p.plan.unitId] }, async ({ tx, audit }) => {
    await checkProjectAnchors(tx, actor.organizationId, planId, body);
    const row = await repo.insertProject(tx, {
      organizationId: actor.organizationId,
      unitId: p.plan.unitId,
      actionPlanId: planId,
      parentId: body.parentId ?? null,
      measureId: body.measureId ?? null,
      kind: body.kind,
      code: body.code ?? '',
      nameTh: body.nameTh,
      nameEn: body.nameEn ?? '',
      responsibleUnitId: body.responsibleUnitId ?? null,
      responsibleDivision: body.responsibleDivision ?? '',
      budgetSatang: budget,
      ceilingSatang: ceiling,
      position: await repo.nextPosition(tx, 'plan_project', planId),
    });
    audit({ action: 'create', entity: 'plan_project', entityId: row.id, after: row });
    return projectView(tx, row);
  });
}

async function readProject(database: Database, actor: Actor, id: string) {
  const p = await withScope(database, actor, (db) => repo.getProject(db, actor.organizationId, id));
  if (!p) throw notFound('project_not_found', 'project');
  return p;
}

export async function updateProject(
  database: Database,
  actor: Actor,
  id: string,
  body: ProjectInput & { version: number },
) {
  const before = await readProject(database, actor, id);
  const values: Partial<repo.ProjectInsert> = {};
  if (body.kind !== undefined) values.kind = body.kind;
  if (body.parentId !== undefined) values.parentId = body.parentId;
  if (body.measureId !== undefined) values.measureId = body.measureId;
  if (body.code !== undefined) values.code = body.code;
  if (body.nameTh !== undefined) values.nameTh = body.nameTh;
  if (body.nameEn !== undefined) values.nameEn = body.nameEn;
  if (body.responsibleUnitId !== undefined) values.responsibleUnitId = body.responsibleUnitId;
  if (body.responsibleDivision !== undefined) values.responsibleDivision = body.responsibleDivision;
  if (body.budget !== undefined) values.budgetSatang = amount(body.budget, 'budget')!;
  if (body.ceiling !== undefined) values.ceilingSatang = amount(body.ceiling, 'ceiling');
  return runWrite(database, actor, { units: [before.unitId] }, async ({ tx, audit, now }) => {
    await checkProjectAnchors(tx, actor.organizationId, before.actionPlanId, body);
    if (body.parentId) {
      // No cycles: the new parent must not sit under this project.
      const all = await repo.projectsOf(tx, before.actionPlanId);
      const parentOf = new Map(all.map((x) => [x.id, x.parentId]));
      for (let at: string | null = body.parentId; at; at = parentOf.get(at) ?? null)
        if (at === id)
          throw new AppError('business_rule', 'a project cannot sit under itself', {
            reason: 'anchor_not_found',
            field: 'parentId',
          });
    }
    const after = await repo.updateProject(tx, id, body.version, values, now);
    if (!after) throw staleVersion('project', body.version, before.version);
    audit({ action: 'update', entity: 'plan_project', entityId: id, before, after });
    return projectView(tx, after);
  });
}

export async function deleteProject(database: Database, actor: Actor, id: string, version: number) {
  const before = await readProject(database, actor, id);
  return runWrite(database, actor, { units: [before.unitId] }, async ({ tx, audit }) => {
    if (before.version !== version) throw staleVersion('project', version, before.version);
    await repo.deleteStepsAndProgress(tx, id);
    // A project with children is still referred to: the database refuses (422 still_referenced).
    if (!(await repo.deleteProject(tx, id, version)))
      throw staleVersion('project', version, before.version);
    audit({ action: 'delete', entity: 'plan_project', entityId: id, before });
  });
}

// --- indicators -----------------------------------------------------------------------------

export interface IndicatorInput {
  level?: 'goal' | 'measure' | 'mission_task' | undefined;
  strategyNodeId?: string | null | undefined;
  missionTaskId?: string | null | undefined;
  code?: string | undefined;
  nameTh?: string | undefined;
  nameEn?: string | undefined;
  unitOfMeasure?: string | undefined;
  direction?: 'higher_is_better' | 'lower_is_better' | undefined;
  definition?: string | undefined;
  calculationMethod?: string | undefined;
  evidenceRequired?: string | undefined;
  criteria?: Record<string, unknown> | null | undefined;
  weight?: string | number | null | undefined;
  responsibleUnitId?: string | null | undefined;
  source?: 'entered' | 'computed' | undefined;
  computedSource?: repo.IndicatorRow['computedSource'] | undefined;
}

function indicatorValues(body: IndicatorInput): Partial<repo.IndicatorInsert> {
  const v: Partial<repo.IndicatorInsert> = {};
  const keys = [
    'level',
    'strategyNodeId',
    'missionTaskId',
    'code',
    'nameTh',
    'nameEn',
    'unitOfMeasure',
    'direction',
    'definition',
    'calculationMethod',
    'evidenceRequired',
    'responsibleUnitId',
    'source',
    'computedSource',
  ] as const;
  for (const k of keys) if (body[k] !== undefined) (v as Record<string, unknown>)[k] = body[k];
  if (body.criteria !== undefined)
    v.criteria = criteriaOf(body.criteria) as Record<string, unknown> | null;
  if (body.weight !== undefined)
    v.weight = body.weight === null ? null : decimalText(body.weight, 'weight');
  if (body.source === 'entered') v.computedSource = null;
  return v;
}

async function checkIndicatorAnchors(
  tx: Executor,
  organizationId: string,
  planId: string,
  row: Partial<repo.IndicatorInsert>,
) {
  const level = row.level;
  if (level === 'mission_task') {
    const m = row.missionTaskId ? await repo.getMissionTask(tx, row.missionTaskId) : undefined;
    if (!m || m.actionPlanId !== planId)
      throw new AppError('business_rule', 'the mission task is not in this plan', {
        reason: 'anchor_not_found',
        field: 'missionTaskId',
      });
  } else if (level) {
    const [n] = row.strategyNodeId ? await repo.strategyNodesByIds(tx, [row.strategyNodeId]) : [];
    if (!n || n.organizationId !== organizationId || n.kind !== level)
      throw new AppError('business_rule', `no such ${level}`, {
        reason: 'anchor_not_found',
        field: 'strategyNodeId',
      });
  }
  if (row.source === 'computed' && !row.computedSource)
    throw new AppError('validation', 'a computed indicator names its source', {
      reason: 'invalid_request',
      fields: [{ path: 'computedSource', reason: 'required' }],
    });
}

function indicatorView(ind: repo.IndicatorRow, targets: repo.TargetRow[]) {
  let criteriaWarnings: ReturnType<typeof validateCriteria> = [];
  if (ind.criteria) {
    try {
      criteriaWarnings = validateCriteria(parseCriteria(ind.criteria));
    } catch {
      criteriaWarnings = [];
    }
  }
  return {
    id: ind.id,
    actionPlanId: ind.actionPlanId,
    unitId: ind.unitId,
    level: ind.level,
    strategyNodeId: ind.strategyNodeId,
    missionTaskId: ind.missionTaskId,
    code: ind.code,
    nameTh: ind.nameTh,
    nameEn: ind.nameEn,
    unitOfMeasure: ind.unitOfMeasure,
    direction: ind.direction as 'higher_is_better' | 'lower_is_better',
    definition: ind.definition,
    calculationMethod: ind.calculationMethod,
    evidenceRequired: ind.evidenceRequired,
    criteria: ind.criteria,
    criteriaWarnings: criteriaWarnings.map((w) => ({ ...w })) as never[],
    weight: trimDecimal(ind.weight),
    responsibleUnitId: ind.responsibleUnitId,
    source: ind.source,
    computedSource: ind.computedSource,
    version: ind.version,
    targets: targets.map(targetView),
  };
}

function targetView(t: repo.TargetRow) {
  return {
    fiscalYear: t.fiscalYear,
    kind: t.kind,
    value: trimDecimal(t.value),
    note: t.note,
    version: t.version,
  };
}

export function checkCriteria(json: Record<string, unknown>) {
  return { warnings: validateCriteria(criteriaOf(json)!) as never[] };
}

export async function createIndicator(
  database: Database,
  actor: Actor,
  planId: string,
  body: IndicatorInput & { level: 'goal' | 'measure' | 'mission_task'; nameTh: string },
) {
  const p = await readPlan(database, actor, planId);
  const values = indicatorValues(body);
  return runWrite(database, actor, { units: [p.plan.unitId] }, async ({ tx, audit }) => {
    await checkIndicatorAnchors(tx, actor.organizationId, planId, values);
    const row = await repo.insertIndicator(tx, {
      ...values,
      organizationId: actor.organizationId,
      unitId: p.plan.unitId,
      actionPlanId: planId,
      level: body.level,
      nameTh: body.nameTh,
      position: await repo.nextPosition(tx, 'indicator', planId),
    });
    audit({ action: 'create', entity: 'indicator', entityId: row.id, after: row });
    return indicatorView(row, []);
  });
}

async function readIndicator(database: Database, actor: Actor, id: string) {
  const ind = await withScope(database, actor, (db) =>
    repo.getIndicator(db, actor.organizationId, id),
  );
  if (!ind) throw notFound('indicator_not_found', 'indicator');
  return ind;
}

export async function updateIndicator(
  database: Database,
  actor: Actor,
  id: string,
  body: IndicatorInput & { version: number },
) {
  const before = await readIndicator(database, actor, id);
  const values = indicatorValues(body);
  return runWrite(database, actor, { units: [before.unitId] }, async ({ tx, audit, now }) => {
    const merged = { ...before, ...values };
    if (merged.level === 'mission_task') merged.strategyNodeId = null;
    else merged.missionTaskId = null;
    await checkIndicatorAnchors(tx, actor.organizationId, before.actionPlanId, merged);
    const after = await repo.updateIndicator(
      tx,
      id,
      body.version,
      { ...values, strategyNodeId: merged.strategyNodeId, missionTaskId: merged.missionTaskId },
      now,
    );
    if (!after) throw staleVersion('indicator', body.version, before.version);
    audit({ action: 'update', entity: 'indicator', entityId: id, before, after });
    return indicatorView(after, await repo.targetsOf(tx, [id]));
  });
}

/** An indicator with its targets and its results (scored), each with its evidence list. */
export async function indicatorDetail(
  database: Database,
  actor: Actor,
  id: string,
  fiscalYear?: number,
) {
  const d = await withScope(database, actor, async (db) => {
    const ind = await repo.getIndicator(db, actor.organizationId, id);
    if (!ind) return null;
    const plan = (await repo.getPlan(db, actor.organizationId, ind.actionPlanId))!;
    const results = await repo.resultsOf(db, [id], fiscalYear);
    return {
      ind,
      plan,
      targets: await repo.targetsOf(db, [id]),
      results,
      evidence: await repo.evidenceOf(
        db,
        results.map((r) => r.id),
      ),
    };
  });
  if (!d) throw notFound('indicator_not_found', 'indicator');
  let results = d.results.map((r) => ({
    id: r.id as string | null,
    fiscalYear: r.fiscalYear,
    periodKind: r.periodKind,
    periodNo: r.periodNo,
    value: r.value,
    comment: r.comment,
    computed: false,
    score: scoreOf(d.ind, r.value),
    evidence: d.evidence.filter((e) => e.resultId === r.id),
    version: r.version as number | null,
  }));
  if (d.ind.source === 'computed') {
    const year = fiscalYear ?? d.plan.plan.fiscalYear;
    const rates = await computedRates(
      database,
      actor,
      d.plan.unitCode,
      year,
      bangkokDateOf(new Date()),
    );
    const v = computedValue(d.ind, rates);
    // Other years' results stay as history (the seed's FY2564 agreement result of 5.1): the
    // source computes the year asked for only.
    const history = results.filter((r) => r.fiscalYear !== year);
    results =
      v === null
        ? history
        : [
            ...history,
            {
              id: null,
              fiscalYear: year,
              periodKind: 'year',
              periodNo: 0,
              value: v,
              comment: '',
              computed: true,
              score: scoreOf(d.ind, v),
              evidence: [],
              version: null,
            },
          ];
  }
  return { ...indicatorView(d.ind, d.targets), results };
}

export async function putTarget(
  database: Database,
  actor: Actor,
  id: string,
  fiscalYearText: string,
  body: {
    kind: 'numeric' | 'level';
    value: string | number;
    note?: string | undefined;
    version?: number | undefined;
  },
) {
  const fiscalYear = parseFiscalYear(fiscalYearText);
  const ind = await readIndicator(database, actor, id);
  const value = decimalText(body.value, 'value');
  return runWrite(database, actor, { units: [ind.unitId] }, async ({ tx, audit, now }) => {
    const existing = await repo.getTarget(tx, id, fiscalYear);
    const values = { kind: body.kind, value, note: body.note ?? '' };
    let row;
    if (existing) {
      if (body.version === undefined || body.version !== existing.version)
        throw staleVersion('target', body.version ?? 0, existing.version);
      row = (await repo.updateTarget(tx, existing.id, existing.version, values, now))!;
    } else row = await repo.insertTarget(tx, { indicatorId: id, fiscalYear, ...values });
    audit({
      action: existing ? 'update' : 'create',
      entity: 'indicator_target',
      entityId: row.id,
      before: existing,
      after: row,
    });
    return targetView(row);
  });
}

function checkPeriod(kind: 'month' | 'quarter' | 'year', no: number) {
  const ok =
    kind === 'month' ? no >= 1 && no <= 12 : kind === 'quarter' ? no >= 1 && no <= 4 : no === 0;
  if (!ok)
    throw new AppError(
      'validation',
      `period ${no} is not a ${kind} (month 1–12, quarter 1–4, year 0)`,
      {
        reason: 'invalid_period',
      },
    );
}

/**
 * Enters (or corrects) the result of an entered indicator for a period: the fiscal year must be
 * open (a month: that month too). A computed indicator's results come from its source (422).
 */
export async function putResult(
  database: Database,
  actor: Actor,
  id: string,
  body: {
    fiscalYear: number | string;
    periodKind: 'month' | 'quarter' | 'year';
    periodNo: number;
    value: string;
    comment?: string | undefined;
    version?: number | undefined;
  },
) {
  const fiscalYear = parseFiscalYear(body.fiscalYear);
  checkPeriod(body.periodKind, body.periodNo);
  const ind = await readIndicator(database, actor, id);
  if (ind.source === 'computed')
    throw new AppError(
      'business_rule',
      `the results of this indicator come from ${ind.computedSource}`,
      {
        reason: 'indicator_computed',
        source: ind.computedSource,
      },
    );
  const period = { fiscalYear, ...(body.periodKind === 'month' && { month: body.periodNo }) };
  return runWrite(database, actor, { units: [ind.unitId], period }, async ({ tx, audit, now }) => {
    const existing = await repo.findResult(tx, id, fiscalYear, body.periodKind, body.periodNo);
    const values = { value: body.value, comment: body.comment ?? '', enteredBy: actor.userId };
    let row;
    if (existing) {
      if (body.version === undefined || body.version !== existing.version)
        throw staleVersion('result', body.version ?? 0, existing.version);
      row = (await repo.updateResult(tx, existing.id, existing.version, values, now))!;
    } else
      row = await repo.insertResult(tx, {
        indicatorId: id,
        fiscalYear,
        periodKind: body.periodKind,
        periodNo: body.periodNo,
        ...values,
      });
    audit({
      action: existing ? 'update' : 'create',
      entity: 'indicator_result',
      entityId: row.id,
      before: existing,
      after: row,
    });
    return {
      id: row.id as string | null,
      fiscalYear: row.fiscalYear,
      periodKind: row.periodKind,
      periodNo: row.periodNo,
      value: row.value,
      comment: row.comment,
      computed: false,
      score: scoreOf(ind, row.value),
      evidence: await repo.evidenceOf(tx, [row.id]),
      version: row.version as number | null,
    };
  });
}

// --- work plans -----------------------------------------------------------------------------

export async function putSteps(
  database: Database,
  actor: Actor,
  projectId: string,
  body: {
    version: number;
    steps: {
      nameTh: string;
      weight?: string | number | null | undefined;
      plannedCumulative?: string | number | null | undefined;
      plannedMonths?: number[] | undefined;
    }[];
  },
) {
  const project = await readProject(database, actor, projectId);
  const steps = body.steps.map((s, i) => ({
    projectId,
    stepNo: i + 1,
    nameTh: s.nameTh,
    weight:
      s.weight === undefined || s.weight === null
        ? null
        : decimalText(s.weight, `steps.${i}.weight`),
    plannedCumulative:
      s.plannedCumulative === undefined || s.plannedCumulative === null
        ? null
        : decimalText(s.plannedCumulative, `steps.${i}.plannedCumulative`),
    plannedMonths: [...new Set(s.plannedMonths ?? [])].sort((a, b) => a - b),
  }));
  return runWrite(database, actor, { units: [project.unitId] }, async ({ tx, audit, now }) => {
    const before = await repo.stepsOf(tx, [projectId]);
    const after = await repo.updateProject(tx, projectId, body.version, {}, now);
    if (!after) throw staleVersion('activity', body.version, project.version);
    await repo.replaceSteps(tx, projectId, steps);
    const saved = await repo.stepsOf(tx, [projectId]);
    audit({
      action: 'update_steps',
      entity: 'plan_project',
      entityId: projectId,
      before,
      after: saved,
    });
    return workPlanView(after, saved, await repo.progressOf(tx, [projectId]));
  });
}

export async function putProgress(
  database: Database,
  actor: Actor,
  projectId: string,
  month: number,
  body: {
    actualCumulative: string | number;
    comment?: string | undefined;
    version?: number | undefined;
  },
) {
  const project = await readProject(database, actor, projectId);
  const plan = await readPlan(database, actor, project.actionPlanId);
  const actual = decimalText(body.actualCumulative, 'actualCumulative');
  const d = parseDecimal(actual);
  if (d.coefficient < 0n || parseDecimal(actual).coefficient > 100n * 10n ** BigInt(d.scale))
    throw new AppError('validation', 'actualCumulative is a percentage from 0 to 100', {
      reason: 'invalid_request',
      fields: [{ path: 'actualCumulative', reason: 'too_big', params: { maximum: 100 } }],
    });
  return runWrite(
    database,
    actor,
    { units: [project.unitId], period: { fiscalYear: plan.plan.fiscalYear, month } },
    async ({ tx, audit, now }) => {
      const existing = await repo.getProgress(tx, projectId, month);
      const values = {
        actualCumulative: actual,
        comment: body.comment ?? '',
        enteredBy: actor.userId,
      };
      let row;
      if (existing) {
        if (body.version === undefined || body.version !== existing.version)
          throw staleVersion('progress', body.version ?? 0, existing.version);
        row = (await repo.updateProgress(tx, existing.id, existing.version, values, now))!;
      } else row = await repo.insertProgress(tx, { projectId, fiscalMonth: month, ...values });
      audit({
        action: existing ? 'update' : 'create',
        entity: 'work_plan_progress',
        entityId: row.id,
        before: existing,
        after: row,
      });
      return workPlanView(
        project,
        await repo.stepsOf(tx, [projectId]),
        await repo.progressOf(tx, [projectId]),
      );
    },
  );
}

// --- scores ---------------------------------------------------------------------------------

/** Every indicator of the unit's plan in use: target, latest result, level, points, status. */
export async function scores(
  database: Database,
  actor: Actor,
  q: { unitId: string; fiscalYear: number },
) {
  const tree = await planTree(database, actor, q);
  const items = tree.indicators.map((i) => ({
    indicatorId: i.id,
    code: i.code,
    nameTh: i.nameTh,
    target: i.target,
    latest: i.latest,
    weight: i.weight,
    score: i.score,
    status: i.status,
  }));
  const weighted = items.map((i) => i.score.weightedScore).filter((x): x is string => x !== null);
  let total: string | null = null;
  if (weighted.length > 0) {
    let sum = parseDecimal('0');
    for (const w of weighted) sum = addDecimal(sum, parseDecimal(w));
    total = decimalToString(sum);
  }
  return { fiscalYear: q.fiscalYear, unitId: q.unitId, items, totalWeightedScore: total };
}
