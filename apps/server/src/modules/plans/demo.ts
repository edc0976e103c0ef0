import { SEED_CRITERIA } from '@pbis/core';
import type { Database } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import { systemActor } from '../auth/actor.js';
import * as orgRepo from '../org/repository.js';
import { loadPlanSeed, type PlanSeed, type StrategySeed } from './seed-loader.js';

/*
 * The demo's plans (issue 14): the Budget Office's FY2565 action plan from the seed, and for every
 * other unit a small plan clearly labelled ข้อมูลสังเคราะห์ (synthetic), deterministic, so that an
 * analyst's tree is never empty. The Budget Office's plan here is the part of the seed the
 * registry needs (strategy, measures, projects with their budgets, the negotiated indicators with
 * targets and criteria, activity 2's work plan, indicators 5.1 and 5.2); the full transcription
 * is the typed document model (plans/action-plan-document.ts) once it is merged.
 */

export const SYNTHETIC = 'ข้อมูลสังเคราะห์';
export const DEMO_PLAN_YEAR = 2565;

export const BMA_STRATEGY: StrategySeed = {
  plan: {
    code: 'BMA-20Y-2',
    nameTh: 'แผนพัฒนากรุงเทพมหานคร ระยะ 20 ปี ระยะที่ 2 (พ.ศ. 2561–2565)',
    nameEn: 'Bangkok 20-year development plan, phase 2 (2018–2022)',
    startYear: 2561,
    endYear: 2565,
  },
  nodes: [
    {
      kind: 'dimension',
      code: '7',
      parentCode: null,
      nameTh: 'การบริหารจัดการเมืองมหานคร',
      nameEn: 'Metropolitan management',
    },
    {
      kind: 'sub_dimension',
      code: '7.2',
      parentCode: '7',
      nameTh: 'การคลังและงบประมาณ',
      nameEn: 'Finance and budget',
    },
    {
      kind: 'goal',
      code: '7.2.1.1',
      parentCode: '7.2',
      nameTh: 'นำงบประมาณแบบมุ่งเน้นผลงานมาใช้ภายในปีงบประมาณ 2565',
      nameEn: 'Performance-based budgeting in use by fiscal year 2565',
    },
    {
      kind: 'measure',
      code: '7.2.1.1-M1',
      parentCode: '7.2.1.1',
      nameTh: 'มาตรการพัฒนาระบบสารสนเทศสำหรับงบประมาณแบบมุ่งเน้นผลงาน',
      nameEn: 'An information system for performance-based budgeting',
    },
    {
      kind: 'measure',
      code: '7.2.1.1-M2',
      parentCode: '7.2.1.1',
      nameTh: 'มาตรการการกันเงินเหลือปีแบบไม่มีหนี้ไม่เกินร้อยละ 5 ของวงเงินงบประมาณ',
      nameEn: 'Carry-over without obligation at most 5% of the budget',
    },
    {
      kind: 'measure',
      code: '7.2.1.1-M3',
      parentCode: '7.2.1.1',
      nameTh: 'มาตรการหน่วยงาน',
      nameEn: "The unit's own measure",
    },
    {
      kind: 'measure',
      code: 'SYN-M1',
      parentCode: '7.2.1.1',
      nameTh: `มาตรการตัวอย่าง (${SYNTHETIC})`,
      nameEn: 'Example measure (synthetic)',
    },
  ],
};

const criteria = (c: unknown) => JSON.parse(JSON.stringify(c)) as Record<string, unknown>;

