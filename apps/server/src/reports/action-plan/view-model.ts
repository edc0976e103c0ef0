/**
 * The action-plan document laid out for printing: every value already a string (amounts formatted
 * "10,991,500.00", "-" where the plan prints a dash, the total in words from core's bahtText), so
 * the Typst template only places text. The same rows feed the XLSX workbook.
 */
import {
  bahtText,
  checkActionPlanDocument,
  formatBaht,
  actionPlanProjectsTotal,
  toThaiDigits,
  type ActionPlanDocument,
  type ActionPlanIndicator,
} from '@pbis/core';

const money = (satang: bigint | null): string => (satang === null ? '-' : formatBaht(satang));

export interface DefinitionSection {
  label: string;
  paras: string[];
  numbered: boolean;
}

export interface CriteriaSheet {
  title: string;
  header: string[];
  rows: string[][];
  /** The source's own inconsistencies of these criteria (indicator 2's gaps), printed below. */
  issues: string[];
}

export interface EvaluationBlock {
  head: string[];
  measure: string;
  measureIndicator: string;
  definition: DefinitionSection[];
  projects: string[];
  criteria: CriteriaSheet | null;
  steps: { header: string[]; values: string[] } | null;
  component: string | null;
}

export interface WorkPlanView {
  indicatorLine: string;
  title: string;
  progressHeader: string;
  steps: {
    text: string;
    details: string[];
    weight: string;
    cumulative: string;
    months: boolean[];
  }[];
  totalLabel: string;
  totalWeight: string;
  totalCumulative: string;
  note: string | null;
  issues: string[];
}

export interface ActionPlanView {
  cover: { title: string; year: string; unit: string };
  intro: string[];
  situation: string[];
  divisions: { name: string; duties: string[]; units: string[] }[];
  swot: { title: string; items: string[] }[];
  previous: {
    title: string;
    components: {
      title: string;
      narrative: string[][];
      scored: { indicator: string; cells: string[] }[];
    }[];
  };
  vision: string;
  missions: string[];
  goals: string[];
  keyGroups: { title: string; items: { name: string; target: string }[] }[];
  measures: {
    cascade: string[];
    goalIndicators: string[][];
    measure: string;
    measureIndicators: string[][];
    projects: string[][];
  }[];
  targetYears: string[];
  missionTasks: {
    title: string;
    indicator: string;
    target: string;
    link: string;
    projects: string[][];
  }[];
  summary: { title: string; rows: string[][]; total: string; words: string | null }[];
  baseline: { rows: string[][]; total: string; count: string };
  tables: {
    title: string;
    components: string[];
    cascade: string[];
    kind: 'indicator' | 'support';
    blocks: EvaluationBlock[];
  }[];
  workPlans: WorkPlanView[];
  gantt: { label: string; months: number }[];
  issues: string[];
  findings: string[];
}

function indicatorOf(doc: ActionPlanDocument, id: string): ActionPlanIndicator {
  const found = doc.indicators.find((i) => i.id === id);
  if (!found) throw new Error(`action plan: no indicator '${id}'`);
  return found;
}

function cascadeOf(doc: ActionPlanDocument, goalCode: string): { lines: string[]; part: string } {
  for (const d of doc.strategy.dimensions)
    for (const s of d.subDimensions)
      for (const g of s.goals)
        if (g.code === goalCode)
          return {
            lines: [
              `ด้านที่ ${d.code} ${d.nameTh}`,
              `มิติที่ ${s.code} ${s.nameTh}`,
              `เป้าประสงค์ที่ ${g.code} ${g.nameTh}`,
            ],
            part: d.partTh ?? '',
          };
  return { lines: [], part: '' };
}

function divisionName(doc: ActionPlanDocument, code: string | null): string {
  if (code === null) return '-';
  return doc.divisions.find((d) => d.code === code)?.nameTh ?? code;
}

function definitionOf(ind: ActionPlanIndicator, withTarget: boolean): DefinitionSection[] {
  const out: DefinitionSection[] = [];
  if (ind.definitionTh.length > 0)
    out.push({ label: 'นิยาม', paras: [...ind.definitionTh], numbered: false });
  if (withTarget && ind.targetTh)
    out.push({ label: 'ค่าเป้าหมาย', paras: [ind.targetTh], numbered: false });
  if (ind.calculationTh.length > 0)
    out.push({ label: 'วิธีคำนวณ', paras: [...ind.calculationTh], numbered: false });
  if (ind.evidenceTh.length > 0)
    out.push({ label: 'วิธีเก็บข้อมูล/หลักฐาน', paras: [...ind.evidenceTh], numbered: true });
  return out;
}

