import { FISCAL_MONTHS } from '@pbis/core';
import type { PlanTree } from '@pbis/contract';

/*
 * Pure helpers of the plans screens: the flat tree of the API nested for display, period labels,
 * Gantt cells and plan-vs-actual series. No React here (unit-tested in plan-view.test.ts).
 */

export type TreeNode = PlanTree['nodes'][number];
export type IndicatorSummary = PlanTree['indicators'][number];
export type WorkPlan = PlanTree['workPlans'][number];
export type IndicatorStatus = IndicatorSummary['status'];

export interface TreeItem {
  node: TreeNode;
  depth: number;
  children: TreeItem[];
  indicators: IndicatorSummary[];
  workPlan: WorkPlan | null;
}

const byCode = (a: TreeNode, b: TreeNode) =>
  a.code.localeCompare(b.code, 'th', { numeric: true }) || a.nameTh.localeCompare(b.nameTh, 'th');

/** Rank of a node kind among its siblings: strategy first, then mission tasks, projects, activities. */
const KIND_ORDER: Record<TreeNode['kind'], number> = {
  dimension: 0,
  sub_dimension: 1,
  goal: 2,
  measure: 3,
  mission_task: 4,
  project: 5,
  activity: 6,
};

/**
 * The API's flat node list as a forest (roots are the nodes whose parent is not in the list), each
 * node with its indicators and (activities) its work plan. Siblings: by kind, then code.
 */
export function nestTree(tree: Pick<PlanTree, 'nodes' | 'indicators' | 'workPlans'>): TreeItem[] {
  const nodes = tree.nodes;
  const ids = new Set(nodes.map((n) => n.id));
  const childrenOf = new Map<string | null, TreeNode[]>();
  for (const n of nodes) {
    const key = n.parentId && ids.has(n.parentId) ? n.parentId : null;
    childrenOf.set(key, [...(childrenOf.get(key) ?? []), n]);
  }
  const indicatorsOf = new Map<string, IndicatorSummary[]>();
  for (const i of tree.indicators)
    indicatorsOf.set(i.nodeId, [...(indicatorsOf.get(i.nodeId) ?? []), i]);
  const workPlanOf = new Map(tree.workPlans.map((w) => [w.projectId, w]));
  const seen = new Set<string>();
  const build = (parent: string | null, depth: number): TreeItem[] =>
    [...(childrenOf.get(parent) ?? [])]
      .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || byCode(a, b))
      .filter((n) => !seen.has(n.id) && (seen.add(n.id), true))
      .map((node) => ({
        node,
        depth,
        children: build(node.id, depth + 1),
        indicators: indicatorsOf.get(node.id) ?? [],
        workPlan: workPlanOf.get(node.id) ?? null,
      }));
  return build(null, 0);
}

/** Every node id of a forest (to expand all). */
export function allIds(items: readonly TreeItem[]): string[] {
  return items.flatMap((i) => [i.node.id, ...allIds(i.children)]);
}

/** Ids of the nodes down to (and including) a depth, to open a tree at first sight. */
export function idsToDepth(items: readonly TreeItem[], depth: number): string[] {
  return items.flatMap((i) =>
    i.depth <= depth ? [i.node.id, ...idsToDepth(i.children, depth)] : [],
  );
}

export const STATUS_COLORS: Record<IndicatorStatus, string> = {
  on_track: 'green',
  at_risk: 'orange',
  missed: 'red',
  no_result: 'gray',
};

export type Lang = 'th' | 'en';

/** A fiscal month (1 = October) by its short name: ต.ค. … ก.ย. / Oct … Sep. */
export function fiscalMonthShort(index: number, lang: Lang): string {
  const m = FISCAL_MONTHS[index - 1];
  if (!m) return String(index);
  return lang === 'th' ? m.abbreviation : m.englishName.slice(0, 3);
}

/** The twelve fiscal month short names, October first. */
export const fiscalMonthShorts = (lang: Lang): string[] =>
  FISCAL_MONTHS.map((_, i) => fiscalMonthShort(i + 1, lang));

/** A result's period in words: "ต.ค. 2564", "ไตรมาส 2", "ทั้งปี". */
export function periodLabel(
  p: { periodKind: 'month' | 'quarter' | 'year'; periodNo: number; fiscalYear?: number },
  lang: Lang,
): string {
  if (p.periodKind === 'year') return lang === 'th' ? 'ทั้งปี' : 'Full year';
  if (p.periodKind === 'quarter')
    return lang === 'th' ? `ไตรมาส ${p.periodNo}` : `Quarter ${p.periodNo}`;
  const name = fiscalMonthShort(p.periodNo, lang);
  if (p.fiscalYear === undefined) return name;
  // Fiscal months 1–3 (Oct–Dec) fall in the calendar year before the fiscal year.
  const be = p.periodNo <= 3 ? p.fiscalYear - 1 : p.fiscalYear;
  return lang === 'th' ? `${name} ${be}` : `${name} ${be - 543}`;
}

