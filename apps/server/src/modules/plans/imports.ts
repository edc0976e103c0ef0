import { randomUUID } from 'node:crypto';
import {
  AppError,
  decimalToString,
  parseCriteria,
  parseDecimal,
  parseFiscalYear,
  satangToDecimalString,
} from '@pbis/core';
import type { Database } from '../../db/client.js';
import { databaseScopeOf, withScope } from '../../db/scoped.js';
import type { WriteContext } from '../../write.js';
import type { Actor } from '../auth/actor.js';
import { amountCell, fiscalYearCell, textOf } from '../execution/row-cells.js';
import { isUnitMiss, UnitLookup } from '../execution/lookup.js';
import { quoted } from '../imports/cells.js';
import type { ImportIssue, ImportKind, KindContext, ParsedRow } from '../imports/pipeline.js';
import * as repo from './repository.js';
import { replaceTargets } from './repositories/imports.js';
import {
  COMPUTED_SOURCES,
  INDICATOR_LEVELS,
  PERIOD_KINDS,
  PROJECT_KINDS,
  TARGET_KINDS,
} from '@pbis/contract';
import { trimDecimal } from './service.js';

/*
 * The plans module's file kinds (SPEC §3 rules, docs/imports.md "plans, indicators, results"):
 *
 * - plans: the projects and activities of a unit's plan for a year — code, parent, kind, names,
 *   the measure (strategy code) they serve, responsible unit and division, budget and ceiling;
 * - indicators: an indicator of a goal, a measure or a mission task — names, unit of measure,
 *   direction, definition, calculation, evidence, targets per year (JSON), criteria (JSON), weight,
 *   and the source of a computed one;
 * - results: an indicator's result for a period (month, quarter, year) with a comment.
 *
 * A row names its plan by fiscal year and unit (code or exact Thai name) and its project or
 * indicator by code (or, where it has none, by its exact Thai name). Every row is checked before
 * anything is written; any problem refuses the whole file. Re-importing a file changes nothing
 * (rows the database already holds as given count as unchanged). The actor's scope holds: a unit
 * outside it is not found, and a unit officer imports only for their own unit. Plans a file needs
 * are created (plans, indicators); results need their indicator.
 */

const PLAN_COLUMNS = ['fiscal_year', 'unit_code', 'unit_name'] as const;

interface PlanKey {
  fiscalYear: number;
  unitCode: string;
  unitName: string;
  unitId?: string;
  planId?: string | null;
  /** The development plan of the strategy node the row names (for a plan the file creates). */
  developmentPlanId?: string | null;
}

interface Loaded {
  units: UnitLookup;
  nodes: repo.StrategyNodeRow[];
  plans: Map<string, PlanData>;
}

interface PlanData {
  unitId: string;
  fiscalYear: number;
  plan: repo.PlanWithUnit | null;
  projects: repo.ProjectRow[];
  indicators: repo.IndicatorRow[];
  targets: repo.TargetRow[];
  missionTasks: repo.MissionTaskRow[];
}

const planKeyOf = (unitId: string, fiscalYear: number) => `${unitId}:${fiscalYear}`;
/** A project's or indicator's identity in a plan: its code, or its Thai name where it has none. */
const keyOf = (code: string, nameTh: string) => (code !== '' ? `code:${code}` : `name:${nameTh}`);

/** The units and plans the rows name, read in the actor's scope (one read for the file). */
async function loadPlans(
  ctx: KindContext,
  rows: readonly ParsedRow<PlanKey>[],
  issues: ImportIssue[],
  opts: { results?: boolean } = {},
): Promise<Loaded & { results: repo.ResultRow[] }> {
  const { database, actor } = ctx;
  const scope = databaseScopeOf(actor);
  return withScope(database, actor, async (db) => {
    const units = await UnitLookup.load(db, actor.organizationId);
    const nodes = await repo.strategyNodes(db, actor.organizationId);
    const plans = new Map<string, PlanData>();
    for (const { line, row } of rows) {
      const u = units.resolve(row.unitCode, row.unitName);
      if (isUnitMiss(u)) {
        issues.push({ line, reason: u.reason });
        continue;
      }
      if (scope.kind === 'division' || (scope.kind === 'unit' && scope.unitId !== u.id)) {
        issues.push({ line, reason: `unit ${u.code} is outside what you may change` });
        continue;
      }
      row.unitId = u.id;
      const k = planKeyOf(u.id, row.fiscalYear);
      if (plans.has(k)) continue;
      const plan = (await repo.latestPlan(db, actor.organizationId, u.id, row.fiscalYear)) ?? null;
      const projects = plan ? await repo.projectsOf(db, plan.plan.id) : [];
      const indicators = plan ? await repo.indicatorsOf(db, plan.plan.id) : [];
      plans.set(k, {
        unitId: u.id,
        fiscalYear: row.fiscalYear,
        plan,
        projects,
        indicators,
        targets: await repo.targetsOf(
          db,
          indicators.map((i) => i.id),
        ),
        missionTasks: plan ? await repo.missionTasksOf(db, plan.plan.id) : [],
      });
    }
    const indicatorIds = [...plans.values()].flatMap((p) => p.indicators.map((i) => i.id));
    const results = opts.results ? await repo.resultsOf(db, indicatorIds) : [];
    return { units, nodes, plans, results };
  });
}

