import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { organization, receivingUnit } from '../../db/schema.js';
import {
  actionPlan,
  developmentPlan,
  evidenceFile,
  indicator,
  indicatorResult,
  indicatorTarget,
  missionTask,
  planProject,
  strategyNode,
  unitStatement,
  workPlanProgress,
  workPlanStep,
} from './schema.js';

export type PlanRow = typeof actionPlan.$inferSelect;
export type PlanInsert = typeof actionPlan.$inferInsert;
export type ProjectRow = typeof planProject.$inferSelect;
export type ProjectInsert = typeof planProject.$inferInsert;
export type IndicatorRow = typeof indicator.$inferSelect;
export type IndicatorInsert = typeof indicator.$inferInsert;
export type TargetRow = typeof indicatorTarget.$inferSelect;
export type ResultRow = typeof indicatorResult.$inferSelect;
export type StepRow = typeof workPlanStep.$inferSelect;
export type StepInsert = typeof workPlanStep.$inferInsert;
export type ProgressRow = typeof workPlanProgress.$inferSelect;
export type StatementRow = typeof unitStatement.$inferSelect;
export type StatementInsert = typeof unitStatement.$inferInsert;
export type MissionTaskRow = typeof missionTask.$inferSelect;
export type MissionTaskInsert = typeof missionTask.$inferInsert;
export type StrategyNodeRow = typeof strategyNode.$inferSelect;
export type StrategyNodeInsert = typeof strategyNode.$inferInsert;
export type DevelopmentPlanRow = typeof developmentPlan.$inferSelect;
export type DevelopmentPlanInsert = typeof developmentPlan.$inferInsert;
export type EvidenceInsert = typeof evidenceFile.$inferInsert;
export type TargetInsert = typeof indicatorTarget.$inferInsert;
export type ResultInsert = typeof indicatorResult.$inferInsert;

const evidenceColumns = {
  id: evidenceFile.id,
  resultId: evidenceFile.resultId,
  fileName: evidenceFile.fileName,
  contentType: evidenceFile.contentType,
  sizeBytes: evidenceFile.sizeBytes,
  sha256: evidenceFile.sha256,
  createdAt: evidenceFile.createdAt,
};
export type EvidenceRow = {
  [K in keyof typeof evidenceColumns]: (typeof evidenceFile.$inferSelect)[K];
};

// --- plans ----------------------------------------------------------------------------------

const planColumns = {
  plan: actionPlan,
  unitCode: receivingUnit.code,
  unitName: receivingUnit.nameTh,
  latestRevision:
    sql<number>`(select max(p2.revision) from action_plan p2 where p2.unit_id = ${actionPlan.unitId} and p2.fiscal_year = ${actionPlan.fiscalYear})`.mapWith(
      Number,
    ),
};
export type PlanWithUnit = {
  plan: PlanRow;
  unitCode: string;
  unitName: string;
  latestRevision: number;
};

export async function listPlans(
  db: Executor,
  organizationId: string,
  q: { fiscalYear?: number | undefined; unitId?: string | undefined; publishedOnly?: boolean },
): Promise<PlanWithUnit[]> {
  const where = [eq(actionPlan.organizationId, organizationId)];
  if (q.fiscalYear !== undefined) where.push(eq(actionPlan.fiscalYear, q.fiscalYear));
  if (q.unitId) where.push(eq(actionPlan.unitId, q.unitId));
  if (q.publishedOnly) where.push(sql`${actionPlan.publishedAt} is not null`);
  return db
    .select(planColumns)
    .from(actionPlan)
    .innerJoin(receivingUnit, eq(receivingUnit.id, actionPlan.unitId))
    .where(and(...where))
    .orderBy(asc(receivingUnit.code), asc(actionPlan.fiscalYear), asc(actionPlan.revision));
}

export async function getPlan(
  db: Executor,
  organizationId: string,
  id: string,
): Promise<PlanWithUnit | undefined> {
  const [row] = await db
    .select(planColumns)
    .from(actionPlan)
    .innerJoin(receivingUnit, eq(receivingUnit.id, actionPlan.unitId))
    .where(and(eq(actionPlan.organizationId, organizationId), eq(actionPlan.id, id)));
  return row;
}