/** Sort key of a period within a year: months, then quarters at their last month, then the year. */
export function periodOrder(p: { periodKind: 'month' | 'quarter' | 'year'; periodNo: number }) {
  if (p.periodKind === 'month') return p.periodNo * 10;
  if (p.periodKind === 'quarter') return p.periodNo * 30 + 1;
  return 1000;
}

/** The Gantt row of one step: twelve cells, true where the step is planned. */
export function ganttCells(plannedMonths: readonly number[]): boolean[] {
  const set = new Set(plannedMonths);
  return Array.from({ length: 12 }, (_, i) => set.has(i + 1));
}

/**
 * Actual cumulative progress by fiscal month (12 values): the value entered for a month, null for
 * months without an entry (the chart draws no point there, it does not guess).
 */
export function actualByMonth(progress: WorkPlan['progress']): (number | null)[] {
  const by = new Map(progress.map((p) => [p.fiscalMonth, Number(p.actualCumulative)]));
  return Array.from({ length: 12 }, (_, i) => by.get(i + 1) ?? null);
}

/** A byte count in words a person reads: 812 B, 12.4 KB, 3.1 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Whether a file may be sent as evidence (type and size), and why not. */
export function evidenceProblem(
  file: { size: number; type: string },
  maxBytes: number,
  types: readonly string[],
): 'too_large' | 'type' | 'empty' | null {
  if (file.size === 0) return 'empty';
  if (file.size > maxBytes) return 'too_large';
  if (!types.includes(file.type)) return 'type';
  return null;
}

/** The criteria text typed in the editor as an object, or the reason it is not one. */
export function parseCriteriaText(
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false } {
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v))
      return { ok: true, value: v as Record<string, unknown> };
  } catch {
    // falls through
  }
  return { ok: false };
}

/** The plans pages' state kept in the URL: unit, fiscal year, status filter. */
export interface PlanSearch {
  unitId?: string;
  year?: number;
  status?: IndicatorStatus;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUSES: readonly IndicatorStatus[] = ['on_track', 'at_risk', 'missed', 'no_result'];

export function validatePlanSearch(s: Record<string, unknown>): PlanSearch {
  const out: PlanSearch = {};
  if (typeof s.unitId === 'string' && UUID.test(s.unitId)) out.unitId = s.unitId.toLowerCase();
  const year = Number(s.year);
  if (Number.isInteger(year) && year >= 2500 && year <= 2700) out.year = year;
  if (typeof s.status === 'string' && (STATUSES as readonly string[]).includes(s.status))
    out.status = s.status as IndicatorStatus;
  return out;
}

export interface CriteriaRow {
  /** 'level' | 'step' | 'point' */
  kind: 'level' | 'step' | 'point';
  no: string;
  /** The range of a band ("≥ 4.5 และ < 5"), the label of a level or step, or the x of a point. */
  condition: string;
  points: string;
}

const num = (v: unknown): string =>
  typeof v === 'number' || typeof v === 'string' ? String(v) : '';

/** A criteria object (any of the engine's kinds) as rows a person reads; [] when not readable. */
export function criteriaRows(c: Record<string, unknown> | null, lang: Lang): CriteriaRow[] {
  if (!c) return [];
  const list = (k: string): Record<string, unknown>[] =>
    Array.isArray(c[k])
      ? (c[k] as unknown[]).filter(
          (x): x is Record<string, unknown> => !!x && typeof x === 'object',
        )
      : [];
  const label = (x: Record<string, unknown>) => (typeof x.label === 'string' ? x.label : '');
  const and = lang === 'th' ? ' และ ' : ' and ';
  switch (c.kind) {
    case 'milestone':
      return list('levels').map((l) => ({
        kind: 'level',
        no: num(l.level),
        condition: label(l),
        points: num(l.points),
      }));
    case 'bands':
      return list('bands').map((b) => {
        const parts: string[] = [];
        if (b.min !== undefined)
          parts.push(`${b.minInclusive === false ? '>' : '≥'} ${num(b.min)}`);
        if (b.max !== undefined) parts.push(`${b.maxInclusive === true ? '≤' : '<'} ${num(b.max)}`);
        const range = parts.join(and);
        return {
          kind: 'level',
          no: num(b.level),
          condition: [range, label(b)].filter(Boolean).join(' — '),
          points: num(b.points),
        };
      });
    case 'step_sum':
      return list('steps').map((s) => ({
        kind: 'step',
        no: num(s.step),
        condition: label(s),
        points: num(s.points),
      }));
    case 'linear':
      return list('points').map((p, i) => ({
        kind: 'point',
        no: String(i + 1),
        condition: num(p.x),
        points: num(p.score),
      }));
    default:
      return [];
  }
}
