import {
  AppError,
  nameKey,
  parseFiscalYear,
  type ActionPlanDocument,
  type ActionPlanIndicator,
  type ActionPlanIndicatorTarget,
  type ActionPlanMeasure,
  type ActionPlanProject,
  type ActionPlanSourceIssue,
  type ActionPlanUnitOfMeasure,
  type ActionPlanWorkPlan,
  type ActionPlanWorkStep,
  type Criteria,
} from '@pbis/core';
import type { Database } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import { BMA } from '../../seed/organization-data.js';
import { budgetOfficePlan2565 } from '../../seed/budget-office-plan-2565.js';
import type { Actor } from '../auth/actor.js';
import * as orgRepo from '../org/repository.js';
import * as repo from './repository.js';
import { trimDecimal } from './service.js';

/*
 * The action-plan document (ActionPlanDocument, what the report prints) built from the database:
 * the plan as it stands now — its strategy cascade, statements (vision, mission, SWOT), mission
 * tasks, projects and their budgets, indicators with their targets and criteria, and the work
 * plans' steps — whatever the demo loaded plus every change users made since.
 *
 * Parts the database does not hold (docs/action-plan-report.md, "The document from the database")
 * come from the unit-year's stored transcription where there is one (the seed's Budget Office
 * FY2565 plan), matched to the database's rows by code and name, and pruned of anything the
 * database no longer has: introduction, situation, staffing, divisions' duties, the previous
 * year's agreement results, the key-indicator list's wording, tables ก–ง, the criteria sheets'
 * descriptions, the baseline list's programme/output/item columns, work-plan titles and notes,
 * and the declared inconsistencies of the source. The printed document says so in its list of
 * notes (a `transcribed_parts` source issue), so nothing of the transcription passes for current
 * data silently. A unit without a transcription gets those parts empty.
 */

/** Stored transcriptions of units' plans, by unit code and fiscal year. */
const TRANSCRIPTIONS: readonly ActionPlanDocument[] = [budgetOfficePlan2565];

export function transcriptionOf(unitCode: string, fiscalYear: number) {
  return TRANSCRIPTIONS.find((d) => d.unit.code === unitCode && d.fiscalYear === fiscalYear);
}

const UNIT_OF_MEASURE: Record<string, ActionPlanUnitOfMeasure> = {
  ระดับ: 'level',
  ร้อยละ: 'percent',
  คะแนน: 'score',
  ระบบ: 'system',
};

/** Does a printed target ("ไม่เกินร้อยละ 4 ของ…") state this number? */
const states = (note: string, value: string) =>
  note !== '' && new RegExp(`(^|[^\\d.])${value.replace('.', '\\.')}(?![\\d]|\\.\\d)`).test(note);
const lines = (text: string): string[] => (text === '' ? [] : text.split('\n'));
/** JSON with sorted keys (jsonb does not keep the order keys were written in). */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    typeof x === 'bigint'
      ? x.toString()
      : x && typeof x === 'object' && !Array.isArray(x)
        ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : x,
  ) ?? 'undefined';
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

export const TRANSCRIBED_PARTS_NOTE_TH =
  'ส่วนที่ฐานข้อมูลยังไม่ได้เก็บ ได้แก่ คำนำ ข้อมูลทั่วไป อำนาจหน้าที่ ผลการดำเนินงานปีที่ผ่านมา ถ้อยคำในรายการตัวชี้วัดหลัก ตาราง ก–ง คำอธิบายในเกณฑ์การให้คะแนน รายละเอียดของรายการพื้นฐาน และชื่อกับหมายเหตุของแผนการปฏิบัติงาน พิมพ์จากต้นฉบับที่บันทึกไว้ ส่วนยุทธศาสตร์ วิสัยทัศน์ พันธกิจ SWOT ภารกิจ โครงการ งบประมาณ ตัวชี้วัด ค่าเป้าหมาย เกณฑ์ และขั้นตอนการปฏิบัติงาน พิมพ์จากฐานข้อมูล ณ วันที่พิมพ์';
export const TRANSCRIBED_PARTS_NOTE_EN =
  'Parts the database does not hold (introduction, situation, duties, previous year, key-indicator wording, tables ก–ง, criteria descriptions, baseline details, work-plan titles and notes) are printed from the stored transcription; strategy, statements, mission tasks, projects, budgets, indicators, targets, criteria and work-plan steps come from the database as printed.';
