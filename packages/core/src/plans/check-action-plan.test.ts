import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KPI1, KPI2 } from '../scoring/seed-criteria.js';
import type { ActionPlanDocument, ActionPlanIndicator } from './action-plan-document.js';
import {
  checkActionPlanDocument,
  compareActionPlanWithDeclared,
  actionPlanProjectsTotal,
} from './check-action-plan.js';

const indicator = (id: string, extra: Partial<ActionPlanIndicator> = {}): ActionPlanIndicator => ({
  id,
  level: 'measure',
  nameTh: `ตัวชี้วัด ${id}`,
  unitOfMeasure: 'level',
  unitOfMeasureTh: 'ระดับ',
  direction: 'higher_is_better',
  targets: [],
  definitionTh: [],
  calculationTh: [],
  evidenceTh: [],
  criteriaTable: [],
  responsibleDivisionCode: null,
  source: 'entered',
  ...extra,
});

const steps = (weights: string[], cumulative: string[], months: number[][]) =>
  weights.map((w, i) => ({
    step: i + 1,
    textTh: `ขั้นตอน ${i + 1}`,
    detailsTh: [],
    stepWeight: w,
    cumulativeProgress: cumulative[i] as string,
    months: months[i] ?? [],
  }));

function base(): ActionPlanDocument {
  return {
    schemaVersion: 1,
    fiscalYear: 2565,
    organization: { code: 'BMA', nameTh: 'กรุงเทพมหานคร' },
    unit: { code: 'U', nameTh: 'หน่วย' },
    titleTh: 'แผน',
    introductionTh: [],
    situationTh: [],
    divisions: [],
    swot: { strengths: [], weaknesses: [], opportunities: [], threats: [] },
    previousYear: {
      fiscalYear: 2564,
      titleTh: 'ผล',
      components: [
        {
          number: 5,
          titleTh: 'องค์ประกอบ',
          narrativeRows: [],
          scoredRows: [
            {
              indicatorTh: '5.1',
              weight: '10',
              result: '97.977',
              score: '92.820',
              weightedScore: '9.282',
            },
          ],
        },
      ],
    },
    visionTh: '',
    missionStatementsTh: [],
    goalCodes: ['1'],
    keyIndicators: [
      { titleTh: 'k', items: [{ indicatorId: 'i1', nameTh: 'x', targetTh: 'ระดับ 5' }] },
    ],
    strategy: {
      developmentPlan: { code: 'D', nameTh: 'แผน', yearFrom: 2561, yearTo: 2565 },
      dimensions: [
        {
          code: '1',
          nameTh: 'ด้าน',
          subDimensions: [
            {
              code: '1.1',
              nameTh: 'มิติ',
              goals: [
                {
                  code: '1.1.1',
                  nameTh: 'เป้า',
                  measures: [
                    {
                      id: 'm1',
                      nameTh: 'ม',
                      origin: 'unit',
                      goalIndicatorIds: [],
                      indicatorIds: ['i1'],
                      projectIds: ['p1', 'p2'],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
    indicators: [
      indicator('i1', {
        criteria: KPI1,
        criteriaTable: [6, 12, 18, 24, 30].map((p, i) => ({
          level: i + 1,
          successPercent: String(20 * (i + 1)),
          descriptionTh: '',
          points: String(p),
        })),
      }),
    ],
    projects: [
      {
        id: 'p1',
        kind: 'project',
        group: 'strategic',
        nameTh: 'โครงการ',
        budgetSatang: 100n,
        responsibleDivisionCode: 'X',
      },
      {
        id: 'p2',
        kind: 'activity',
        group: 'strategic',
        nameTh: 'กิจกรรม',
        budgetSatang: null,
        responsibleDivisionCode: 'X',
      },
    ],
    missionTasks: [
      {
        id: 't1',
        number: 1,
        nameTh: 'ภารกิจ',
        indicatorId: 'i1',
        targetTh: '',
        goalCode: '1.1.1',
        projectIds: ['p1'],
      },
    ],
    budgetSummary: [
      { group: 'strategic', titleTh: 's', projectIds: ['p1', 'p2'], statedTotalSatang: 100n },
    ],
    baselineItems: [],
    baselineStatedCount: 0,
    evaluationTables: [
      {
        key: 'ก',
        titleTh: 'ก',
        components: [],
        rows: [{ indicatorId: 'i1', number: '1', projectsTh: [] }],
      },
    ],
    workPlans: [
      {
        id: 'w1',
        number: 1,
        indicatorId: 'i1',
        projectId: 'p1',
        titleTh: 'กิจกรรม',
        responsibleDivisionCode: 'X',
        progressColumnTh: '',
        steps: steps(['50', '50'], ['50', '100'], [[1], [2, 3]]),
        statedTotalStepWeight: '100',
        statedTotalCumulative: '100',
        origin: 'seed',
      },
    ],
    sourceIssues: [],
  };
}

type Change = (d: ActionPlanDocument) => ActionPlanDocument;
const cases: [string, Change, string[]][] = [
  ['a consistent plan', (d) => d, []],
  [
    'a project total that differs from the stated total',
    (d) => ({ ...d, budgetSummary: [{ ...d.budgetSummary[0]!, statedTotalSatang: 101n }] }),
    ['budget_total_mismatch'],
  ],
  [
    'a baseline count that differs',
    (d) => ({ ...d, baselineStatedCount: 1 }),
    ['baseline_count_mismatch'],
  ],
  [
    'unknown references and duplicate ids',
    (d) => ({
      ...d,
      indicators: [...d.indicators, indicator('i1')],
      missionTasks: [{ ...d.missionTasks[0]!, indicatorId: 'nope', projectIds: ['nope'] }],
      workPlans: [{ ...d.workPlans[0]!, projectId: 'nope' }],
    }),
    ['duplicate_id', 'unknown_reference', 'unknown_reference', 'unknown_reference'],
  ],
  [
    'bands with gaps',
    (d) => ({ ...d, indicators: [{ ...d.indicators[0]!, criteria: KPI2, criteriaTable: [] }] }),
    ['criteria_gap'],
  ],
  [
    'criteria whose points do not rise and a table that disagrees',
    (d) => ({
      ...d,
      indicators: [
        {
          ...d.indicators[0]!,
          criteria: {
            kind: 'milestone',
            levels: [
              { level: 1, points: 10 },
              { level: 2, points: 5 },
            ],
          },
        },
      ],
    }),
    ['criteria_invalid', 'criteria_table_mismatch'],
  ],
  [
    'a step-sum criteria table that matches',
    (d) => ({
      ...d,
      indicators: [
        {
          ...d.indicators[0]!,
          criteria: {
            kind: 'step_sum',
            steps: [
              { step: 1, points: 40 },
              { step: 2, points: 60 },
            ],
          },
          criteriaTable: [
            { level: 1, successPercent: '40', descriptionTh: '', points: '40' },
            { level: 2, successPercent: '60', descriptionTh: '', points: '60.0' },
          ],
        },
      ],
    }),
    [],
  ],
  [
    'work-plan weights typed as cumulative values, a derived plan, steps without months',
    (d) => ({
      ...d,
      workPlans: [
        {
          ...d.workPlans[0]!,
          origin: 'derived',
          steps: steps(['60', '100'], ['60', '100'], [[1]]),
        },
      ],
    }),
    ['work_plan_derived', 'work_plan_weights_cumulative', 'work_plan_months_missing'],
  ],
  [
    'a work plan whose weights do not add up',
    (d) => ({
      ...d,
      workPlans: [{ ...d.workPlans[0]!, steps: steps(['50', '40'], ['50', '90'], [[1], [2]]) }],
    }),
    ['work_plan_invalid', 'work_plan_total_mismatch'],
  ],
  [
    'a printed weighted score that does not recompute',
    (d) => ({
      ...d,
      previousYear: {
        ...d.previousYear,
        components: [
          {
            ...d.previousYear.components[0]!,
            scoredRows: [
              { ...d.previousYear.components[0]!.scoredRows[0]!, weightedScore: '9.28' },
            ],
          },
        ],
      },
    }),
    ['weighted_score_mismatch'],
  ],
];

describe('checkActionPlanDocument', () => {
  it.each(cases)('%s', (_name, change, codes) => {
    expect(checkActionPlanDocument(change(base())).map((f) => f.code)).toEqual(codes);
  });

  it('sums satang of projects, null when none has money', () => {
    const d = base();
    expect(actionPlanProjectsTotal(d, ['p1', 'p2'])).toBe(100n);
    expect(actionPlanProjectsTotal(d, ['p2'])).toBeNull();
    expect(actionPlanProjectsTotal(d, ['missing'])).toBeNull();
  });

  it('compares findings with the declared source issues', () => {
    const d: ActionPlanDocument = {
      ...base(),
      indicators: [{ ...base().indicators[0]!, criteria: KPI2, criteriaTable: [] }],
      sourceIssues: [
        { code: 'criteria_gap', indicatorId: 'i1', noteTh: '', noteEn: '' },
        { code: 'work_plan_derived', workPlanId: 'w1', noteTh: '', noteEn: '' },
      ],
    };
    const { undeclared, unreported } = compareActionPlanWithDeclared(d);
    expect(undeclared).toEqual([]);
    expect(unreported.map((i) => i.code)).toEqual(['work_plan_derived']);
    expect(compareActionPlanWithDeclared(base())).toEqual({ undeclared: [], unreported: [] });
  });
});

describe('checkActionPlanDocument, properties', () => {
  it('reports a budget mismatch exactly when the stated total differs from the projects’ sum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.bigInt({ min: 0n, max: 10n ** 13n }), { nil: null }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.option(fc.bigInt({ min: 0n, max: 10n ** 14n }), { nil: null }),
        (amounts, stated) => {
          const d = base();
          const projects = amounts.map((budgetSatang, i) => ({
            ...d.projects[0]!,
            id: `q${i}`,
            budgetSatang,
          }));
          const ids = projects.map((p) => p.id);
          const sum = amounts.some((a) => a !== null)
            ? amounts.reduce<bigint>((s, a) => s + (a ?? 0n), 0n)
            : null;
          for (const statedTotalSatang of [sum, stated]) {
            const doc: ActionPlanDocument = {
              ...d,
              projects: [...d.projects, ...projects],
              budgetSummary: [
                { group: 'strategic', titleTh: 's', projectIds: ids, statedTotalSatang },
              ],
            };
            const codes = checkActionPlanDocument(doc).map((f) => f.code);
            expect(codes.includes('budget_total_mismatch')).toBe(statedTotalSatang !== sum);
            expect(actionPlanProjectsTotal(doc, ids)).toBe(sum);
          }
        },
      ),
    );
  });

  it('accepts any work plan whose weights add up to 100 with a running cumulative column', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
        (raw) => {
          const total = raw.reduce((a, b) => a + b, 0);
          // Scale to integers that add up to exactly 100.
          const weights = raw.map((w) => Math.floor((w * 100) / total));
          weights[weights.length - 1]! += 100 - weights.reduce((a, b) => a + b, 0);
          let run = 0;
          const cumulative = weights.map((w) => String((run += w)));
          const d = base();
          const doc: ActionPlanDocument = {
            ...d,
            workPlans: [
              {
                ...d.workPlans[0]!,
                steps: steps(
                  weights.map(String),
                  cumulative,
                  weights.map((_, i) => [(i % 12) + 1]),
                ),
              },
            ],
          };
          const codes = checkActionPlanDocument(doc).map((f) => f.code);
          // Weights that add up to 100 are never taken for a cumulative column.
          expect(codes.filter((c) => c.startsWith('work_plan'))).toEqual([]);
        },
      ),
    );
  });
});