function criteriaOf(doc: ActionPlanDocument, ind: ActionPlanIndicator): CriteriaSheet | null {
  if (ind.criteriaTable.length === 0 || ind.criteria?.kind === 'step_sum') return null;
  return {
    title: `เกณฑ์การให้คะแนน ตัวชี้วัด “${ind.nameTh}”`,
    header: ['ระดับความสำเร็จ', 'เกณฑ์ร้อยละความสำเร็จ', 'การดำเนินงาน', 'คะแนนที่ได้รับ'],
    rows: ind.criteriaTable.map((r) => [
      String(r.level),
      `ร้อยละ ${r.successPercent}`,
      r.descriptionTh,
      r.points,
    ]),
    issues: doc.sourceIssues.filter((i) => i.indicatorId === ind.id).map((i) => i.noteTh),
  };
}

const targetCell = (ind: ActionPlanIndicator, year: number): string =>
  ind.targets.find((t) => t.fiscalYear === year)?.textTh ?? '-';

function fiscalYearOfMonth(fiscalYear: number, month: number): number {
  return month <= 3 ? fiscalYear - 1 : fiscalYear;
}

/** Lays the document out for the template and the workbook. */
export function actionPlanView(doc: ActionPlanDocument): ActionPlanView {
  const fy = doc.fiscalYear;
  const years = [fy - 2, fy - 1, fy];
  const projectRow = (id: string, i: number): string[] => {
    const p = doc.projects.find((x) => x.id === id);
    if (!p) throw new Error(`action plan: no project '${id}'`);
    return [
      `${i + 1}.`,
      p.nameTh,
      money(p.budgetSatang),
      divisionName(doc, p.responsibleDivisionCode),
    ];
  };
  const indicatorRow = (id: string, i: number): string[] => {
    const ind = indicatorOf(doc, id);
    return [`${i + 1}.`, ind.nameTh, ...years.map((y) => targetCell(ind, y))];
  };
  const measures: ActionPlanView['measures'] = [];
  for (const d of doc.strategy.dimensions)
    for (const s of d.subDimensions)
      for (const g of s.goals)
        for (const m of g.measures) {
          const { lines } = cascadeOf(doc, g.code);
          if (m.origin === 'development_plan' && lines[0])
            lines[0] = `${lines[0]} (${doc.strategy.developmentPlan.nameTh.replace(/ \(.*\)$/, '')})`;
          measures.push({
            cascade: lines,
            goalIndicators: m.goalIndicatorIds.map(indicatorRow),
            measure: m.nameTh,
            measureIndicators: m.indicatorIds.map(indicatorRow),
            projects: m.projectIds.map(projectRow),
          });
        }

  const block = (
    indicatorId: string,
    number: string,
    measureTh: string | undefined,
    projectsTh: readonly string[],
    component: string | null,
  ): EvaluationBlock => {
    const ind = indicatorOf(doc, indicatorId);
    const steps =
      ind.criteria?.kind === 'step_sum'
        ? {
            header: ['ระดับคะแนน', ...ind.criteriaTable.map((r) => String(r.level))],
            values: ['ร้อยละความสำเร็จของการพัฒนาฐานข้อมูล', ...ind.criteriaTable.map((r) => r.points)],
          }
        : null;
    return {
      head: [
        number.includes('.') ? number : `${number}.`,
        ind.nameTh,
        ind.targetTh ?? '-',
        divisionName(doc, ind.responsibleDivisionCode),
      ],
      measure: measureTh ?? '',
      measureIndicator: ind.nameTh,
      definition: definitionOf(ind, measureTh !== undefined),
      projects: projectsTh.map((p, i) => (projectsTh.length > 1 ? `${i + 1}. ${p}` : p)),
      criteria: criteriaOf(doc, ind),
      steps,
      component,
    };
  };

  // A derived work plan's own note already says it has no months; one note per fact.
  const issuesOf = (workPlanId: string, derived: boolean): string[] =>
    doc.sourceIssues
      .filter(
        (i) => i.workPlanId === workPlanId && !(derived && i.code === 'work_plan_months_missing'),
      )
      .map((i) => i.noteTh);

  return {
    cover: {
      title: doc.titleTh.replace(/ ประจำปี.*$/, ''),
      year: toThaiDigits(`ประจำปี พ.ศ. ${fy}`),
      unit: doc.unit.nameTh,
    },
    intro: [...doc.introductionTh],
    situation: [...doc.situationTh],
    divisions: doc.divisions.map((d) => ({
      name: d.nameTh,
      duties: [...d.dutiesTh],
      units: d.responsibleUnits.map((u) => u.nameTh),
    })),
    swot: [
      { title: 'จุดแข็ง (Strengths)', items: [...doc.swot.strengths] },
      { title: 'จุดอ่อน (Weaknesses)', items: [...doc.swot.weaknesses] },
      { title: 'โอกาส (Opportunities)', items: [...doc.swot.opportunities] },
      { title: 'อุปสรรค (Threats)', items: [...doc.swot.threats] },
    ],
    previous: {
      title: doc.previousYear.titleTh,
      components: doc.previousYear.components.map((c) => ({
        title: `องค์ประกอบที่ ${c.number} ${c.titleTh}`,
        narrative: c.narrativeRows.map((r) => [
          `${r.number}. ${r.indicatorTh}`,
          r.targetTh,
          r.achievedTh,
          r.supportingProjectTh,
          r.detailsTh,
          r.remarkTh,
        ]),
        scored: c.scoredRows.map((r) => ({
          indicator: `ตัวชี้วัด : ${r.number ? `${r.number} ` : ''}${r.indicatorTh}`,
          cells: [r.weight, r.result, r.score, r.weightedScore],
        })),
      })),
    },
    vision: doc.visionTh,
    missions: [...doc.missionStatementsTh],
    goals: doc.goalCodes.flatMap((g) => cascadeOf(doc, g).lines),
    keyGroups: doc.keyIndicators.map((g) => ({
      title: g.titleTh,
      items: g.items.map((i) => ({ name: i.nameTh, target: i.targetTh })),
    })),
    measures,
    targetYears: years.map(String),
    missionTasks: doc.missionTasks.map((t) => ({
      title: `ภารกิจที่ ${t.number} : ${t.nameTh}`,
      indicator: indicatorOf(doc, t.indicatorId).nameTh,
      target: t.targetTh,
      link: cascadeOf(doc, t.goalCode).lines.at(-1) ?? t.goalCode,
      projects: t.projectIds.map(projectRow),
    })),
    summary: doc.budgetSummary.map((g) => {
      const total = actionPlanProjectsTotal(doc, g.projectIds);
      return {
        title: g.titleTh,
        rows: g.projectIds.map(projectRow),
        total: money(total),
        words: total === null ? null : bahtText(total),
      };
    }),
    baseline: {
      rows: doc.baselineItems.map((b) => [
        `${b.number}.`,
        [b.programmeTh, b.outputTh, `รายการ ${b.itemTh}`].join('\n'),
        b.projectTh,
        money(b.budgetSatang),
      ]),
      total: money(doc.baselineItems.reduce((s, b) => s + b.budgetSatang, 0n)),
      count: `${doc.baselineStatedCount} โครงการ`,
    },
    tables: doc.evaluationTables.map((t) => {
      const componentTitle = (n?: number): string | null => {
        const c = t.components.find((x) => x.number === n);
        return c ? `องค์ประกอบที่ ${c.number} ${c.titleTh}` : null;
      };
      return {
        title: t.titleTh,
        components:
          t.key === 'ง' ? [] : t.components.map((c) => `องค์ประกอบที่ ${c.number} ${c.titleTh}`),
        cascade: t.goalCode ? cascadeOf(doc, t.goalCode).lines : [],
        kind: t.key === 'ง' ? 'support' : 'indicator',
        blocks: t.rows.map((r) =>
          block(
            r.indicatorId,
            r.number,
            r.measureTh,
            r.projectsTh,
            t.key === 'ง' ? componentTitle(r.component) : null,
          ),
        ),
      };
    }),
    workPlans: doc.workPlans.map((w) => {
      const ind = indicatorOf(doc, w.indicatorId);
      return {
        indicatorLine: `ตัวชี้วัดที่ ${ind.number ?? ''} : ${ind.nameTh}`,
        title: `กิจกรรมที่ ${w.number} : ${w.titleTh}`,
        progressHeader: w.progressColumnTh,
        steps: w.steps.map((s) => ({
          text: `${s.step}. ${s.textTh}`,
          details: [...s.detailsTh],
          weight: s.stepWeight,
          cumulative: s.cumulativeProgress,
          months: Array.from({ length: 12 }, (_, i) => s.months.includes(i + 1)),
        })),
        totalLabel: `รวม ${w.steps.length} ขั้นตอน คิดเป็นร้อยละ`,
        totalWeight: w.statedTotalStepWeight,
        totalCumulative: w.statedTotalCumulative,
        note: w.noteTh ?? null,
        issues: issuesOf(w.id, w.origin === 'derived'),
      };
    }),
    gantt: ganttYears(fy),
    issues: doc.sourceIssues.map((i) => i.noteTh),
    findings: checkActionPlanDocument(doc)
      .filter(
        (f) =>
          !doc.sourceIssues.some(
            (i) =>
              i.code === f.code && i.indicatorId === f.indicatorId && i.workPlanId === f.workPlanId,
          ),
      )
      .map((f) => f.message),
  };
}

/** The two calendar years of a fiscal year's months, as the Gantt header prints them. */
export function ganttYears(fiscalYear: number): { label: string; months: number }[] {
  return [
    { label: `พ.ศ. ${fiscalYearOfMonth(fiscalYear, 1)}`, months: 3 },
    { label: `พ.ศ. ${fiscalYearOfMonth(fiscalYear, 4)}`, months: 9 },
  ];
}