export const SYNTHETIC_NOTE_TH = 'แผนนี้เป็นข้อมูลสังเคราะห์สำหรับการสาธิตระบบ ไม่ใช่แผนปฏิบัติการจริงของหน่วยงาน';

/** The unit's plan in use for a year (its newest revision), by unit code or exact Thai name. */
export async function findPlanOfUnit(
  database: Database,
  actor: Actor,
  unit: string,
  year: number | string,
): Promise<string> {
  const fiscalYear = parseFiscalYear(year);
  const text = unit.trim();
  return withScope(database, actor, async (db) => {
    const u = text
      ? await orgRepo.findUnitByCodeOrName(db, actor.organizationId, text, nameKey(text))
      : undefined;
    if (!u)
      throw new AppError('not_found', `no unit "${unit}" (a unit code or its exact Thai name)`, {
        reason: 'unit_not_found',
      });
    const p = await repo.latestPlan(db, actor.organizationId, u.id, fiscalYear);
    if (!p)
      throw new AppError(
        'not_found',
        `${u.code} ${u.nameTh} has no action plan for ${fiscalYear}`,
        {
          reason: 'plan_not_found',
        },
      );
    return p.plan.id;
  });
}

/** The ActionPlanDocument of a stored plan, read in the actor's scope (404 outside it). */
export async function actionPlanDocument(
  database: Database,
  actor: Actor,
  planId: string,
): Promise<ActionPlanDocument> {
  const data = await withScope(database, actor, async (db) => {
    const p = await repo.getPlan(db, actor.organizationId, planId);
    if (!p) return null;
    const c = await repo.planContents(db, planId);
    const nodes = p.plan.developmentPlanId
      ? await repo.strategyNodes(db, actor.organizationId, [p.plan.developmentPlanId])
      : [];
    const devPlan = p.plan.developmentPlanId
      ? (await repo.developmentPlans(db, actor.organizationId)).find(
          (d) => d.id === p.plan.developmentPlanId,
        )
      : undefined;
    return { p, c, nodes, devPlan };
  });
  if (!data) throw new AppError('not_found', 'no such action plan', { reason: 'plan_not_found' });
  return buildDocument(data);
}

type Data = {
  p: repo.PlanWithUnit;
  c: Awaited<ReturnType<typeof repo.planContents>>;
  nodes: repo.StrategyNodeRow[];
  devPlan: repo.DevelopmentPlanRow | undefined;
};