/** Plans the rows need that do not exist yet, created in the import's transaction. */
async function ensurePlans(
  w: WriteContext,
  plans: Map<string, PlanData>,
  rows: readonly ParsedRow<PlanKey>[],
): Promise<Map<string, string>> {
  const developmentPlanOf = (p: PlanData) =>
    rows.find(
      (r) =>
        r.row.unitId === p.unitId && r.row.fiscalYear === p.fiscalYear && r.row.developmentPlanId,
    )?.row.developmentPlanId ?? null;
  const ids = new Map<string, string>();
  for (const [k, p] of plans) {
    if (p.plan) {
      ids.set(k, p.plan.plan.id);
      continue;
    }
    const row = await repo.insertPlan(w.tx, {
      organizationId: w.actor.organizationId,
      unitId: p.unitId,
      fiscalYear: p.fiscalYear,
      developmentPlanId: developmentPlanOf(p),
      titleTh: '',
    });
    w.audit({ action: 'create', entity: 'action_plan', entityId: row.id, after: row });
    ids.set(k, row.id);
  }
  return ids;
}

/** Plans in the actor's scope (their newest revision), by year when given. */
async function plansInScope(database: Database, actor: Actor, fiscalYear: number | undefined) {
  return withScope(database, actor, async (db) => {
    const list = (await repo.listPlans(db, actor.organizationId, { fiscalYear })).filter(
      (p) => p.plan.revision === p.latestRevision,
    );
    const out = [];
    for (const p of list) {
      const projects = await repo.projectsOf(db, p.plan.id);
      const indicators = await repo.indicatorsOf(db, p.plan.id);
      out.push({
        p,
        projects,
        indicators,
        targets: await repo.targetsOf(
          db,
          indicators.map((i) => i.id),
        ),
        missionTasks: await repo.missionTasksOf(db, p.plan.id),
        results: await repo.resultsOf(
          db,
          indicators.map((i) => i.id),
        ),
      });
    }
    return {
      plans: out,
      nodes: await repo.strategyNodes(db, actor.organizationId),
      units: await UnitLookup.load(db, actor.organizationId),
    };
  });
}

function planCells(c: Readonly<Record<string, string>>, ctx: KindContext, reasons: string[]) {
  return {
    fiscalYear: fiscalYearCell(c.fiscal_year, ctx.options.fiscalYear, reasons),
    unitCode: textOf(c.unit_code),
    unitName: textOf(c.unit_name),
  };
}

const oneOf = <T extends string>(
  column: string,
  value: string,
  allowed: readonly T[],
  reasons: string[],
): T | null => {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  reasons.push(`${column} ${quoted(value)} is not one of ${allowed.join(', ')}`);
  return null;
};

const decimalCell = (column: string, value: string, reasons: string[]): string | null => {
  if (value === '') return null;
  try {
    return decimalToString(parseDecimal(value));
  } catch (e) {
    reasons.push(`${column} ${quoted(value)} is not a number (${(e as Error).message})`);
    return null;
  }
};

/** JSON with sorted keys, to compare what jsonb stored with what a file gives. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  ) ?? 'null';

/** Duplicate identities in a file: the later line names the earlier. */
function duplicates<R>(rows: readonly ParsedRow<R>[], key: (r: R) => string | null) {
  const seen = new Map<string, number>();
  const issues: ImportIssue[] = [];
  for (const { line, row } of rows) {
    const k = key(row);
    if (k === null) continue;
    const at = seen.get(k);
    if (at !== undefined) issues.push({ line, reason: `the same row as line ${at}` });
    else seen.set(k, line);
  }
  return issues;
}

// --- plans ------------------------------------------------------------------------------------

interface ProjectFileRow extends PlanKey {
  code: string;
  parentKey: string;
  kind: (typeof PROJECT_KINDS)[number];
  nameTh: string;
  nameEn: string;
  strategyCode: string;
  measureId?: string | null;
  responsibleUnitCode: string;
  responsibleUnitId?: string | null;
  responsibleDivision: string;
  budgetSatang: bigint;
  ceilingSatang: bigint | null;
}

