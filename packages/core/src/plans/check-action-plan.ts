/**
 * Checks an action-plan document: budget totals, references, criteria (with the scoring engine),
 * printed criteria tables against the criteria, work plans (with `validateWorkPlan`), previous-year
 * weighted scores (SPEC §4). The source's own inconsistencies are declared in `sourceIssues`;
 * `compareActionPlanWithDeclared` tells which findings are not declared and which declared ones are not found.
 */
import { compareDecimal, toDecimal } from '../decimal.js';
import { validateCriteria } from '../scoring/score.js';
import type { Criteria } from '../scoring/schema.js';
import { weightedScore } from '../scoring/weighted.js';
import { validateWorkPlan } from '../work-plan.js';
import type {
  ActionPlanDocument,
  ActionPlanDocId,
  ActionPlanIssueCode,
} from './action-plan-document.js';

export type ActionPlanFindingCode =
  | ActionPlanIssueCode
  | 'unknown_reference'
  | 'duplicate_id'
  | 'budget_total_mismatch'
  | 'baseline_count_mismatch'
  | 'criteria_invalid'
  | 'criteria_table_mismatch'
  | 'work_plan_invalid'
  | 'work_plan_total_mismatch'
  | 'weighted_score_mismatch';

export interface ActionPlanFinding {
  readonly code: ActionPlanFindingCode;
  readonly message: string;
  readonly indicatorId?: ActionPlanDocId;
  readonly workPlanId?: ActionPlanDocId;
  readonly steps?: readonly number[];
}

/** Sum of the projects' satang; null when every project prints "-". */
export function actionPlanProjectsTotal(
  doc: Pick<ActionPlanDocument, 'projects'>,
  projectIds: readonly ActionPlanDocId[],
): bigint | null {
  let total: bigint | null = null;
  for (const id of projectIds) {
    const amount = doc.projects.find((p) => p.id === id)?.budgetSatang ?? null;
    if (amount !== null) total = (total ?? 0n) + amount;
  }
  return total;
}

/** Points of each level (milestone, bands) or step (step_sum) of the criteria. */
function pointsByLevel(criteria: Criteria): Map<number, string> {
  const map = new Map<number, string>();
  if (criteria.kind === 'milestone')
    for (const l of criteria.levels) map.set(l.level, String(l.points));
  if (criteria.kind === 'bands') for (const b of criteria.bands) map.set(b.level, String(b.points));
  if (criteria.kind === 'step_sum')
    for (const s of criteria.steps) map.set(s.step, String(s.points));
  return map;
}

const sameDecimal = (a: string, b: string): boolean =>
  compareDecimal(toDecimal(a), toDecimal(b)) === 0;

function checkReferences(doc: ActionPlanDocument, out: ActionPlanFinding[]): void {
  const indicators = new Set<string>();
  const projects = new Set<string>();
  for (const [set, ids] of [
    [indicators, doc.indicators.map((i) => i.id)],
    [projects, doc.projects.map((p) => p.id)],
  ] as const) {
    for (const id of ids) {
      if (set.has(id))
        out.push({ code: 'duplicate_id', message: `the id '${id}' is used more than once` });
      set.add(id);
    }
  }
  const need = (set: Set<string>, id: string, where: string): void => {
    if (!set.has(id))
      out.push({ code: 'unknown_reference', message: `${where} refers to an unknown '${id}'` });
  };
  for (const d of doc.strategy.dimensions)
    for (const s of d.subDimensions)
      for (const g of s.goals)
        for (const m of g.measures) {
          for (const id of [...m.goalIndicatorIds, ...m.indicatorIds])
            need(indicators, id, `measure ${m.id}`);
          for (const id of m.projectIds) need(projects, id, `measure ${m.id}`);
        }
  for (const t of doc.missionTasks) {
    need(indicators, t.indicatorId, `mission task ${t.number}`);
    for (const id of t.projectIds) need(projects, id, `mission task ${t.number}`);
  }
  for (const g of doc.keyIndicators)
    for (const item of g.items) need(indicators, item.indicatorId, 'a key indicator');
  for (const g of doc.budgetSummary)
    for (const id of g.projectIds) need(projects, id, `the budget summary (${g.group})`);
  for (const t of doc.evaluationTables)
    for (const r of t.rows) need(indicators, r.indicatorId, `table ${t.key}`);
  for (const w of doc.workPlans) {
    need(indicators, w.indicatorId, `work plan ${w.number}`);
    need(projects, w.projectId, `work plan ${w.number}`);
  }
}

function checkMoney(doc: ActionPlanDocument, out: ActionPlanFinding[]): void {
  for (const g of doc.budgetSummary) {
    const sum = actionPlanProjectsTotal(doc, g.projectIds);
    if (sum !== g.statedTotalSatang)
      out.push({
        code: 'budget_total_mismatch',
        message: `the ${g.group} projects add up to ${String(sum ?? '-')} satang, the plan states ${String(g.statedTotalSatang ?? '-')}`,
      });
  }
  if (doc.baselineItems.length !== doc.baselineStatedCount)
    out.push({
      code: 'baseline_count_mismatch',
      message: `the baseline list has ${doc.baselineItems.length} items, its total row says ${doc.baselineStatedCount}`,
    });
}

