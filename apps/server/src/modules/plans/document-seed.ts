import { satangToDecimalString, type ActionPlanDocument } from '@pbis/core';
import type { IndicatorSeed, PlanSeed, ProjectSeed, StrategySeed } from './seed-loader.js';

/*
 * An ActionPlanDocument (the typed model of a unit's annual action plan, which the report prints)
 * as the plans registry loads it:
 * - the cascade dimension → sub-dimension → goal → measure becomes strategy nodes (a measure's
 *   code is its goal's code and its number in the goal: 7.2.1.1-M1);
 * - indicators hang on their measure, goal or mission task; the performance-agreement indicators
 *   (level 'agreement': 4, 5.1, 5.2) hang on the plan's first goal;
 * - targets with a number become targets (a level where the unit of measure is a level), the
 *   printed text kept as the note;
 * - projects and activities sit under the measure that lists them, coded by it and their number
 *   there (7.2.1.1-M1-1); the baseline list's items (B1 …) are projects of their own that no
 *   measure lists: they hang on the goal the plan serves (the plan's เป้าหมาย), so their money
 *   rolls up through the cascade into the plan's total;
 * - every indicator has a code: its number as printed (1, 2, 3, 4, 5.1, 5.2), or for a goal
 *   indicator (printed without one) its goal's code and its order there (7.2.1.1-G1);
 * - the previous year's agreement results with a score (องค์ประกอบที่ 4, 5) become results of that
 *   fiscal year (period = the year) on the indicator of the same number (component 4's row has
 *   none: the indicator numbered as the component); weight, score and weighted score as printed
 *   go into the comment — the engine recomputes the score from the criteria;
 * - each work plan's steps go to its project or activity.
 */

const COMPUTED = [
  'execution.disbursement_rate',
  'execution.carry_over_without_obligation',
] as const;
export type Computed = (typeof COMPUTED)[number];

export function strategyOfDocument(doc: ActionPlanDocument): StrategySeed {
  const nodes: StrategySeed['nodes'] = [];
  for (const d of doc.strategy.dimensions) {
    nodes.push({
      kind: 'dimension',
      code: d.code,
      parentCode: null,
      nameTh: d.nameTh,
      nameEn: d.nameEn ?? '',
    });
    for (const s of d.subDimensions) {
      nodes.push({
        kind: 'sub_dimension',
        code: s.code,
        parentCode: d.code,
        nameTh: s.nameTh,
        nameEn: s.nameEn ?? '',
      });
      for (const g of s.goals) {
        nodes.push({
          kind: 'goal',
          code: g.code,
          parentCode: s.code,
          nameTh: g.nameTh,
          nameEn: g.nameEn ?? '',
        });
        g.measures.forEach((m, i) =>
          nodes.push({
            kind: 'measure',
            code: measureCode(g.code, i),
            parentCode: g.code,
            nameTh: m.nameTh,
            nameEn: m.nameEn ?? '',
          }),
        );
      }
    }
  }
  const dp = doc.strategy.developmentPlan;
  return {
    plan: {
      code: dp.code,
      nameTh: dp.nameTh,
      nameEn: dp.nameEn ?? '',
      startYear: dp.yearFrom,
      endYear: dp.yearTo,
    },
    nodes,
  };
}

const measureCode = (goalCode: string, index: number) => `${goalCode}-M${index + 1}`;

/** The previous year's scored agreement rows, by the document id of the indicator they report. */
function previousYearResults(doc: ActionPlanDocument) {
  const out = new Map<string, NonNullable<IndicatorSeed['results']>>();
  const py = doc.previousYear;
  for (const c of py.components)
    for (const r of c.scoredRows) {
      const number = r.number ?? (c.scoredRows.length === 1 ? String(c.number) : undefined);
      const k = doc.indicators.find((x) => x.number !== undefined && x.number === number);
      if (!k) continue;
      out.set(k.id, [
        ...(out.get(k.id) ?? []),
        {
          fiscalYear: py.fiscalYear,
          periodKind: 'year',
          periodNo: 0,
          value: r.result,
          comment:
            `${py.titleTh} องค์ประกอบที่ ${c.number}: ${r.indicatorTh} — น้ำหนัก ${r.weight} ` +
            `ผลการดำเนินงาน ${r.result} คะแนนที่ได้ ${r.score} ค่าคะแนนถ่วงน้ำหนัก ${r.weightedScore}`,
        },
      ]);
    }
  return out;
}