export const PLANS_COLUMNS = [
  ...PLAN_COLUMNS,
  'project_code',
  'parent_code',
  'kind',
  'name_th',
  'name_en',
  'strategy_code',
  'responsible_unit_code',
  'responsible_division',
  'budget',
  'ceiling',
] as const;

/**
 * The measure a row names in the strategy registry (of the plan's development plan first), or a
 * goal for an item no measure lists (the seed's baseline list hangs on the plan's goal).
 */
function measureOf(nodes: readonly repo.StrategyNodeRow[], code: string, planDev: string | null) {
  const all = nodes.filter((n) => (n.kind === 'measure' || n.kind === 'goal') && n.code === code);
  const pick = (xs: readonly repo.StrategyNodeRow[]) =>
    xs.find((n) => n.planId === planDev) ?? xs[0];
  const measures = all.filter((n) => n.kind === 'measure');
  return measures.length ? pick(measures) : pick(all);
}

export const plansImport: ImportKind<ProjectFileRow> = {
  kind: 'plans',
  columns: PLANS_COLUMNS,
  required: ['fiscal_year', 'unit_code', 'kind', 'name_th', 'budget'],
  aliases: { รหัสโครงการ: 'project_code', ชื่อโครงการ: 'name_th', งบประมาณ: 'budget' },
  parseRow(c, ctx) {
    const reasons: string[] = [];
    const plan = planCells(c, ctx, reasons);
    const kind = oneOf('kind', textOf(c.kind), PROJECT_KINDS, reasons);
    const nameTh = textOf(c.name_th);
    if (!nameTh) reasons.push('name_th is empty');
    const budgetSatang = amountCell(c.budget, reasons, { column: 'budget' });
    const ceilingText = textOf(c.ceiling);
    const ceilingSatang = ceilingText
      ? amountCell(ceilingText, reasons, { column: 'ceiling' })
      : null;
    const code = textOf(c.project_code);
    const parentKey = textOf(c.parent_code);
    if (parentKey !== '' && parentKey === (code || nameTh))
      reasons.push('parent_code names the row itself');
    if (reasons.length) return reasons;
    return {
      ...plan,
      code,
      parentKey,
      kind: kind!,
      nameTh,
      nameEn: textOf(c.name_en),
      strategyCode: textOf(c.strategy_code),
      responsibleUnitCode: textOf(c.responsible_unit_code),
      responsibleDivision: textOf(c.responsible_division),
      budgetSatang,
      ceilingSatang,
    };
  },
  async check(rows, ctx) {
    const issues = duplicates(rows, (r) =>
      r.unitCode || r.unitName
        ? `${r.fiscalYear}:${r.unitCode}:${r.unitName}:${keyOf(r.code, r.nameTh)}`
        : null,
    );
    const { units, nodes, plans } = await loadPlans(ctx, rows, issues);
    const inFile = new Map<string, Set<string>>();
    for (const { row } of rows)
      if (row.unitId) {
        const k = planKeyOf(row.unitId, row.fiscalYear);
        if (!inFile.has(k)) inFile.set(k, new Set());
        inFile.get(k)!.add(row.code || row.nameTh);
      }
    for (const { line, row } of rows) {
      if (!row.unitId) continue;
      const p = plans.get(planKeyOf(row.unitId, row.fiscalYear))!;
      if (row.strategyCode) {
        const m = measureOf(nodes, row.strategyCode, p.plan?.plan.developmentPlanId ?? null);
        if (!m)
          issues.push({
            line,
            reason: `strategy_code ${quoted(row.strategyCode)} is not a measure of the strategy registry`,
          });
        else {
          row.measureId = m.id;
          row.developmentPlanId = m.planId;
        }
      } else row.measureId = null;
      if (row.responsibleUnitCode) {
        const u = units.resolve(row.responsibleUnitCode, '');
        if (isUnitMiss(u)) issues.push({ line, reason: `responsible_unit_code: ${u.reason}` });
        else row.responsibleUnitId = u.id;
      } else row.responsibleUnitId = null;
      if (
        row.parentKey &&
        !inFile.get(planKeyOf(row.unitId, row.fiscalYear))!.has(row.parentKey) &&
        !p.projects.some((x) => (x.code || x.nameTh) === row.parentKey)
      )
        issues.push({
          line,
          reason: `parent_code ${quoted(row.parentKey)} is no project of the plan or the file`,
        });
    }
    (ctx as KindContext & { loaded?: unknown }).loaded = plans;
    return issues;
  },
  amount: (row) => row.budgetSatang,
  async write(rows, w, ctx) {
    const plans = (ctx as KindContext & { loaded?: Map<string, PlanData> }).loaded!;
    const planIds = await ensurePlans(w, plans, rows);
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    // Each project's id by plan and key: the database's, then the new rows'.
    const idOf = new Map<string, string>();
    const positions = new Map<string, number>();
    for (const [k, p] of plans) {
      for (const x of p.projects) idOf.set(`${k}|${x.code || x.nameTh}`, x.id);
      positions.set(
        k,
        p.projects.reduce((n, x) => Math.max(n, x.position + 1), 0),
      );
    }
    const inserts: repo.ProjectInsert[] = [];
    const changes: { row: repo.ProjectRow; values: Partial<repo.ProjectInsert> }[] = [];
    const fresh = rows.filter(({ row }) => {
      const k = planKeyOf(row.unitId!, row.fiscalYear);
      const key = `${k}|${row.code || row.nameTh}`;
      if (idOf.has(key)) return false;
      idOf.set(key, randomUUID());
      return true;
    });
    for (const { row } of rows) {
      const k = planKeyOf(row.unitId!, row.fiscalYear);
      const id = idOf.get(`${k}|${row.code || row.nameTh}`)!;
      const values = {
        parentId: row.parentKey ? idOf.get(`${k}|${row.parentKey}`)! : null,
        measureId: row.measureId ?? null,
        kind: row.kind,
        code: row.code,
        nameTh: row.nameTh,
        nameEn: row.nameEn,
        responsibleUnitId: row.responsibleUnitId ?? null,
        responsibleDivision: row.responsibleDivision,
        budgetSatang: row.budgetSatang,
        ceilingSatang: row.ceilingSatang,
      };
      if (fresh.some((f) => f.row === row)) {
        const position = positions.get(k)!;
        positions.set(k, position + 1);
        inserts.push({
          ...values,
          id,
          organizationId: w.actor.organizationId,
          unitId: row.unitId!,
          actionPlanId: planIds.get(k)!,
          position,
        });
        continue;
      }
      const existing = plans.get(k)!.projects.find((x) => x.id === id)!;
      const before = {
        parentId: existing.parentId,
        measureId: existing.measureId,
        kind: existing.kind,
        code: existing.code,
        nameTh: existing.nameTh,
        nameEn: existing.nameEn,
        responsibleUnitId: existing.responsibleUnitId,
        responsibleDivision: existing.responsibleDivision,
        budgetSatang: existing.budgetSatang,
        ceilingSatang: existing.ceilingSatang,
      };
      if (canonicalRow(before) === canonicalRow(values)) unchanged++;
      else changes.push({ row: existing, values });
    }
    await repo.insertMany(w.tx, { projects: inserts });
    created += inserts.length;
    for (const c of changes) {
      const after = await repo.updateProject(w.tx, c.row.id, c.row.version, c.values, w.now);
      if (!after)
        throw new AppError('conflict', 'a project changed while the file was imported', {
          reason: 'stale_version',
        });
      w.audit({ action: 'update', entity: 'plan_project', entityId: c.row.id, after: c.values });
      updated++;
    }
    return { created, updated, unchanged };
  },
  async exportRows(database, actor, { fiscalYear }) {
    const { plans, nodes, units } = await plansInScope(database, actor, fiscalYear);
    const nodeCode = new Map(nodes.map((n) => [n.id, n.code]));
    return plans.flatMap(({ p, projects }) => {
      const byId = new Map(projects.map((x) => [x.id, x]));
      return projects.map((x) => {
        const parent = x.parentId ? byId.get(x.parentId) : undefined;
        return {
          fiscal_year: String(p.plan.fiscalYear),
          unit_code: p.unitCode,
          unit_name: p.unitName,
          project_code: x.code,
          parent_code: parent ? parent.code || parent.nameTh : '',
          kind: x.kind,
          name_th: x.nameTh,
          name_en: x.nameEn,
          strategy_code: x.measureId ? (nodeCode.get(x.measureId) ?? '') : '',
          responsible_unit_code: x.responsibleUnitId
            ? (units.byId(x.responsibleUnitId)?.code ?? '')
            : '',
          responsible_division: x.responsibleDivision,
          budget: satangToDecimalString(x.budgetSatang),
          ceiling: x.ceilingSatang === null ? '' : satangToDecimalString(x.ceilingSatang),
        };
      });
    });
  },
};