/** The unit's plan in use for a year: its newest revision. */
export async function latestPlan(
  db: Executor,
  organizationId: string,
  unitId: string,
  fiscalYear: number,
): Promise<PlanWithUnit | undefined> {
  const [row] = await db
    .select(planColumns)
    .from(actionPlan)
    .innerJoin(receivingUnit, eq(receivingUnit.id, actionPlan.unitId))
    .where(
      and(
        eq(actionPlan.organizationId, organizationId),
        eq(actionPlan.unitId, unitId),
        eq(actionPlan.fiscalYear, fiscalYear),
      ),
    )
    .orderBy(desc(actionPlan.revision))
    .limit(1);
  return row;
}

export async function insertPlan(db: Executor, row: PlanInsert): Promise<PlanRow> {
  const [r] = await db.insert(actionPlan).values(row).returning();
  return r!;
}

export async function setPublished(
  db: Executor,
  id: string,
  version: number,
  published: { at: Date | null; by: string | null },
  now: Date,
): Promise<PlanRow | undefined> {
  const [r] = await db
    .update(actionPlan)
    .set({
      publishedAt: published.at,
      publishedBy: published.by,
      version: sql`${actionPlan.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(actionPlan.id, id), eq(actionPlan.version, version)))
    .returning();
  return r;
}

/** Locks the unit's plans of a year (so two copies forward cannot take the same revision). */
export async function maxRevision(db: Executor, unitId: string, fiscalYear: number) {
  const rows = await db
    .select({ revision: actionPlan.revision })
    .from(actionPlan)
    .where(and(eq(actionPlan.unitId, unitId), eq(actionPlan.fiscalYear, fiscalYear)))
    .for('update');
  return rows.reduce((m, r) => Math.max(m, r.revision), 0);
}

// --- strategy registry ----------------------------------------------------------------------

export const developmentPlans = (db: Executor, organizationId: string) =>
  db
    .select()
    .from(developmentPlan)
    .where(eq(developmentPlan.organizationId, organizationId))
    .orderBy(asc(developmentPlan.startYear), asc(developmentPlan.code));

export const strategyNodes = (db: Executor, organizationId: string, planIds?: readonly string[]) =>
  db
    .select()
    .from(strategyNode)
    .where(
      and(
        eq(strategyNode.organizationId, organizationId),
        planIds ? inArray(strategyNode.planId, [...planIds]) : undefined,
      ),
    )
    .orderBy(asc(strategyNode.position), asc(strategyNode.code));

export async function strategyNodesByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(strategyNode)
    .where(inArray(strategyNode.id, [...ids]));
}

export async function insertDevelopmentPlan(db: Executor, row: DevelopmentPlanInsert) {
  const [r] = await db
    .insert(developmentPlan)
    .values(row)
    .onConflictDoUpdate({
      target: [developmentPlan.organizationId, developmentPlan.code],
      set: { nameTh: row.nameTh },
    })
    .returning();
  return r!;
}

export async function insertStrategyNode(db: Executor, row: StrategyNodeInsert) {
  const [r] = await db
    .insert(strategyNode)
    .values(row)
    .onConflictDoUpdate({
      target: [strategyNode.planId, strategyNode.kind, strategyNode.code],
      set: { nameTh: row.nameTh },
    })
    .returning();
  return r!;
}

// --- what hangs on a plan -------------------------------------------------------------------

export const statementsOf = (db: Executor, planId: string) =>
  db
    .select()
    .from(unitStatement)
    .where(eq(unitStatement.actionPlanId, planId))
    .orderBy(asc(unitStatement.kind), asc(unitStatement.position));

export const missionTasksOf = (db: Executor, planId: string) =>
  db
    .select()
    .from(missionTask)
    .where(eq(missionTask.actionPlanId, planId))
    .orderBy(asc(missionTask.position), asc(missionTask.code));

export async function getMissionTask(db: Executor, id: string) {
  const [r] = await db.select().from(missionTask).where(eq(missionTask.id, id));
  return r;
}

export const projectsOf = (db: Executor, planId: string) =>
  db
    .select()
    .from(planProject)
    .where(eq(planProject.actionPlanId, planId))
    .orderBy(asc(planProject.position), asc(planProject.code), asc(planProject.createdAt));

export async function getProject(db: Executor, organizationId: string, id: string) {
  const [r] = await db
    .select()
    .from(planProject)
    .where(and(eq(planProject.organizationId, organizationId), eq(planProject.id, id)));
  return r;
}

export async function insertProject(db: Executor, row: ProjectInsert): Promise<ProjectRow> {
  const [r] = await db.insert(planProject).values(row).returning();
  return r!;
}

export async function updateProject(
  db: Executor,
  id: string,
  version: number,
  values: Partial<ProjectInsert>,
  now: Date,
): Promise<ProjectRow | undefined> {
  const [r] = await db
    .update(planProject)
    .set({ ...values, version: sql`${planProject.version} + 1`, updatedAt: now })
    .where(and(eq(planProject.id, id), eq(planProject.version, version)))
    .returning();
  return r;
}

export async function deleteProject(db: Executor, id: string, version: number) {
  const rows = await db
    .delete(planProject)
    .where(and(eq(planProject.id, id), eq(planProject.version, version)))
    .returning({ id: planProject.id });
  return rows.length === 1;
}

export async function deleteStepsAndProgress(db: Executor, projectId: string) {
  await db.delete(workPlanStep).where(eq(workPlanStep.projectId, projectId));
  await db.delete(workPlanProgress).where(eq(workPlanProgress.projectId, projectId));
}

export const indicatorsOf = (db: Executor, planId: string) =>
  db
    .select()
    .from(indicator)
    .where(eq(indicator.actionPlanId, planId))
    .orderBy(asc(indicator.position), asc(indicator.code), asc(indicator.createdAt));

export async function getIndicator(db: Executor, organizationId: string, id: string) {
  const [r] = await db
    .select()
    .from(indicator)
    .where(and(eq(indicator.organizationId, organizationId), eq(indicator.id, id)));
  return r;
}

export async function insertIndicator(db: Executor, row: IndicatorInsert): Promise<IndicatorRow> {
  const [r] = await db.insert(indicator).values(row).returning();
  return r!;
}

export async function updateIndicator(
  db: Executor,
  id: string,
  version: number,
  values: Partial<IndicatorInsert>,
  now: Date,
): Promise<IndicatorRow | undefined> {
  const [r] = await db
    .update(indicator)
    .set({ ...values, version: sql`${indicator.version} + 1`, updatedAt: now })
    .where(and(eq(indicator.id, id), eq(indicator.version, version)))
    .returning();
  return r;
}

export async function targetsOf(db: Executor, indicatorIds: readonly string[]) {
  if (indicatorIds.length === 0) return [];
  return db
    .select()
    .from(indicatorTarget)
    .where(inArray(indicatorTarget.indicatorId, [...indicatorIds]))
    .orderBy(asc(indicatorTarget.fiscalYear));
}

export async function getTarget(db: Executor, indicatorId: string, fiscalYear: number) {
  const [r] = await db
    .select()
    .from(indicatorTarget)
    .where(
      and(eq(indicatorTarget.indicatorId, indicatorId), eq(indicatorTarget.fiscalYear, fiscalYear)),
    );
  return r;
}

export async function insertTarget(db: Executor, row: TargetInsert) {
  const [r] = await db.insert(indicatorTarget).values(row).returning();
  return r!;
}

export async function updateTarget(
  db: Executor,
  id: string,
  version: number,
  values: Pick<TargetInsert, 'kind' | 'value' | 'note'>,
  now: Date,
) {
  const [r] = await db
    .update(indicatorTarget)
    .set({ ...values, version: sql`${indicatorTarget.version} + 1`, updatedAt: now })
    .where(and(eq(indicatorTarget.id, id), eq(indicatorTarget.version, version)))
    .returning();
  return r;
}

export async function resultsOf(
  db: Executor,
  indicatorIds: readonly string[],
  fiscalYear?: number,
): Promise<ResultRow[]> {
  if (indicatorIds.length === 0) return [];
  return db
    .select()
    .from(indicatorResult)
    .where(
      and(
        inArray(indicatorResult.indicatorId, [...indicatorIds]),
        fiscalYear === undefined ? undefined : eq(indicatorResult.fiscalYear, fiscalYear),
      ),
    )
    .orderBy(
      asc(indicatorResult.fiscalYear),
      asc(indicatorResult.periodKind),
      asc(indicatorResult.periodNo),
    );
}

export async function getResult(db: Executor, id: string) {
  const [r] = await db.select().from(indicatorResult).where(eq(indicatorResult.id, id));
  return r;
}

export async function findResult(
  db: Executor,
  indicatorId: string,
  fiscalYear: number,
  periodKind: ResultRow['periodKind'],
  periodNo: number,
) {
  const [r] = await db
    .select()
    .from(indicatorResult)
    .where(
      and(
        eq(indicatorResult.indicatorId, indicatorId),
        eq(indicatorResult.fiscalYear, fiscalYear),
        eq(indicatorResult.periodKind, periodKind),
        eq(indicatorResult.periodNo, periodNo),
      ),
    );
  return r;
}

export async function insertResult(db: Executor, row: ResultInsert) {
  const [r] = await db.insert(indicatorResult).values(row).returning();
  return r!;
}

export async function updateResult(
  db: Executor,
  id: string,
  version: number,
  values: Pick<ResultInsert, 'value' | 'comment' | 'enteredBy'>,
  now: Date,
) {
  const [r] = await db
    .update(indicatorResult)
    .set({ ...values, version: sql`${indicatorResult.version} + 1`, updatedAt: now })
    .where(and(eq(indicatorResult.id, id), eq(indicatorResult.version, version)))
    .returning();
  return r;
}

export async function evidenceOf(
  db: Executor,
  resultIds: readonly string[],
): Promise<EvidenceRow[]> {
  if (resultIds.length === 0) return [];
  return db
    .select(evidenceColumns)
    .from(evidenceFile)
    .where(inArray(evidenceFile.resultId, [...resultIds]))
    .orderBy(asc(evidenceFile.createdAt), asc(evidenceFile.fileName));
}

export async function insertEvidence(db: Executor, row: EvidenceInsert): Promise<EvidenceRow> {
  const [r] = await db.insert(evidenceFile).values(row).returning(evidenceColumns);
  return r!;
}

/** One evidence file with its bytes. */
export async function evidenceContent(db: Executor, id: string) {
  const [r] = await db.select().from(evidenceFile).where(eq(evidenceFile.id, id));
  return r;
}

export async function stepsOf(db: Executor, projectIds: readonly string[]): Promise<StepRow[]> {
  if (projectIds.length === 0) return [];
  return db
    .select()
    .from(workPlanStep)
    .where(inArray(workPlanStep.projectId, [...projectIds]))
    .orderBy(asc(workPlanStep.projectId), asc(workPlanStep.stepNo));
}

export async function replaceSteps(db: Executor, projectId: string, steps: StepInsert[]) {
  await db.delete(workPlanStep).where(eq(workPlanStep.projectId, projectId));
  if (steps.length > 0) await db.insert(workPlanStep).values(steps);
}

export async function progressOf(
  db: Executor,
  projectIds: readonly string[],
): Promise<ProgressRow[]> {
  if (projectIds.length === 0) return [];
  return db
    .select()
    .from(workPlanProgress)
    .where(inArray(workPlanProgress.projectId, [...projectIds]))
    .orderBy(asc(workPlanProgress.projectId), asc(workPlanProgress.fiscalMonth));
}

export async function getProgress(db: Executor, projectId: string, fiscalMonth: number) {
  const [r] = await db
    .select()
    .from(workPlanProgress)
    .where(
      and(eq(workPlanProgress.projectId, projectId), eq(workPlanProgress.fiscalMonth, fiscalMonth)),
    );
  return r;
}

export async function insertProgress(db: Executor, row: typeof workPlanProgress.$inferInsert) {
  const [r] = await db.insert(workPlanProgress).values(row).returning();
  return r!;
}

export async function updateProgress(
  db: Executor,
  id: string,
  version: number,
  values: { actualCumulative: string; comment: string; enteredBy: string | null },
  now: Date,
) {
  const [r] = await db
    .update(workPlanProgress)
    .set({ ...values, version: sql`${workPlanProgress.version} + 1`, updatedAt: now })
    .where(and(eq(workPlanProgress.id, id), eq(workPlanProgress.version, version)))
    .returning();
  return r;
}

// --- bulk (copy forward, demo) --------------------------------------------------------------

/** Rows per insert statement: well under PostgreSQL's 65,535 parameters for the widest table. */
const ROWS_PER_INSERT = 1000;

async function insertChunked<T extends PgTable>(db: Executor, table: T, rows: T['$inferInsert'][]) {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    await db.insert(table).values(rows.slice(i, i + ROWS_PER_INSERT));
}

export async function insertMany(
  db: Executor,
  rows: {
    statements?: StatementInsert[];
    missionTasks?: MissionTaskInsert[];
    projects?: ProjectInsert[];
    indicators?: IndicatorInsert[];
    targets?: TargetInsert[];
    results?: ResultInsert[];
    steps?: StepInsert[];
    progress?: (typeof workPlanProgress.$inferInsert)[];
  },
): Promise<void> {
  await insertChunked(db, unitStatement, rows.statements ?? []);
  await insertChunked(db, missionTask, rows.missionTasks ?? []);
  // Parents before children: each round inserts the projects whose parent is already in.
  let pending = [...(rows.projects ?? [])];
  const ids = new Set(pending.map((p) => p.id));
  const done = new Set<string>();
  while (pending.length > 0) {
    const ready = pending.filter(
      (p) => !p.parentId || done.has(p.parentId) || !ids.has(p.parentId),
    );
    if (ready.length === 0) throw new Error('projects form a cycle');
    await insertChunked(db, planProject, ready);
    for (const p of ready) done.add(p.id!);
    pending = pending.filter((p) => !done.has(p.id!));
  }
  await insertChunked(db, indicator, rows.indicators ?? []);
  await insertChunked(db, indicatorTarget, rows.targets ?? []);
  await insertChunked(db, indicatorResult, rows.results ?? []);
  await insertChunked(db, workPlanStep, rows.steps ?? []);
  await insertChunked(db, workPlanProgress, rows.progress ?? []);
}

/** Every plan row of a unit-year's plan, for copying it forward. */
export async function planContents(db: Executor, planId: string) {
  const projects = await projectsOf(db, planId);
  const indicators = await indicatorsOf(db, planId);
  return {
    statements: await statementsOf(db, planId),
    missionTasks: await missionTasksOf(db, planId),
    projects,
    indicators,
    targets: await targetsOf(
      db,
      indicators.map((i) => i.id),
    ),
    steps: await stepsOf(
      db,
      projects.map((p) => p.id),
    ),
  };
}

export async function firstOrganizationId(db: Executor): Promise<string | null> {
  const [r] = await db
    .select({ id: organization.id })
    .from(organization)
    .orderBy(asc(organization.createdAt), asc(organization.id))
    .limit(1);
  return r?.id ?? null;
}

/** The position after the last of a plan's projects or indicators (new rows go last). */
export async function nextPosition(
  db: Executor,
  table: 'plan_project' | 'indicator',
  planId: string,
) {
  const t = table === 'plan_project' ? planProject : indicator;
  const [r] = await db
    .select({ n: sql<number>`coalesce(max(${t.position}), -1) + 1`.mapWith(Number) })
    .from(t)
    .where(eq(t.actionPlanId, planId));
  return r?.n ?? 0;
}

// --- the tree's reads: by plan, one statement each, joined to the plan's rows --------------

export const targetsOfPlan = async (db: Executor, planId: string, fiscalYear: number) =>
  (
    await db
      .select({ row: indicatorTarget })
      .from(indicatorTarget)
      .innerJoin(indicator, eq(indicator.id, indicatorTarget.indicatorId))
      .where(and(eq(indicator.actionPlanId, planId), eq(indicatorTarget.fiscalYear, fiscalYear)))
  ).map((r) => r.row);

/** Each indicator's latest result of the year: the year, else the last quarter or month. */
export const latestResultsOfPlan = async (db: Executor, planId: string, fiscalYear: number) =>
  (
    await db
      .selectDistinctOn([indicatorResult.indicatorId], { row: indicatorResult })
      .from(indicatorResult)
      .innerJoin(indicator, eq(indicator.id, indicatorResult.indicatorId))
      .where(and(eq(indicator.actionPlanId, planId), eq(indicatorResult.fiscalYear, fiscalYear)))
      .orderBy(
        indicatorResult.indicatorId,
        desc(
          sql`case ${indicatorResult.periodKind} when 'year' then 130 when 'quarter' then ${indicatorResult.periodNo} * 30 + 5 else ${indicatorResult.periodNo} * 10 end`,
        ),
      )
  ).map((r) => r.row);

export const stepsOfPlan = async (db: Executor, planId: string) =>
  (
    await db
      .select({ row: workPlanStep })
      .from(workPlanStep)
      .innerJoin(planProject, eq(planProject.id, workPlanStep.projectId))
      .where(eq(planProject.actionPlanId, planId))
      .orderBy(asc(workPlanStep.projectId), asc(workPlanStep.stepNo))
  ).map((r) => r.row);

export const progressOfPlan = async (db: Executor, planId: string) =>
  (
    await db
      .select({ row: workPlanProgress })
      .from(workPlanProgress)
      .innerJoin(planProject, eq(planProject.id, workPlanProgress.projectId))
      .where(eq(planProject.actionPlanId, planId))
      .orderBy(asc(workPlanProgress.projectId), asc(workPlanProgress.fiscalMonth))
  ).map((r) => r.row);
