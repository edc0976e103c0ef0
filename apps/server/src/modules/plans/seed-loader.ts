import { randomUUID } from 'node:crypto';
import { parseBaht, parseDecimal, decimalToString } from '@pbis/core';
import type { Database, Executor } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import { runWrite } from '../../write.js';
import { systemActor } from '../auth/actor.js';
import * as orgRepo from '../org/repository.js';
import * as repo from './repository.js';

/*
 * A plan as data to load (the demo, the seed's document): the strategy nodes it hangs on, its
 * statements, mission tasks, projects (nested), indicators with targets and results, and the
 * activities' work plans. Loading is idempotent: a unit that already has a plan for the year is
 * left as it is.
 */

export interface StrategySeed {
  plan: { code: string; nameTh: string; nameEn?: string; startYear: number; endYear: number };
  /** Nodes in order, each naming its parent's code (null at the top). */
  nodes: {
    kind: 'dimension' | 'sub_dimension' | 'goal' | 'measure';
    code: string;
    parentCode: string | null;
    nameTh: string;
    nameEn?: string;
  }[];
}

export interface ProjectSeed {
  key: string;
  parentKey?: string | null;
  /** The measure's code in the strategy (a goal's, for an item no measure lists: the baseline list). */
  measureCode?: string | null;
  kind: 'project' | 'activity';
  code?: string;
  nameTh: string;
  nameEn?: string;
  responsibleDivision?: string;
  /** Baht as typed ("10,991,500.00"). */
  budget?: string;
  ceiling?: string | null;
  steps?: {
    nameTh: string;
    weight: string | null;
    plannedCumulative: string | null;
    plannedMonths: number[];
  }[];
  progress?: { fiscalMonth: number; actualCumulative: string; comment?: string }[];
}

export interface IndicatorSeed {
  level: 'goal' | 'measure' | 'mission_task';
  /** A goal's or measure's code, or a mission task's key. */
  anchor: string;
  code?: string;
  nameTh: string;
  nameEn?: string;
  unitOfMeasure?: string;
  direction?: 'higher_is_better' | 'lower_is_better';
  definition?: string;
  calculationMethod?: string;
  evidenceRequired?: string;
  criteria?: Record<string, unknown> | null;
  weight?: string | null;
  computedSource?: 'execution.disbursement_rate' | 'execution.carry_over_without_obligation';
  targets?: { fiscalYear: number; kind: 'numeric' | 'level'; value: string; note?: string }[];
  results?: {
    fiscalYear: number;
    periodKind: 'month' | 'quarter' | 'year';
    periodNo: number;
    value: string;
    comment?: string;
  }[];
}

export interface PlanSeed {
  unitCode: string;
  fiscalYear: number;
  titleTh: string;
  synthetic: boolean;
  strategy: StrategySeed;
  statements?: {
    kind: 'vision' | 'mission' | 'strength' | 'weakness' | 'opportunity' | 'threat';
    textTh: string;
  }[];
  missionTasks?: { key: string; goalCode?: string | null; code?: string; nameTh: string }[];
  projects?: ProjectSeed[];
  indicators?: IndicatorSeed[];
}

const dec = (v: string) => decimalToString(parseDecimal(v));

/** The development plan and its nodes, created or renamed (by code); answers their ids by code. */
async function strategyIn(tx: Executor, organizationId: string, strategy: StrategySeed) {
  const dp = await repo.insertDevelopmentPlan(tx, {
    organizationId,
    code: strategy.plan.code,
    nameTh: strategy.plan.nameTh,
    nameEn: strategy.plan.nameEn ?? '',
    startYear: strategy.plan.startYear,
    endYear: strategy.plan.endYear,
  });
  const nodeId = new Map<string, string>();
  for (const [i, n] of strategy.nodes.entries()) {
    const row = await repo.insertStrategyNode(tx, {
      organizationId,
      planId: dp.id,
      parentId: n.parentCode ? (nodeId.get(n.parentCode) ?? null) : null,
      kind: n.kind,
      code: n.code,
      nameTh: n.nameTh,
      nameEn: n.nameEn ?? '',
      position: i,
    });
    nodeId.set(n.code, row.id);
  }
  return { planId: dp.id, nodeId };
}

/** The strategy registry of a development plan, as the system (the registry is the organisation's). */
export async function ensureStrategy(
  database: Database,
  organizationId: string,
  strategy: StrategySeed,
): Promise<{ planId: string; nodeId: Map<string, string> }> {
  const system = systemActor(organizationId, 'pbis-seed');
  return runWrite(database, system, async ({ tx, audit }) => {
    const r = await strategyIn(tx, organizationId, strategy);
    audit({ action: 'seed', entity: 'development_plan', entityId: r.planId, after: strategy.plan });
    return r;
  });
}