const canonicalRow = (r: Record<string, unknown>) =>
  JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

// --- indicators -------------------------------------------------------------------------------

interface TargetCell {
  fiscalYear: number;
  kind: (typeof TARGET_KINDS)[number];
  value: string;
  note: string;
}

interface IndicatorFileRow extends PlanKey {
  code: string;
  level: (typeof INDICATOR_LEVELS)[number];
  anchorCode: string;
  strategyNodeId?: string | null;
  missionTaskId?: string | null;
  nameTh: string;
  nameEn: string;
  unitOfMeasure: string;
  direction: 'higher_is_better' | 'lower_is_better';
  definition: string;
  calculationMethod: string;
  evidenceRequired: string;
  targets: TargetCell[];
  criteria: Record<string, unknown> | null;
  weight: string | null;
  computedSource: (typeof COMPUTED_SOURCES)[number] | null;
}

export const INDICATORS_COLUMNS = [
  ...PLAN_COLUMNS,
  'indicator_code',
  'level',
  'anchor_code',
  'name_th',
  'name_en',
  'unit_of_measure',
  'direction',
  'definition',
  'calculation_method',
  'evidence_required',
  'targets',
  'criteria',
  'weight',
  'computed_source',
] as const;

function targetsCell(text: string, reasons: string[]): TargetCell[] {
  if (text === '') return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    reasons.push(
      'targets is not JSON (a list like [{"fiscalYear":2565,"kind":"level","value":"5"}])',
    );
    return [];
  }
  if (!Array.isArray(json)) {
    reasons.push('targets is not a JSON list');
    return [];
  }
  const out: TargetCell[] = [];
  for (const [i, t] of json.entries()) {
    const o = (t ?? {}) as Record<string, unknown>;
    const at = `targets[${i}]`;
    let fiscalYear = 0;
    try {
      fiscalYear = parseFiscalYear(o.fiscalYear as string | number);
    } catch (e) {
      reasons.push(`${at}.fiscalYear: ${(e as Error).message}`);
    }
    const kind = oneOf(`${at}.kind`, String(o.kind ?? ''), TARGET_KINDS, reasons);
    const value = decimalCell(`${at}.value`, String(o.value ?? ''), reasons);
    if (o.value === undefined || o.value === '') reasons.push(`${at}.value is empty`);
    if (out.some((x) => x.fiscalYear === fiscalYear))
      reasons.push(`${at}: a second target for ${fiscalYear}`);
    if (kind && value !== null)
      out.push({ fiscalYear, kind, value, note: typeof o.note === 'string' ? o.note : '' });
  }
  return out.sort((a, b) => a.fiscalYear - b.fiscalYear);
}