function buildDocument({ p, c, nodes, devPlan }: Data): ActionPlanDocument {
  const fy = p.plan.fiscalYear;
  const base = transcriptionOf(p.unitCode, fy);
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const byPosition = <T extends { position: number }>(rows: readonly T[]) =>
    [...rows].sort((a, b) => a.position - b.position);

  // --- ids: a row the transcription has keeps its id there (references stay), others get one --
  const baselineCode = /^B(\d+)$/;
  const baseProjects = base?.projects ?? [];
  const projectRows = byPosition(c.projects).filter((r) => !baselineCode.test(r.code));
  const baselineRows = byPosition(c.projects).filter((r) => baselineCode.test(r.code));
  const projectId = new Map<string, string>();
  const usedBase = new Set<string>();
  for (const r of projectRows) {
    const b = baseProjects.find(
      (x) => !usedBase.has(x.id) && x.kind === r.kind && x.nameTh === r.nameTh,
    );
    if (b) usedBase.add(b.id);
    projectId.set(r.id, b?.id ?? `project-${r.id.slice(0, 8)}`);
  }
  const baseIndicators = base?.indicators ?? [];
  const indicatorRows = byPosition(c.indicators);
  const indicatorId = new Map<string, string>();
  const baseIndicatorOf = new Map<string, ActionPlanIndicator>();
  for (const r of indicatorRows) {
    // By number as printed; an indicator the plan prints without one (a goal indicator, coded
    // 7.2.1.1-G1 in the database) by its name.
    const b =
      baseIndicators.find((x) => !usedBase.has(x.id) && r.code !== '' && x.number === r.code) ??
      baseIndicators.find(
        (x) =>
          !usedBase.has(x.id) && x.nameTh === r.nameTh && (r.code === '' || x.number === undefined),
      );
    if (b) {
      usedBase.add(b.id);
      baseIndicatorOf.set(r.id, b);
    }
    indicatorId.set(r.id, b?.id ?? `indicator-${r.id.slice(0, 8)}`);
  }
  const ids = new Set([...projectId.values(), ...indicatorId.values()]);
  const has = (id: string) => ids.has(id);

  // --- divisions: the database stores a project's division by name --------------------------
  const divisions = base?.divisions ?? [];
  const divisionCode = (name: string) =>
    divisions.find((d) => d.nameTh === name || d.code === name)?.code ?? name;

  // --- indicators -----------------------------------------------------------------------------
  const targetsOf = (
    indicatorRowId: string,
    b: ActionPlanIndicator | undefined,
    unitTh: string,
  ) => {
    const stored = c.targets
      .filter((t) => t.indicatorId === indicatorRowId)
      .map((t): ActionPlanIndicatorTarget => ({
        fiscalYear: t.fiscalYear,
        // The note is the target as printed; one that no longer states the value is not.
        textTh: states(t.note, trimDecimal(t.value))
          ? t.note
          : `${unitTh} ${trimDecimal(t.value)}`.trim(),
        value: trimDecimal(t.value),
      }));
    // A year the transcription prints as text only (or "-") has no number the database could hold.
    const textOnly = (b?.targets ?? []).filter(
      (t) => t.value === undefined && !stored.some((s) => s.fiscalYear === t.fiscalYear),
    );
    return [...stored, ...textOnly].sort((x, y) => x.fiscalYear - y.fiscalYear);
  };

  const indicators: ActionPlanIndicator[] = indicatorRows.map((r) => {
    const b = baseIndicatorOf.get(r.id);
    const targets = targetsOf(r.id, b, r.unitOfMeasure);
    const criteria = (r.criteria ?? undefined) as Criteria | undefined;
    const bTarget = b?.targets.find((t) => t.fiscalYear === fy);
    const target = targets.find((t) => t.fiscalYear === fy);
    const targetTh =
      b && same(bTarget?.value, target?.value) ? b.targetTh : (target?.textTh ?? undefined);
    const level = b?.level === 'agreement' && r.level === 'goal' ? ('agreement' as const) : r.level;
    return {
      id: indicatorId.get(r.id)!,
      // The number as printed: none where the transcription prints none (goal indicators).
      ...(r.code !== '' && (!b || b.number !== undefined) && { number: r.code }),
      level,
      nameTh: r.nameTh,
      ...(r.nameEn !== '' && { nameEn: r.nameEn }),
      unitOfMeasure: UNIT_OF_MEASURE[r.unitOfMeasure] ?? b?.unitOfMeasure ?? 'percent',
      unitOfMeasureTh: r.unitOfMeasure,
      direction: r.direction as ActionPlanIndicator['direction'],
      targets,
      ...(targetTh !== undefined && { targetTh }),
      definitionTh: lines(r.definition),
      calculationTh: lines(r.calculationMethod),
      evidenceTh: lines(r.evidenceRequired),
      ...(criteria && { criteria }),
      // The sheets' wording is the transcription's while the criteria are the same; criteria
      // changed since print their levels and points without it.
      criteriaTable:
        b && same(b.criteria ?? null, r.criteria ?? null)
          ? b.criteriaTable
          : criteriaRows(criteria, b),
      responsibleDivisionCode: b?.responsibleDivisionCode ?? null,
      source: r.source,
      ...(r.computedSource && { computedFrom: r.computedSource }),
    };
  });

  // --- projects -------------------------------------------------------------------------------
  const measureRows = new Set(projectRows.map((r) => r.measureId).filter((x) => x !== null));
  const projects: ActionPlanProject[] = projectRows.map((r) => {
    const id = projectId.get(r.id)!;
    const b = baseProjects.find((x) => x.id === id);
    return {
      id,
      kind: r.kind,
      group: b?.group ?? (r.measureId ? 'strategic' : 'mission'),
      nameTh: r.nameTh,
      ...(r.nameEn !== '' && { nameEn: r.nameEn }),
      budgetSatang:
        r.budgetSatang === 0n && (!b || b.budgetSatang === null) ? null : r.budgetSatang,
      responsibleDivisionCode: divisionCode(r.responsibleDivision),
    };
  });

  // --- strategy: the nodes this plan hangs on, in their order ---------------------------------
  const used = new Set<string>();
  const mark = (id: string | null) => {
    for (
      let n = id ? nodeById.get(id) : undefined;
      n;
      n = n.parentId ? nodeById.get(n.parentId) : undefined
    )
      used.add(n.id);
  };
  for (const id of measureRows) mark(id);
  for (const r of indicatorRows) mark(r.strategyNodeId);
  for (const m of c.missionTasks) mark(m.goalId);
  const childrenOf = (parentId: string | null, kind: repo.StrategyNodeRow['kind']) =>
    byPosition(nodes.filter((n) => n.parentId === parentId && n.kind === kind && used.has(n.id)));

  const baseMeasures = (base?.strategy.dimensions ?? []).flatMap((d) =>
    d.subDimensions.flatMap((s) => s.goals.flatMap((g) => g.measures)),
  );
  const goalIndicatorRows = (goalId: string) =>
    indicatorRows.filter((r) => r.strategyNodeId === goalId && r.level === 'goal');
  const measuresOf = (goalId: string): ActionPlanMeasure[] => {
    const ms = childrenOf(goalId, 'measure');
    const goalIndicators = goalIndicatorRows(goalId).map((r) => indicatorId.get(r.id)!);
    const placed = new Set<string>();
    const out = ms.map((m) => {
      const b = baseMeasures.find((x) => x.nameTh === m.nameTh);
      const gi = (b?.goalIndicatorIds ?? []).filter(has);
      gi.forEach((x) => placed.add(x));
      return {
        id: b?.id ?? `measure-${m.code}`,
        nameTh: m.nameTh,
        ...(m.nameEn !== '' && { nameEn: m.nameEn }),
        origin: b?.origin ?? ('unit' as const),
        goalIndicatorIds: gi,
        indicatorIds: indicatorRows
          .filter((r) => r.strategyNodeId === m.id && r.level === 'measure')
          .map((r) => indicatorId.get(r.id)!),
        projectIds: projectRows
          .filter((r) => r.measureId === m.id)
          .map((r) => projectId.get(r.id)!),
      };
    });
    // A goal indicator no measure prints (added since) goes above the goal's first measure.
    const rest = goalIndicators.filter(
      (x) => !placed.has(x) && !indicators.some((i) => i.id === x && i.level === 'agreement'),
    );
    if (rest.length && out[0])
      out[0] = { ...out[0], goalIndicatorIds: [...out[0].goalIndicatorIds, ...rest] };
    return out;
  };
  const strategy: ActionPlanDocument['strategy'] = {
    developmentPlan: devPlan
      ? {
          code: devPlan.code,
          nameTh: devPlan.nameTh,
          ...(devPlan.nameEn !== '' && { nameEn: devPlan.nameEn }),
          yearFrom: devPlan.startYear,
          yearTo: devPlan.endYear,
        }
      : (base?.strategy.developmentPlan ?? { code: '', nameTh: '', yearFrom: fy, yearTo: fy }),
    dimensions: childrenOf(null, 'dimension').map((d) => {
      const bd = base?.strategy.dimensions.find((x) => x.code === d.code);
      return {
        code: d.code,
        nameTh: d.nameTh,
        ...(d.nameEn !== '' && { nameEn: d.nameEn }),
        ...(bd?.partTh !== undefined && { partTh: bd.partTh }),
        subDimensions: childrenOf(d.id, 'sub_dimension').map((s) => ({
          code: s.code,
          nameTh: s.nameTh,
          ...(s.nameEn !== '' && { nameEn: s.nameEn }),
          goals: childrenOf(s.id, 'goal').map((g) => ({
            code: g.code,
            nameTh: g.nameTh,
            ...(g.nameEn !== '' && { nameEn: g.nameEn }),
            measures: measuresOf(g.id),
          })),
        })),
      };
    }),
  };
  const goalCodes = strategy.dimensions.flatMap((d) =>
    d.subDimensions.flatMap((s) => s.goals.map((g) => g.code)),
  );

  // --- statements -----------------------------------------------------------------------------
  const statements = (kind: repo.StatementRow['kind']) =>
    byPosition(c.statements.filter((s) => s.kind === kind)).map((s) => s.textTh);

  // --- mission tasks --------------------------------------------------------------------------
  const missionTasks = byPosition(c.missionTasks).flatMap((m, i) => {
    const ind = indicatorRows.find((r) => r.missionTaskId === m.id);
    const b = base?.missionTasks.find((x) => x.nameTh === m.nameTh);
    // The database links a task to an indicator of its own level; the transcription's tasks name
    // a measure's indicator (kept while the database has it).
    const kpi = ind ? indicatorId.get(ind.id)! : b && has(b.indicatorId) ? b.indicatorId : null;
    if (kpi === null) return [];
    const target = indicators.find((x) => x.id === kpi)?.targetTh;
    return [
      {
        id: b?.id ?? `mission-${i + 1}`,
        number: Number(m.code) || i + 1,
        nameTh: m.nameTh,
        indicatorId: kpi,
        targetTh: b?.targetTh ?? target ?? '',
        goalCode: (m.goalId && nodeById.get(m.goalId)?.code) || (b?.goalCode ?? ''),
        projectIds: (b?.projectIds ?? []).filter(has),
      },
    ];
  });

  // --- budget summary: the groups' totals are the sums of the projects as stored --------------
  const groupTitles = new Map((base?.budgetSummary ?? []).map((g) => [g.group, g.titleTh]));
  const budgetSummary = (['strategic', 'mission'] as const)
    .map((group) => {
      const ps = projects.filter((x) => x.group === group);
      const sums = ps.map((x) => x.budgetSatang).filter((x) => x !== null);
      return {
        group,
        titleTh:
          groupTitles.get(group) ??
          (group === 'strategic' ? 'โครงการ/กิจกรรมตามยุทธศาสตร์' : 'โครงการ/กิจกรรมตามภารกิจ'),
        projectIds: ps.map((x) => x.id),
        statedTotalSatang: sums.length ? sums.reduce((a, b) => a + b, 0n) : null,
      };
    })
    .filter((g) => g.projectIds.length > 0 || groupTitles.has(g.group));

  // --- baseline list: stored as projects coded B1, B2 … ---------------------------------------
  const baselineItems = baselineRows.map((r) => {
    const n = Number(baselineCode.exec(r.code)![1]);
    const b = base?.baselineItems.find((x) => x.number === n);
    return {
      number: n,
      programmeTh: b?.programmeTh ?? '',
      outputTh: b?.outputTh ?? '',
      itemTh: b?.itemTh ?? '',
      projectTh: r.nameTh,
      budgetSatang: r.budgetSatang,
    };
  });
  const baselineStatedCount =
    base && base.baselineItems.length === baselineItems.length
      ? base.baselineStatedCount
      : baselineItems.length;

  // --- work plans: the steps as stored --------------------------------------------------------
  const stepRows = new Map<string, repo.StepRow[]>();
  for (const s of c.steps) stepRows.set(s.projectId, [...(stepRows.get(s.projectId) ?? []), s]);
  const workPlans: ActionPlanWorkPlan[] = [];
  for (const r of projectRows) {
    const rows = (stepRows.get(r.id) ?? []).sort((a, b) => a.stepNo - b.stepNo);
    if (!rows.length) continue;
    const pid = projectId.get(r.id)!;
    const b = base?.workPlans.find((w) => w.projectId === pid);
    const steps: ActionPlanWorkStep[] = rows.map((s) => {
      const [textTh = '', ...detailsTh] = s.nameTh.split('\n');
      return {
        step: s.stepNo,
        textTh,
        detailsTh,
        stepWeight: trimDecimal(s.weight) ?? '',
        cumulativeProgress: trimDecimal(s.plannedCumulative) ?? '',
        months: [...s.plannedMonths],
      };
    });
    const unchanged = b !== undefined && same(b.steps, steps);
    const indicatorOfProject =
      b && has(b.indicatorId)
        ? b.indicatorId
        : indicators.find((i) =>
            strategy.dimensions.some((d) =>
              d.subDimensions.some((s) =>
                s.goals.some((g) =>
                  g.measures.some(
                    (m) => m.projectIds.includes(pid) && m.indicatorIds.includes(i.id),
                  ),
                ),
              ),
            ),
          )?.id;
    const indicatorIdOf = indicatorOfProject ?? indicators[0]?.id;
    if (!indicatorIdOf) continue;
    const total = steps.reduce((a, s) => a + Number(s.stepWeight || 0), 0);
    workPlans.push({
      id: b?.id ?? `wp-${pid}`,
      number: b?.number ?? workPlans.length + 1,
      indicatorId: indicatorIdOf,
      projectId: pid,
      titleTh: b?.titleTh ?? r.nameTh,
      responsibleDivisionCode: divisionCode(r.responsibleDivision),
      progressColumnTh:
        b?.progressColumnTh ??
        `คิดความก้าวหน้า (ร้อยละ) ของ${r.kind === 'project' ? 'โครงการ' : 'กิจกรรม'}`,
      steps,
      statedTotalStepWeight: unchanged ? b.statedTotalStepWeight : String(total),
      statedTotalCumulative: unchanged
        ? b.statedTotalCumulative
        : (steps[steps.length - 1]?.cumulativeProgress ?? ''),
      ...(b?.noteTh !== undefined && { noteTh: b.noteTh }),
      origin: b?.origin ?? 'seed',
    });
  }
  const workPlanIds = new Set(workPlans.map((w) => w.id));

  // --- the transcription's other parts, pruned of what the database no longer has ------------
  const indicatorById = new Map(indicators.map((i) => [i.id, i]));
  const keyIndicators = (base?.keyIndicators ?? [])
    .map((g) => ({
      titleTh: g.titleTh,
      items: g.items
        .filter((x) => has(x.indicatorId))
        .map((x) => {
          const now = indicatorById.get(x.indicatorId)!;
          const was = baseIndicators.find((i) => i.id === x.indicatorId);
          return {
            indicatorId: x.indicatorId,
            nameTh: was && was.nameTh !== now.nameTh ? now.nameTh : x.nameTh,
            targetTh: was && was.targetTh !== now.targetTh ? (now.targetTh ?? '-') : x.targetTh,
          };
        }),
    }))
    .filter((g) => g.items.length);
  const evaluationTables = (base?.evaluationTables ?? []).map((t) => ({
    ...t,
    rows: t.rows.filter((r) => has(r.indicatorId)),
  }));
  const sourceIssues: ActionPlanSourceIssue[] = (base?.sourceIssues ?? []).filter(
    (i) =>
      (i.indicatorId === undefined || has(i.indicatorId)) &&
      (i.workPlanId === undefined || workPlanIds.has(i.workPlanId)),
  );
  if (base)
    sourceIssues.push({
      code: 'transcribed_parts',
      noteTh: TRANSCRIBED_PARTS_NOTE_TH,
      noteEn: TRANSCRIBED_PARTS_NOTE_EN,
    });

  return {
    schemaVersion: 1,
    fiscalYear: fy,
    organization: base?.organization ?? { code: BMA.code, nameTh: BMA.nameTh, nameEn: BMA.nameEn },
    unit: {
      code: p.unitCode,
      nameTh: p.unitName,
      ...(base?.unit.nameEn !== undefined && { nameEn: base.unit.nameEn }),
      ...(base?.unit.abbreviationTh !== undefined && { abbreviationTh: base.unit.abbreviationTh }),
    },
    titleTh: base?.titleTh ?? `แผนปฏิบัติการ ประจำปี พ.ศ. ${fy}`,
    introductionTh: [
      ...(p.plan.synthetic ? [SYNTHETIC_NOTE_TH] : []),
      ...(base?.introductionTh ?? []),
    ],
    situationTh: base?.situationTh ?? [],
    ...(base?.staffing && { staffing: base.staffing }),
    divisions,
    swot: {
      strengths: statements('strength'),
      weaknesses: statements('weakness'),
      opportunities: statements('opportunity'),
      threats: statements('threat'),
    },
    previousYear: base?.previousYear ?? { fiscalYear: fy - 1, titleTh: '', components: [] },
    visionTh: statements('vision').join(' '),
    missionStatementsTh: statements('mission'),
    goalCodes: base ? base.goalCodes.filter((g) => goalCodes.includes(g)) : goalCodes,
    keyIndicators,
    strategy,
    indicators,
    projects,
    missionTasks,
    budgetSummary,
    baselineItems,
    baselineStatedCount,
    evaluationTables,
    workPlans,
    sourceIssues,
  };
}

/** Criteria sheet rows from criteria changed since the transcription: levels and points. */
function criteriaRows(
  criteria: Criteria | undefined,
  b: ActionPlanIndicator | undefined,
): ActionPlanIndicator['criteriaTable'] {
  if (!criteria) return [];
  const describe = (level: number) =>
    b?.criteriaTable.find((r) => r.level === level)?.descriptionTh ?? '';
  const rows: { level: number; points: unknown; label?: string | undefined; pct?: unknown }[] =
    criteria.kind === 'milestone'
      ? criteria.levels.map((l) => ({ level: l.level, points: l.points, label: l.label }))
      : criteria.kind === 'bands'
        ? criteria.bands.map((x) => ({
            level: x.level,
            points: x.points,
            label: x.label,
            pct: x.min,
          }))
        : [];
  return rows
    .sort((x, y) => y.level - x.level)
    .map((r) => ({
      level: r.level,
      successPercent: r.pct === undefined ? '' : String(r.pct),
      descriptionTh: r.label ?? describe(r.level),
      points: String(r.points),
    }));
}