/** The Budget Office's FY2565 plan, from the seed. */
export const BUDGET_OFFICE_PLAN_2565: PlanSeed = {
  unitCode: 'BDO',
  fiscalYear: 2565,
  titleTh: 'แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. 2565 ของสำนักงบประมาณกรุงเทพมหานคร',
  synthetic: false,
  strategy: BMA_STRATEGY,
  missionTasks: [
    {
      key: 'mt1',
      goalCode: '7.2.1.1',
      code: '1',
      nameTh: 'ระดับความสำเร็จในการจัดทำระบบการจัดการงบประมาณ',
    },
    {
      key: 'mt2',
      goalCode: '7.2.1.1',
      code: '2',
      nameTh: 'ร้อยละของจำนวนเงินที่มีการกันเงินงบประมาณรายจ่ายประจำปี',
    },
    {
      key: 'mt3',
      goalCode: '7.2.1.1',
      code: '3',
      nameTh: 'ร้อยละความสำเร็จของการมีส่วนร่วมในการจัดทำงบประมาณรายจ่าย',
    },
  ],
  projects: [
    {
      key: 'pbis',
      measureCode: '7.2.1.1-M1',
      kind: 'project',
      code: '1',
      nameTh:
        'โครงการพัฒนาระบบสารสนเทศการจัดการงบประมาณแบบมุ่งเน้นผลงานของสำนักงบประมาณกรุงเทพมหานคร (BMA PBIS : Performance-based Budgeting Information System)',
      nameEn: 'BMA PBIS: Performance-based Budgeting Information System',
      responsibleDivision: 'สำนักงานระบบงบประมาณ',
      budget: '10,991,500.00',
    },
    {
      key: 'training',
      measureCode: '7.2.1.1-M3',
      kind: 'project',
      nameTh:
        'โครงการฝึกอบรมเพื่อเสริมสร้างความรู้และพัฒนาศักยภาพในการปฏิบัติงานด้านงบประมาณของข้าราชการสำนักงบประมาณกรุงเทพมหานคร',
      budget: '88,000.00',
    },
    {
      key: 'act2',
      measureCode: '7.2.1.1-M2',
      kind: 'activity',
      code: '2',
      nameTh: 'กิจกรรมเร่งรัดติดตามงบประมาณของทุกหน่วยงานให้สามารถก่อหนี้ผูกพันได้',
      responsibleDivision: 'สำนักงานระบบงบประมาณ',
      steps: [
        { nameTh: 'เสนอขออนุมัติกิจกรรม', weight: '20', plannedCumulative: '20', plannedMonths: [2] },
        {
          nameTh: 'กำหนดแผนขั้นตอนการปฏิบัติงาน แบ่งเป็น 2 ระยะ',
          weight: '20',
          plannedCumulative: '40',
          plannedMonths: [3, 4, 5, 6],
        },
        {
          nameTh: 'จัดประชุมคณะกรรมการติดตามเร่งรัดการใช้จ่ายงบประมาณของกรุงเทพมหานคร',
          weight: '40',
          plannedCumulative: '80',
          plannedMonths: [4, 5, 6, 7, 8, 9],
        },
        {
          nameTh: 'ติดตามผลการดำเนินการก่อหนี้',
          weight: '10',
          plannedCumulative: '90',
          plannedMonths: [10, 11],
        },
        {
          nameTh: 'สรุปและรายงานผลการจัดกิจกรรม',
          weight: '10',
          plannedCumulative: '100',
          plannedMonths: [12],
        },
      ],
    },
  ],
  indicators: [
    {
      level: 'measure',
      anchor: '7.2.1.1-M1',
      code: '1',
      nameTh: 'ระดับความสำเร็จในการจัดทำระบบการจัดการงบประมาณแบบมุ่งเน้นผลงานของสำนักงบประมาณกรุงเทพมหานคร',
      unitOfMeasure: 'ระดับ',
      calculationMethod: 'วัดจากระดับความสำเร็จของการดำเนินการ 5 ขั้นตอน',
      criteria: criteria(SEED_CRITERIA['1']),
      targets: [
        { fiscalYear: 2563, kind: 'numeric', value: '60', note: 'ร้อยละ 60' },
        { fiscalYear: 2564, kind: 'level', value: '5' },
        { fiscalYear: 2565, kind: 'level', value: '5' },
      ],
      results: [
        {
          fiscalYear: 2564,
          periodKind: 'year',
          periodNo: 0,
          value: '2',
          comment: 'ระดับ 2 (ร้อยละ 40)',
        },
      ],
    },
    {
      level: 'measure',
      anchor: '7.2.1.1-M2',
      code: '2',
      nameTh:
        'ร้อยละของจำนวนเงินที่มีการกันเงินงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2565 ไว้เบิกเหลื่อมปีในปีงบประมาณ พ.ศ. 2566 แบบไม่มีหนี้',
      unitOfMeasure: 'ร้อยละ',
      direction: 'lower_is_better',
      criteria: criteria(SEED_CRITERIA['2']),
      computedSource: 'execution.carry_over_without_obligation',
      targets: [
        { fiscalYear: 2563, kind: 'numeric', value: '20' },
        { fiscalYear: 2564, kind: 'numeric', value: '4' },
        { fiscalYear: 2565, kind: 'numeric', value: '0' },
      ],
    },
    {
      level: 'mission_task',
      anchor: 'mt3',
      code: '3',
      nameTh:
        'ร้อยละความสำเร็จของการมีส่วนร่วมในการจัดทำงบประมาณรายจ่ายบูรณาการของกรุงเทพมหานคร งบประมาณรายจ่ายประจำปี พ.ศ. 2566',
      unitOfMeasure: 'ร้อยละ',
      calculationMethod: 'คิดจากผลรวมของคะแนนในแต่ละขั้นตอน คูณ 100 หารด้วย 100',
      criteria: criteria(SEED_CRITERIA['3']),
      targets: [{ fiscalYear: 2565, kind: 'level', value: '5', note: 'ร้อยละ 100' }],
    },
    {
      level: 'goal',
      anchor: '7.2.1.1',
      code: '5.1',
      nameTh: 'ความสำเร็จของการเบิกจ่ายงบประมาณในภาพรวม',
      unitOfMeasure: 'ร้อยละ',
      computedSource: 'execution.disbursement_rate',
      targets: [{ fiscalYear: 2565, kind: 'numeric', value: '95' }],
    },
    {
      level: 'goal',
      anchor: '7.2.1.1',
      code: '5.2',
      nameTh: 'ความสำเร็จในการพัฒนาและจัดเก็บข้อมูลที่มีความสำคัญต่อการปฏิบัติงานหรือการให้บริการ',
      unitOfMeasure: 'คะแนน',
      criteria: criteria(SEED_CRITERIA['5.2']),
      targets: [{ fiscalYear: 2565, kind: 'numeric', value: '100' }],
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