function criteriaCell(text: string, reasons: string[]): Record<string, unknown> | null {
  if (text === '') return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    reasons.push('criteria is not JSON (SPEC §4)');
    return null;
  }
  try {
    parseCriteria(json);
    return json as Record<string, unknown>;
  } catch (e) {
    const details = (e as AppError).details as { issues?: { message: string; path: unknown[] }[] };
    const what =
      details?.issues?.map((i) => `${i.path.join('.') || 'criteria'}: ${i.message}`).join('; ') ??
      (e as Error).message;
    reasons.push(`criteria are not valid (SPEC §4): ${what}`);
    return null;
  }
}

const targetsOfRows = (rows: readonly repo.TargetRow[]): TargetCell[] =>
  rows
    .map((t) => ({
      fiscalYear: t.fiscalYear,
      kind: t.kind,
      value: trimDecimal(t.value),
      note: t.note,
    }))
    .sort((a, b) => a.fiscalYear - b.fiscalYear);

export const indicatorsImport: ImportKind<IndicatorFileRow> = {
  kind: 'indicators',
  columns: INDICATORS_COLUMNS,
  required: ['fiscal_year', 'unit_code', 'level', 'anchor_code', 'name_th'],
  aliases: { รหัสตัวชี้วัด: 'indicator_code', ชื่อตัวชี้วัด: 'name_th' },
  multiline: ['definition', 'calculation_method', 'evidence_required', 'targets', 'criteria'],
  parseRow(c, ctx) {
    const reasons: string[] = [];
    const plan = planCells(c, ctx, reasons);
    const level = oneOf('level', textOf(c.level), INDICATOR_LEVELS, reasons);
    const anchorCode = textOf(c.anchor_code);
    if (!anchorCode) reasons.push('anchor_code is empty (the goal, measure or mission task)');
    const nameTh = textOf(c.name_th);
    if (!nameTh) reasons.push('name_th is empty');
    const directionText = textOf(c.direction) || 'higher_is_better';
    const direction = oneOf(
      'direction',
      directionText,
      ['higher_is_better', 'lower_is_better'] as const,
      reasons,
    );
    const computedText = textOf(c.computed_source);
    const computedSource = computedText
      ? oneOf('computed_source', computedText, COMPUTED_SOURCES, reasons)
      : null;
    const targets = targetsCell((c.targets ?? '').trim(), reasons);
    const criteria = criteriaCell((c.criteria ?? '').trim(), reasons);
    const weight = decimalCell('weight', textOf(c.weight), reasons);
    if (reasons.length) return reasons;
    const multi = (s: string | undefined) => (s ?? '').replace(/\r\n?/g, '\n').trim();
    return {
      ...plan,
      code: textOf(c.indicator_code),
      level: level!,
      anchorCode,
      nameTh,
      nameEn: textOf(c.name_en),
      unitOfMeasure: textOf(c.unit_of_measure),
      direction: direction!,
      definition: multi(c.definition),
      calculationMethod: multi(c.calculation_method),
      evidenceRequired: multi(c.evidence_required),
      targets,
      criteria,
      weight,
      computedSource,
    };
  },
  async check(rows, ctx) {
    const issues = duplicates(rows, (r) =>
      r.unitCode || r.unitName
        ? `${r.fiscalYear}:${r.unitCode}:${r.unitName}:${keyOf(r.code, r.nameTh)}`
        : null,
    );
    const { nodes, plans } = await loadPlans(ctx, rows, issues);
    for (const { line, row } of rows) {
      if (!row.unitId) continue;
      const p = plans.get(planKeyOf(row.unitId, row.fiscalYear))!;
      if (row.level === 'mission_task') {
        const t = p.missionTasks.find((m) => m.code === row.anchorCode);
        if (!t)
          issues.push({
            line,
            reason: `anchor_code ${quoted(row.anchorCode)} is no mission task of the unit's plan for ${row.fiscalYear}`,
          });
        else row.missionTaskId = t.id;
        row.strategyNodeId = null;
      } else {
        const dev = p.plan?.plan.developmentPlanId ?? null;
        const all = nodes.filter((n) => n.kind === row.level && n.code === row.anchorCode);
        const n = all.find((x) => x.planId === dev) ?? all[0];
        if (!n)
          issues.push({
            line,
            reason: `anchor_code ${quoted(row.anchorCode)} is not a ${row.level} of the strategy registry`,
          });
        else {
          row.strategyNodeId = n.id;
          row.developmentPlanId = n.planId;
        }
        row.missionTaskId = null;
      }
    }
    (ctx as KindContext & { loaded?: unknown }).loaded = plans;
    return issues;
  },
  async write(rows, w, ctx) {
    const plans = (ctx as KindContext & { loaded?: Map<string, PlanData> }).loaded!;
    const planIds = await ensurePlans(w, plans, rows);
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const newIndicators: repo.IndicatorInsert[] = [];
    const newTargets: repo.TargetInsert[] = [];
    const positions = new Map<string, number>();
    for (const [k, p] of plans)
      positions.set(
        k,
        p.indicators.reduce((n, x) => Math.max(n, x.position + 1), 0),
      );
    for (const { row } of rows) {
      const k = planKeyOf(row.unitId!, row.fiscalYear);
      const p = plans.get(k)!;
      const values = {
        level: row.level,
        strategyNodeId: row.strategyNodeId ?? null,
        missionTaskId: row.missionTaskId ?? null,
        code: row.code,
        nameTh: row.nameTh,
        nameEn: row.nameEn,
        unitOfMeasure: row.unitOfMeasure,
        direction: row.direction,
        definition: row.definition,
        calculationMethod: row.calculationMethod,
        evidenceRequired: row.evidenceRequired,
        criteria: row.criteria,
        weight: row.weight,
        source: row.computedSource ? ('computed' as const) : ('entered' as const),
        computedSource: row.computedSource,
      };
      const key = keyOf(row.code, row.nameTh);
      const existing = p.indicators.find((x) => keyOf(x.code, x.nameTh) === key);
      const targets = (indicatorId: string) => row.targets.map((t) => ({ indicatorId, ...t }));
      if (!existing) {
        const id = randomUUID();
        const position = positions.get(k)!;
        positions.set(k, position + 1);
        newIndicators.push({
          ...values,
          id,
          organizationId: w.actor.organizationId,
          unitId: row.unitId!,
          actionPlanId: planIds.get(k)!,
          position,
        });
        newTargets.push(...targets(id));
        created++;
        continue;
      }
      const before = {
        level: existing.level,
        strategyNodeId: existing.strategyNodeId,
        missionTaskId: existing.missionTaskId,
        code: existing.code,
        nameTh: existing.nameTh,
        nameEn: existing.nameEn,
        unitOfMeasure: existing.unitOfMeasure,
        direction: existing.direction,
        definition: existing.definition,
        calculationMethod: existing.calculationMethod,
        evidenceRequired: existing.evidenceRequired,
        criteria: existing.criteria,
        weight: trimDecimal(existing.weight),
        source: existing.source,
        computedSource: existing.computedSource,
      };
      const sameFields =
        canonical(before) === canonical({ ...values, weight: trimDecimal(values.weight) });
      const oldTargets = targetsOfRows(p.targets.filter((t) => t.indicatorId === existing.id));
      const sameTargets = canonical(oldTargets) === canonical(row.targets);
      if (sameFields && sameTargets) {
        unchanged++;
        continue;
      }
      if (!sameFields) {
        const after = await repo.updateIndicator(
          w.tx,
          existing.id,
          existing.version,
          values,
          w.now,
        );
        if (!after)
          throw new AppError('conflict', 'an indicator changed while the file was imported', {
            reason: 'stale_version',
          });
      }
      if (!sameTargets) await replaceTargets(w.tx, existing.id, targets(existing.id));
      w.audit({
        action: 'update',
        entity: 'indicator',
        entityId: existing.id,
        after: { ...values, targets: row.targets },
      });
      updated++;
    }
    await repo.insertMany(w.tx, { indicators: newIndicators, targets: newTargets });
    return { created, updated, unchanged };
  },
  async exportRows(database, actor, { fiscalYear }) {
    const { plans, nodes } = await plansInScope(database, actor, fiscalYear);
    const nodeCode = new Map(nodes.map((n) => [n.id, n.code]));
    return plans.flatMap(({ p, indicators, targets, missionTasks }) =>
      indicators.map((i) => ({
        fiscal_year: String(p.plan.fiscalYear),
        unit_code: p.unitCode,
        unit_name: p.unitName,
        indicator_code: i.code,
        level: i.level,
        anchor_code:
          i.level === 'mission_task'
            ? (missionTasks.find((m) => m.id === i.missionTaskId)?.code ?? '')
            : i.strategyNodeId
              ? (nodeCode.get(i.strategyNodeId) ?? '')
              : '',
        name_th: i.nameTh,
        name_en: i.nameEn,
        unit_of_measure: i.unitOfMeasure,
        direction: i.direction,
        definition: i.definition,
        calculation_method: i.calculationMethod,
        evidence_required: i.evidenceRequired,
        targets: JSON.stringify(
          targetsOfRows(targets.filter((t) => t.indicatorId === i.id)).map((t) => ({
            fiscalYear: t.fiscalYear,
            kind: t.kind,
            value: t.value,
            ...(t.note !== '' && { note: t.note }),
          })),
        ),
        criteria: i.criteria ? JSON.stringify(i.criteria) : '',
        weight: trimDecimal(i.weight) ?? '',
        computed_source: i.computedSource ?? '',
      })),
    );
  },
};

