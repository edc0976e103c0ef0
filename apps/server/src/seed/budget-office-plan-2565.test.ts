import {
  bahtText,
  checkActionPlanDocument,
  compareActionPlanWithDeclared,
  compositeScore,
  formatBaht,
  actionPlanProjectsTotal,
  scoreResult,
  validateCriteria,
  validateWorkPlan,
  weightedScore,
} from '@pbis/core';
import { describe, expect, it } from 'vitest';
import {
  budgetOfficePlan2565 as plan,
  KPI1_NAME,
  KPI2_NAME,
  KPI3_NAME,
} from './budget-office-plan-2565.js';
import { SEED_UNITS } from './organization-data.js';

const indicator = (id: string) => {
  const found = plan.indicators.find((i) => i.id === id);
  if (!found) throw new Error(id);
  return found;
};
const workPlan = (id: string) => {
  const found = plan.workPlans.find((w) => w.id === id);
  if (!found) throw new Error(id);
  return found;
};

describe('the seed action plan (FY2565, Budget Office) as data', () => {
  it('adds up: the strategic projects are 10,991,500.00 baht, the stated total, and its words', () => {
    const strategic = plan.budgetSummary.find((g) => g.group === 'strategic');
    expect(strategic).toBeDefined();
    const total = actionPlanProjectsTotal(plan, strategic?.projectIds ?? []);
    expect(total).toBe(1_099_150_000n);
    expect(total).toBe(strategic?.statedTotalSatang);
    expect(formatBaht(total ?? 0n)).toBe('10,991,500.00');
    expect(bahtText(total ?? 0n)).toBe('สิบล้านเก้าแสนเก้าหมื่นหนึ่งพันห้าร้อยบาทถ้วน');
    const mission = plan.budgetSummary.find((g) => g.group === 'mission');
    expect(actionPlanProjectsTotal(plan, mission?.projectIds ?? [])).toBeNull();
    expect(mission?.statedTotalSatang).toBeNull();
    // Every project is in exactly one summary group.
    const listed = plan.budgetSummary.flatMap((g) => g.projectIds).sort();
    expect(listed).toEqual(plan.projects.map((p) => p.id).sort());
  });

  it('has the 88,000-baht training item as its one baseline item', () => {
    expect(plan.baselineItems).toHaveLength(plan.baselineStatedCount);
    expect(plan.baselineItems.map((b) => formatBaht(b.budgetSatang))).toEqual(['88,000.00']);
  });

  it('recomputes the previous year’s weighted scores per SPEC §4 (9.157, 9.282, 10)', () => {
    const rows = plan.previousYear.components.flatMap((c) => c.scoredRows);
    expect(rows.map((r) => r.weightedScore)).toEqual(['9.157', '9.282', '10']);
    for (const r of rows)
      expect(Number(weightedScore(r.score, r.weight))).toBe(Number(r.weightedScore));
    expect(weightedScore('92.820', '10')).toBe('9.282');
    expect(weightedScore('91.572', '10')).toBe('9.157');
    // The three scored components carry 30 % of the weight.
    expect(compositeScore(rows, { expectedTotalWeight: 30 }).total).toBe('28.439');
  });

  it('has the three negotiated indicators with criteria the engine accepts', () => {
    expect([
      indicator('kpi-1').nameTh,
      indicator('kpi-2').nameTh,
      indicator('kpi-3').nameTh,
    ]).toEqual([KPI1_NAME, KPI2_NAME, KPI3_NAME]);
    const kpi1 = indicator('kpi-1');
    expect(kpi1.criteriaTable.map((r) => r.points)).toEqual(['30', '24', '18', '12', '6']);
    expect(validateCriteria(kpi1.criteria!)).toEqual([]);
    expect(scoreResult(kpi1.criteria!, 3)).toMatchObject({ level: 3, points: '18' });
    const kpi3 = indicator('kpi-3');
    expect(kpi3.criteriaTable.map((r) => r.points)).toEqual(['20', '18', '16', '14', '12']);
    expect(validateCriteria(kpi3.criteria!)).toEqual([]);
    expect(indicator('kpi-5.2').criteria).toMatchObject({ kind: 'step_sum' });
    expect(scoreResult(indicator('kpi-5.2').criteria!, '1,2,3,4,5')).toMatchObject({
      points: '100',
    });
  });

  it('keeps indicator 2’s band gaps: the engine reports [2.00, 2.01) and [3.00, 3.01)', () => {
    const kpi2 = indicator('kpi-2');
    expect(kpi2.criteriaTable.map((r) => r.points)).toEqual(['20', '18', '16', '14', '12']);
    const gaps = validateCriteria(kpi2.criteria!).filter((w) => w.code === 'gap');
    expect(gaps.map((g) => [g.from, g.to])).toEqual(
      [
        ['2', '2.01'],
        ['3', '3.01'],
      ].map(([a, b]) => [expect.stringMatching(new RegExp(`^${a}(\\.0+)?$`)), b]),
    );
    expect(() => scoreResult(kpi2.criteria!, '2.00')).toThrow();
    expect(scoreResult(kpi2.criteria!, '0')).toMatchObject({ level: 5, points: '20' });
    expect(scoreResult(kpi2.criteria!, '3.22')).toMatchObject({ level: 2, points: '14' });
  });

  it('has the work plans: activity 2 weighs 20/20/40/10/10 and is consistent; activity 3 shows the seed’s cumulative column', () => {
    const wp2 = workPlan('wp-2');
    expect(wp2.steps.map((s) => s.stepWeight)).toEqual(['20', '20', '40', '10', '10']);
    expect(wp2.steps.map((s) => s.cumulativeProgress)).toEqual(['20', '40', '80', '90', '100']);
    expect(validateWorkPlan(wp2.steps).warnings).toEqual([]);
    expect(wp2.steps.map((s) => s.months)).toEqual([[2], [4], [], [], []]);
    const wp3 = validateWorkPlan(workPlan('wp-3').steps);
    expect(wp3.warnings.map((w) => w.code)).toEqual(['weights_look_cumulative']);
    expect(wp3.warnings[0]?.suggestedStepWeights).toEqual(['60', '10', '10', '10', '10']);
    expect(validateWorkPlan(workPlan('wp-1').steps).warnings).toEqual([]);
  });

  it('reports exactly the seed’s declared inconsistencies, nothing more, nothing less', () => {
    const { undeclared, unreported } = compareActionPlanWithDeclared(plan);
    expect(undeclared).toEqual([]);
    expect(unreported).toEqual([]);
    expect(
      checkActionPlanDocument(plan).map((f) => `${f.code}:${f.indicatorId ?? f.workPlanId}`),
    ).toEqual([
      'criteria_gap:kpi-2',
      'work_plan_derived:wp-1',
      'work_plan_months_missing:wp-1',
      'work_plan_months_missing:wp-2',
      'work_plan_weights_cumulative:wp-3',
    ]);
  });

  it('would report a broken total, a wrong weighted score and a silently fixed activity 3', () => {
    const broken = {
      ...plan,
      projects: plan.projects.map((p) =>
        p.id === 'p-pbis' ? { ...p, budgetSatang: 1_099_140_000n } : p,
      ),
      previousYear: {
        ...plan.previousYear,
        components: plan.previousYear.components.map((c) => ({
          ...c,
          scoredRows: c.scoredRows.map((r) => ({
            ...r,
            weightedScore: r.weightedScore === '9.282' ? '9.283' : r.weightedScore,
          })),
        })),
      },
      workPlans: plan.workPlans.map((w) =>
        w.id === 'wp-3'
          ? {
              ...w,
              steps: w.steps.map((s, i) => ({
                ...s,
                stepWeight: ['60', '10', '10', '10', '10'][i] as string,
              })),
            }
          : w,
      ),
    };
    const { undeclared, unreported } = compareActionPlanWithDeclared(broken);
    expect(undeclared.map((f) => f.code).sort()).toEqual([
      'budget_total_mismatch',
      'weighted_score_mismatch',
    ]);
    expect(unreported.map((i) => i.code)).toEqual(['work_plan_weights_cumulative']);
  });

  it('spells units officially and leaves no OCR error in the text', () => {
    const units = plan.divisions.flatMap((d) => d.responsibleUnits);
    expect(units).toHaveLength(71);
    expect(new Set(units.map((u) => u.code)).size).toBe(71);
    for (const u of units) expect(SEED_UNITS.find((s) => s.code === u.code)?.nameTh).toBe(u.nameTh);
    const text = JSON.stringify(plan, (_k, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v,
    );
    for (const ocr of [
      'สำนักงานประมาณ',
      'สำนักงานงบประมาณกรุงเทพ',
      'กั้นเงิน',
      'ก่อนนี้',
      'เหลือในปี',
      'เหลือปี',
      'ค่าของงบ',
      'นวมินทราชิ',
      'นวมินทราชู',
      'นวัตกรรมบริหารราช',
      'พัฒนากกรุง',
      'กรงบประมาณ',
      'ผู้กพัน',
      'ชี้ดความ',
      'สำนักงานการระบายน้ำ',
      'สำนักงานโยธา',
      'ราชบุรีบูรณะ',
      'ยึดหยุ่น',
      'กลับกรอง',
    ])
      expect(text, ocr).not.toContain(ocr);
  });

  it('links the cascade: dimension 7, sub-dimension 7.2, goal 7.2.1.1, three measures, three mission tasks', () => {
    const [dim] = plan.strategy.dimensions;
    expect(dim?.code).toBe('7');
    expect(dim?.subDimensions[0]?.code).toBe('7.2');
    const goal = dim?.subDimensions[0]?.goals[0];
    expect(goal?.code).toBe('7.2.1.1');
    expect(goal?.measures.map((m) => m.id)).toEqual(['measure-1', 'measure-2', 'measure-3']);
    expect(plan.missionTasks.map((t) => t.indicatorId)).toEqual(['kpi-1', 'kpi-2', 'kpi-3']);
    for (const id of ['kpi-1', 'kpi-2', 'goal-1', 'goal-2', 'goal-3', 'kpi-3'])
      expect(indicator(id).targets.map((t) => t.fiscalYear)).toEqual([2563, 2564, 2565]);
    expect(indicator('kpi-5.1')).toMatchObject({
      source: 'computed',
      computedFrom: 'execution.disbursement_rate',
    });
  });
});
