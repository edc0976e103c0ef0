import type { Database } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import { systemActor } from '../auth/actor.js';
import * as orgRepo from '../org/repository.js';
import { budgetOfficePlan2565 } from '../../seed/budget-office-plan-2565.js';
import { planSeedOfDocument } from './document-seed.js';
import { loadPlanSeed, type PlanSeed, type StrategySeed } from './seed-loader.js';

/*
 * The demo's plans (issue 14): the Budget Office's FY2565 action plan from the seed, and for every
 * other unit a small plan clearly labelled ข้อมูลสังเคราะห์ (synthetic), deterministic, so that an
 * analyst's tree is never empty. The Budget Office's plan is the seed's transcription, the typed
 * document the report prints (seed/budget-office-plan-2565.ts), loaded through document-seed.ts.
 */

export const SYNTHETIC = 'ข้อมูลสังเคราะห์';
export const DEMO_PLAN_YEAR = 2565;

/** The Budget Office's FY2565 plan: the seed's document as the registry loads it. */
export const BUDGET_OFFICE_PLAN_2565: PlanSeed = planSeedOfDocument(budgetOfficePlan2565, {
  // Indicator 2 (carry-over without obligation) is what the execution module computes for every
  // unit (money.ts): its results come from there, not typed.
  computed: { 'kpi-2': 'execution.carry_over_without_obligation' },
});

/** The seed's strategy, with one measure more for the synthetic plans, clearly labelled. */
export const BMA_STRATEGY: StrategySeed = {
  ...BUDGET_OFFICE_PLAN_2565.strategy,
  nodes: [
    ...BUDGET_OFFICE_PLAN_2565.strategy.nodes,
    {
      kind: 'measure',
      code: 'SYN-M1',
      parentCode: '7.2.1.1',
      nameTh: `มาตรการตัวอย่าง (${SYNTHETIC})`,
      nameEn: 'Example measure (synthetic)',
    },
  ],
};

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A unit's small synthetic plan: one project of two activities, two indicators, a work plan. */
export function syntheticPlan(unit: { code: string; nameTh: string }, index: number): PlanSeed {
  const rnd = random(DEMO_PLAN_YEAR * 1000 + index);
  const a1 = 100_000 + Math.floor(rnd() * 40) * 25_000;
  const a2 = 50_000 + Math.floor(rnd() * 20) * 10_000;
  // Results that give every status somewhere: some on pace, some behind, some none yet.
  const pace = rnd();
  const results =
    pace < 0.2
      ? []
      : [1, 2, 3].map((m) => ({
          fiscalYear: DEMO_PLAN_YEAR,
          periodKind: 'month' as const,
          periodNo: m,
          value: String(Math.round(m * (pace < 0.5 ? 4 : 9))),
          comment: SYNTHETIC,
        }));
  return {
    unitCode: unit.code,
    fiscalYear: DEMO_PLAN_YEAR,
    titleTh: `แผนปฏิบัติการประจำปี พ.ศ. ${DEMO_PLAN_YEAR} ของ${unit.nameTh} (${SYNTHETIC})`,
    synthetic: true,
    strategy: BMA_STRATEGY,
    statements: [{ kind: 'vision', textTh: `วิสัยทัศน์ของ${unit.nameTh} (${SYNTHETIC})` }],
    projects: [
      {
        key: 'p',
        measureCode: 'SYN-M1',
        kind: 'project',
        code: 'S1',
        nameTh: `โครงการตัวอย่างของ${unit.nameTh} (${SYNTHETIC})`,
        ceiling: String(a1 + a2),
      },
      {
        key: 'a1',
        parentKey: 'p',
        kind: 'activity',
        code: 'S1.1',
        nameTh: `กิจกรรมตัวอย่างที่ 1 (${SYNTHETIC})`,
        budget: String(a1),
        steps: [
          { nameTh: 'เตรียมการ', weight: '30', plannedCumulative: '30', plannedMonths: [1, 2] },
          {
            nameTh: 'ดำเนินการ',
            weight: '50',
            plannedCumulative: '80',
            plannedMonths: [3, 4, 5, 6, 7, 8],
          },
          { nameTh: 'สรุปผล', weight: '20', plannedCumulative: '100', plannedMonths: [11, 12] },
        ],
        progress: [
          { fiscalMonth: 1, actualCumulative: '10' },
          { fiscalMonth: 2, actualCumulative: pace < 0.5 ? '15' : '30' },
        ],
      },
      {
        key: 'a2',
        parentKey: 'p',
        kind: 'activity',
        code: 'S1.2',
        nameTh: `กิจกรรมตัวอย่างที่ 2 (${SYNTHETIC})`,
        budget: String(a2),
      },
    ],
    indicators: [
      {
        level: 'measure',
        anchor: 'SYN-M1',
        code: 'S-1',
        nameTh: `ร้อยละความสำเร็จของโครงการตัวอย่าง (${SYNTHETIC})`,
        unitOfMeasure: 'ร้อยละ',
        criteria: {
          kind: 'linear',
          points: [
            { x: 0, score: 0 },
            { x: 100, score: 100 },
          ],
          clamp: true,
        },
        weight: '10',
        targets: [{ fiscalYear: DEMO_PLAN_YEAR, kind: 'numeric', value: '100' }],
        results,
      },
      {
        level: 'goal',
        anchor: '7.2.1.1',
        code: '5.1',
        nameTh: `ความสำเร็จของการเบิกจ่ายงบประมาณในภาพรวม (${SYNTHETIC})`,
        unitOfMeasure: 'ร้อยละ',
        computedSource: 'execution.disbursement_rate',
        targets: [{ fiscalYear: DEMO_PLAN_YEAR, kind: 'numeric', value: '95' }],
      },
    ],
  };
}

/**
 * Loads the demo's plans: the Budget Office's (the seed) and a synthetic one for each other unit.
 * Answers how many plans it loaded (0 when they were all there).
 */
export async function seedDemoPlans(
  database: Database,
  organizationId: string,
  budgetOfficePlan: PlanSeed = BUDGET_OFFICE_PLAN_2565,
): Promise<number> {
  const system = systemActor(organizationId, 'pbis-seed');
  const units = await withScope(database, system, (db) => orgRepo.allUnitsRaw(db, organizationId));
  const sorted = [...units].filter((u) => u.active).sort((a, b) => a.code.localeCompare(b.code));
  let loaded = 0;
  if (sorted.some((u) => u.code === budgetOfficePlan.unitCode))
    loaded += (await loadPlanSeed(database, organizationId, budgetOfficePlan)) ? 1 : 0;
  for (const [i, u] of sorted.entries()) {
    if (u.code === budgetOfficePlan.unitCode) continue;
    loaded += (await loadPlanSeed(database, organizationId, syntheticPlan(u, i))) ? 1 : 0;
  }
  return loaded;
}