export function planSeedOfDocument(
  doc: ActionPlanDocument,
  opts: {
    synthetic?: boolean;
    /** Indicators computed by PBIS that the document lists as entered, by document id. */
    computed?: Readonly<Record<string, Computed>>;
  } = {},
): PlanSeed {
  const goals = doc.strategy.dimensions.flatMap((d) => d.subDimensions.flatMap((s) => s.goals));
  const measureOf = new Map<string, string>(); // project or indicator id → measure code
  const goalOf = new Map<string, string>(); // goal indicator id → goal code
  const projectCode = new Map<string, string>(); // project id → code (measure code and number)
  const goalIndicatorCode = new Map<string, string>(); // goal indicator id → code (7.2.1.1-G1)
  for (const g of goals) {
    let n = 0;
    g.measures.forEach((m, i) => {
      m.projectIds.forEach((p, j) => {
        measureOf.set(p, measureCode(g.code, i));
        projectCode.set(p, `${measureCode(g.code, i)}-${j + 1}`);
      });
      for (const k of m.indicatorIds) measureOf.set(k, measureCode(g.code, i));
      for (const k of m.goalIndicatorIds) {
        goalOf.set(k, g.code);
        if (!goalIndicatorCode.has(k)) goalIndicatorCode.set(k, `${g.code}-G${++n}`);
      }
    });
  }
  const previousResults = previousYearResults(doc);
  const taskOf = new Map(doc.missionTasks.map((t) => [t.indicatorId, t.id]));
  const divisionName = new Map(doc.divisions.map((d) => [d.code, d.nameTh]));
  const firstGoal = doc.goalCodes[0] ?? goals[0]?.code ?? '';
  const stepsOf = new Map(doc.workPlans.map((w) => [w.projectId, w]));

  const indicators: IndicatorSeed[] = doc.indicators.map((k) => {
    const level =
      k.level === 'measure' && measureOf.has(k.id)
        ? 'measure'
        : k.level === 'mission_task' && taskOf.has(k.id)
          ? 'mission_task'
          : 'goal';
    const anchor =
      level === 'measure'
        ? measureOf.get(k.id)!
        : level === 'mission_task'
          ? taskOf.get(k.id)!
          : (goalOf.get(k.id) ?? firstGoal);
    const computed =
      opts.computed?.[k.id] ?? (COMPUTED.find((c) => c === k.computedFrom) as Computed | undefined);
    return {
      level,
      anchor,
      code: k.number ?? goalIndicatorCode.get(k.id) ?? '',
      nameTh: k.nameTh,
      nameEn: k.nameEn ?? '',
      unitOfMeasure: k.unitOfMeasureTh,
      direction: k.direction,
      definition: k.definitionTh.join('\n'),
      calculationMethod: k.calculationTh.join('\n'),
      evidenceRequired: k.evidenceTh.join('\n'),
      criteria: k.criteria
        ? (JSON.parse(JSON.stringify(k.criteria)) as Record<string, unknown>)
        : null,
      ...(computed && { computedSource: computed }),
      targets: k.targets
        .filter((t) => t.value !== undefined)
        .map((t) => ({
          fiscalYear: t.fiscalYear,
          kind: k.unitOfMeasure === 'level' ? ('level' as const) : ('numeric' as const),
          value: t.value!,
          note: t.textTh ?? '',
        })),
      ...(previousResults.has(k.id) && { results: previousResults.get(k.id)! }),
    };
  });

  const projects: ProjectSeed[] = [
    ...doc.projects.map((p) => {
      const wp = stepsOf.get(p.id);
      return {
        key: p.id,
        measureCode: measureOf.get(p.id) ?? null,
        kind: p.kind,
        ...(projectCode.has(p.id) && { code: projectCode.get(p.id)! }),
        nameTh: p.nameTh,
        nameEn: p.nameEn ?? '',
        responsibleDivision:
          divisionName.get(p.responsibleDivisionCode) ?? p.responsibleDivisionCode,
        ...(p.budgetSatang !== null && { budget: satangToDecimalString(p.budgetSatang) }),
        ...(wp && {
          steps: wp.steps.map((s) => ({
            nameTh: [s.textTh, ...s.detailsTh].join('\n'),
            weight: s.stepWeight,
            plannedCumulative: s.cumulativeProgress,
            plannedMonths: [...s.months],
          })),
        }),
      };
    }),
    ...doc.baselineItems.map((b) => ({
      key: `baseline-${b.number}`,
      // No measure lists the baseline list: it serves the plan's goal (เป้าหมาย) as a whole.
      measureCode: firstGoal || null,
      kind: 'project' as const,
      code: `B${b.number}`,
      nameTh: b.projectTh,
      budget: satangToDecimalString(b.budgetSatang),
    })),
  ];

  return {
    unitCode: doc.unit.code,
    fiscalYear: doc.fiscalYear,
    titleTh: `${doc.titleTh} ${doc.unit.nameTh}`,
    synthetic: opts.synthetic ?? false,
    strategy: strategyOfDocument(doc),
    statements: [
      { kind: 'vision', textTh: doc.visionTh },
      ...doc.missionStatementsTh.map((textTh) => ({ kind: 'mission' as const, textTh })),
      ...doc.swot.strengths.map((textTh) => ({ kind: 'strength' as const, textTh })),
      ...doc.swot.weaknesses.map((textTh) => ({ kind: 'weakness' as const, textTh })),
      ...doc.swot.opportunities.map((textTh) => ({ kind: 'opportunity' as const, textTh })),
      ...doc.swot.threats.map((textTh) => ({ kind: 'threat' as const, textTh })),
    ],
    missionTasks: doc.missionTasks.map((t) => ({
      key: t.id,
      goalCode: t.goalCode,
      code: String(t.number),
      nameTh: t.nameTh,
    })),
    projects,
    indicators,
  };
}