/** Loads one plan; answers false when the unit already has a plan for the year. */
export async function loadPlanSeed(
  database: Database,
  organizationId: string,
  seed: PlanSeed,
): Promise<boolean> {
  const system = systemActor(organizationId, 'pbis-seed');
  const unit = await withScope(database, system, async (db) =>
    (await orgRepo.allUnitsRaw(db, organizationId)).find((u) => u.code === seed.unitCode),
  );
  if (!unit) throw new Error(`no unit ${seed.unitCode} to load a plan for`);
  return runWrite(database, system, { units: [unit.id] }, async ({ tx, audit }) => {
    if (await repo.latestPlan(tx, organizationId, unit.id, seed.fiscalYear)) return false;
    const { planId: developmentPlanId, nodeId } = await strategyIn(
      tx,
      organizationId,
      seed.strategy,
    );
    const plan = await repo.insertPlan(tx, {
      organizationId,
      unitId: unit.id,
      fiscalYear: seed.fiscalYear,
      developmentPlanId,
      titleTh: seed.titleTh,
      synthetic: seed.synthetic,
    });
    const base = { organizationId, unitId: unit.id, actionPlanId: plan.id };
    const taskId = new Map((seed.missionTasks ?? []).map((m) => [m.key, randomUUID()]));
    const projectId = new Map((seed.projects ?? []).map((p) => [p.key, randomUUID()]));
    const positions = new Map<string, number>();
    const nextPosition = (kind: string) => {
      const n = positions.get(kind) ?? 0;
      positions.set(kind, n + 1);
      return n;
    };
    const indicators = (seed.indicators ?? []).map((s, i) => ({ s, id: randomUUID(), i }));
    await repo.insertMany(tx, {
      statements: (seed.statements ?? []).map((s) => ({
        ...base,
        kind: s.kind,
        position: nextPosition(s.kind),
        textTh: s.textTh,
      })),
      missionTasks: (seed.missionTasks ?? []).map((m, i) => ({
        ...base,
        id: taskId.get(m.key)!,
        goalId: m.goalCode ? (nodeId.get(m.goalCode) ?? null) : null,
        code: m.code ?? '',
        nameTh: m.nameTh,
        position: i,
      })),
      projects: (seed.projects ?? []).map((p, i) => ({
        ...base,
        id: projectId.get(p.key)!,
        parentId: p.parentKey ? (projectId.get(p.parentKey) ?? null) : null,
        measureId: p.measureCode ? (nodeId.get(p.measureCode) ?? null) : null,
        kind: p.kind,
        code: p.code ?? '',
        nameTh: p.nameTh,
        nameEn: p.nameEn ?? '',
        responsibleDivision: p.responsibleDivision ?? '',
        budgetSatang: p.budget ? parseBaht(p.budget) : 0n,
        ceilingSatang: p.ceiling ? parseBaht(p.ceiling) : null,
        position: i,
      })),
      indicators: indicators.map(({ s, id, i }) => ({
        ...base,
        id,
        level: s.level,
        strategyNodeId: s.level === 'mission_task' ? null : (nodeId.get(s.anchor) ?? null),
        missionTaskId: s.level === 'mission_task' ? (taskId.get(s.anchor) ?? null) : null,
        code: s.code ?? '',
        nameTh: s.nameTh,
        nameEn: s.nameEn ?? '',
        unitOfMeasure: s.unitOfMeasure ?? '',
        direction: s.direction ?? 'higher_is_better',
        definition: s.definition ?? '',
        calculationMethod: s.calculationMethod ?? '',
        evidenceRequired: s.evidenceRequired ?? '',
        criteria: s.criteria ?? null,
        weight: s.weight ?? null,
        source: s.computedSource ? ('computed' as const) : ('entered' as const),
        computedSource: s.computedSource ?? null,
        position: i,
      })),
      targets: indicators.flatMap(({ s, id }) =>
        (s.targets ?? []).map((t) => ({
          indicatorId: id,
          fiscalYear: t.fiscalYear,
          kind: t.kind,
          value: dec(t.value),
          note: t.note ?? '',
        })),
      ),
      results: indicators.flatMap(({ s, id }) =>
        (s.results ?? []).map((r) => ({
          indicatorId: id,
          fiscalYear: r.fiscalYear,
          periodKind: r.periodKind,
          periodNo: r.periodNo,
          value: r.value,
          comment: r.comment ?? '',
        })),
      ),
      steps: (seed.projects ?? []).flatMap((p) =>
        (p.steps ?? []).map((s, i) => ({
          projectId: projectId.get(p.key)!,
          stepNo: i + 1,
          nameTh: s.nameTh,
          weight: s.weight === null ? null : dec(s.weight),
          plannedCumulative: s.plannedCumulative === null ? null : dec(s.plannedCumulative),
          plannedMonths: s.plannedMonths,
        })),
      ),
      progress: (seed.projects ?? []).flatMap((p) =>
        (p.progress ?? []).map((g) => ({
          projectId: projectId.get(p.key)!,
          fiscalMonth: g.fiscalMonth,
          actualCumulative: dec(g.actualCumulative),
          comment: g.comment ?? '',
        })),
      ),
    });
    audit({
      action: 'seed',
      entity: 'action_plan',
      entityId: plan.id,
      after: { unit: seed.unitCode, fiscalYear: seed.fiscalYear, synthetic: seed.synthetic },
    });
    return true;
  });
}