function checkIndicators(doc: ActionPlanDocument, out: ActionPlanFinding[]): void {
  for (const ind of doc.indicators) {
    if (!ind.criteria) continue;
    const warnings = validateCriteria(ind.criteria);
    const gaps = warnings.filter((w) => w.code === 'gap' || w.code === 'overlap');
    if (gaps.length > 0)
      out.push({
        code: 'criteria_gap',
        indicatorId: ind.id,
        message: `indicator ${ind.number ?? ind.id}: ${gaps.map((w) => w.message).join('; ')}`,
      });
    const other = warnings.filter((w) => w.code !== 'gap' && w.code !== 'overlap');
    if (other.length > 0)
      out.push({
        code: 'criteria_invalid',
        indicatorId: ind.id,
        message: `indicator ${ind.number ?? ind.id}: ${other.map((w) => w.message).join('; ')}`,
      });
    const points = pointsByLevel(ind.criteria);
    const wrong = ind.criteriaTable.filter((r) => {
      const p = points.get(r.level);
      return p === undefined || !sameDecimal(p, r.points);
    });
    if (
      wrong.length > 0 ||
      (ind.criteriaTable.length > 0 && points.size !== ind.criteriaTable.length)
    )
      out.push({
        code: 'criteria_table_mismatch',
        indicatorId: ind.id,
        message: `indicator ${ind.number ?? ind.id}: the printed criteria table does not match the criteria (level ${wrong.map((r) => r.level).join(', ') || 'count'})`,
      });
  }
}

function checkWorkPlans(doc: ActionPlanDocument, out: ActionPlanFinding[]): void {
  for (const w of doc.workPlans) {
    const at = { workPlanId: w.id };
    if (w.origin === 'derived')
      out.push({
        code: 'work_plan_derived',
        ...at,
        message: `work plan ${w.number} is not in the source; it was built from other parts of the plan`,
      });
    const report = validateWorkPlan(w.steps);
    const cumulative = report.warnings.find((x) => x.code === 'weights_look_cumulative');
    if (cumulative)
      out.push({
        code: 'work_plan_weights_cumulative',
        ...at,
        steps: cumulative.steps ?? [],
        message: `work plan ${w.number}: ${cumulative.message}`,
      });
    const other = report.warnings.filter((x) => x.code !== 'weights_look_cumulative');
    if (other.length > 0)
      out.push({
        code: 'work_plan_invalid',
        ...at,
        message: `work plan ${w.number}: ${other.map((x) => x.message).join('; ')}`,
      });
    if (!cumulative && !sameDecimal(w.statedTotalStepWeight, report.totalStepWeight))
      out.push({
        code: 'work_plan_total_mismatch',
        ...at,
        message: `work plan ${w.number}: the total row says ${w.statedTotalStepWeight}, the step weights add up to ${report.totalStepWeight}`,
      });
    const noMonths = w.steps.filter((s) => s.months.length === 0).map((s) => s.step);
    if (noMonths.length > 0)
      out.push({
        code: 'work_plan_months_missing',
        ...at,
        steps: noMonths,
        message: `work plan ${w.number}: step ${noMonths.join(', ')} has no planned month`,
      });
  }
}

function checkPreviousYear(doc: ActionPlanDocument, out: ActionPlanFinding[]): void {
  for (const c of doc.previousYear.components)
    for (const r of c.scoredRows) {
      const expected = weightedScore(r.score, r.weight);
      if (!sameDecimal(expected, r.weightedScore))
        out.push({
          code: 'weighted_score_mismatch',
          message: `component ${c.number} ${r.number ?? ''}: ${r.score} × ${r.weight} ÷ 100 = ${expected}, printed ${r.weightedScore}`,
        });
    }
}

/** Every finding about the document, in a stable order. */
export function checkActionPlanDocument(doc: ActionPlanDocument): ActionPlanFinding[] {
  const out: ActionPlanFinding[] = [];
  checkReferences(doc, out);
  checkMoney(doc, out);
  checkIndicators(doc, out);
  checkWorkPlans(doc, out);
  checkPreviousYear(doc, out);
  return out;
}

const key = (x: {
  code: string;
  indicatorId?: string;
  workPlanId?: string;
  steps?: readonly number[];
}): string =>
  [x.code, x.indicatorId ?? '', x.workPlanId ?? '', (x.steps ?? []).join(',')].join('|');

/**
 * Findings the document does not declare as source issues, and declared issues no check finds.
 * A plan transcribed faithfully has both lists empty.
 */
export function compareActionPlanWithDeclared(doc: ActionPlanDocument): {
  undeclared: ActionPlanFinding[];
  unreported: ActionPlanDocument['sourceIssues'][number][];
} {
  const findings = checkActionPlanDocument(doc);
  const declared = new Set(doc.sourceIssues.map(key));
  const found = new Set(findings.map(key));
  return {
    undeclared: findings.filter((f) => !declared.has(key(f))),
    unreported: doc.sourceIssues.filter((i) => !found.has(key(i))),
  };
}