// --- results ----------------------------------------------------------------------------------

interface ResultFileRow extends PlanKey {
  resultYear: number;
  indicatorKey: string;
  indicatorId?: string;
  periodKind: (typeof PERIOD_KINDS)[number];
  periodNo: number;
  value: string;
  comment: string;
}

export const RESULTS_COLUMNS = [
  ...PLAN_COLUMNS,
  'indicator_code',
  'period_kind',
  'period_no',
  'value',
  'comment',
  'plan_year',
] as const;

const PERIOD_RANGE = { month: [1, 12], quarter: [1, 4], year: [0, 0] } as const;

export const resultsImport: ImportKind<ResultFileRow> = {
  kind: 'results',
  columns: RESULTS_COLUMNS,
  required: ['fiscal_year', 'unit_code', 'indicator_code', 'period_kind', 'value'],
  aliases: { รหัสตัวชี้วัด: 'indicator_code', ผลการดำเนินงาน: 'value', หมายเหตุ: 'comment' },
  multiline: ['comment'],
  parseRow(c, ctx) {
    const reasons: string[] = [];
    const resultYear = fiscalYearCell(c.fiscal_year, ctx.options.fiscalYear, reasons);
    const planYearText = textOf(c.plan_year);
    let fiscalYear = resultYear;
    if (planYearText)
      try {
        fiscalYear = parseFiscalYear(planYearText);
      } catch (e) {
        reasons.push(`plan_year: ${(e as Error).message}`);
      }
    const indicatorKey = textOf(c.indicator_code);
    if (!indicatorKey) reasons.push('indicator_code is empty');
    const periodKind = oneOf('period_kind', textOf(c.period_kind), PERIOD_KINDS, reasons);
    const noText = textOf(c.period_no) || (periodKind === 'year' ? '0' : '');
    const periodNo = /^\d{1,2}$/.test(noText) ? Number(noText) : NaN;
    if (periodKind) {
      const [lo, hi] = PERIOD_RANGE[periodKind];
      if (!(periodNo >= lo && periodNo <= hi))
        reasons.push(
          `period_no ${quoted(noText)} is not a ${periodKind} (${lo === hi ? lo : `${lo}–${hi}`})`,
        );
    }
    const value = textOf(c.value);
    if (!value) reasons.push('value is empty');
    else if (value.length > 200) reasons.push('value is longer than 200 characters');
    if (reasons.length) return reasons;
    return {
      fiscalYear,
      resultYear,
      unitCode: textOf(c.unit_code),
      unitName: textOf(c.unit_name),
      indicatorKey,
      periodKind: periodKind!,
      periodNo,
      value,
      comment: (c.comment ?? '').replace(/\r\n?/g, '\n').trim(),
    };
  },
  async check(rows, ctx) {
    const issues: ImportIssue[] = [];
    const { plans, results } = await loadPlans(ctx, rows, issues, { results: true });
    for (const { line, row } of rows) {
      if (!row.unitId) continue;
      const p = plans.get(planKeyOf(row.unitId, row.fiscalYear))!;
      if (!p.plan) {
        issues.push({
          line,
          reason: `unit ${row.unitCode || row.unitName} has no action plan for ${row.fiscalYear} (import its plan and indicators first)`,
        });
        continue;
      }
      const found =
        p.indicators.find((i) => i.code !== '' && i.code === row.indicatorKey) ??
        p.indicators.find((i) => i.code === '' && i.nameTh === row.indicatorKey);
      if (!found) {
        issues.push({
          line,
          reason: `indicator_code ${quoted(row.indicatorKey)} is no indicator of ${p.plan.unitCode}'s plan for ${row.fiscalYear}`,
        });
        continue;
      }
      if (found.source === 'computed') {
        issues.push({
          line,
          reason: `indicator ${quoted(row.indicatorKey)} is computed from ${found.computedSource}; its results are not typed`,
        });
        continue;
      }
      row.indicatorId = found.id;
    }
    issues.push(
      ...duplicates(rows, (r) =>
        r.indicatorId ? `${r.indicatorId}:${r.resultYear}:${r.periodKind}:${r.periodNo}` : null,
      ),
    );
    (ctx as KindContext & { loaded?: unknown }).loaded = results;
    return issues;
  },
  async write(rows, w, ctx) {
    const results = (ctx as KindContext & { loaded?: repo.ResultRow[] }).loaded!;
    const byKey = new Map(
      results.map((r) => [`${r.indicatorId}:${r.fiscalYear}:${r.periodKind}:${r.periodNo}`, r]),
    );
    const inserts: repo.ResultInsert[] = [];
    let updated = 0;
    let unchanged = 0;
    for (const { row } of rows) {
      const existing = byKey.get(
        `${row.indicatorId}:${row.resultYear}:${row.periodKind}:${row.periodNo}`,
      );
      if (!existing) {
        inserts.push({
          indicatorId: row.indicatorId!,
          fiscalYear: row.resultYear,
          periodKind: row.periodKind,
          periodNo: row.periodNo,
          value: row.value,
          comment: row.comment,
          enteredBy: w.actor.userId,
        });
        continue;
      }
      if (existing.value === row.value && existing.comment === row.comment) {
        unchanged++;
        continue;
      }
      const after = await repo.updateResult(
        w.tx,
        existing.id,
        existing.version,
        { value: row.value, comment: row.comment, enteredBy: w.actor.userId },
        w.now,
      );
      if (!after)
        throw new AppError('conflict', 'a result changed while the file was imported', {
          reason: 'stale_version',
        });
      w.audit({
        action: 'update',
        entity: 'indicator_result',
        entityId: existing.id,
        before: { value: existing.value, comment: existing.comment },
        after: { value: row.value, comment: row.comment },
      });
      updated++;
    }
    await repo.insertMany(w.tx, { results: inserts });
    return { created: inserts.length, updated, unchanged };
  },
  async exportRows(database, actor, { fiscalYear }) {
    const { plans } = await plansInScope(database, actor, fiscalYear);
    return plans.flatMap(({ p, indicators, results }) =>
      results.flatMap((r) => {
        const i = indicators.find((x) => x.id === r.indicatorId);
        // A computed indicator's results are not typed (the import refuses them): its stored
        // history (the seed's FY2564 agreement result of 5.1) is not a row of this file.
        if (!i || i.source === 'computed') return [];
        return [
          {
            fiscal_year: String(r.fiscalYear),
            unit_code: p.unitCode,
            unit_name: p.unitName,
            indicator_code: i.code || i.nameTh,
            period_kind: r.periodKind,
            period_no: String(r.periodNo),
            value: r.value,
            comment: r.comment,
            plan_year: r.fiscalYear === p.plan.fiscalYear ? '' : String(p.plan.fiscalYear),
          },
        ];
      }),
    );
  },
};
