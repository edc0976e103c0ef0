import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { organizationId, sqlList, timestamps, unitId, versionColumn } from '../../db/columns.js';
import { appUser, receivingUnit } from '../../db/schema.js';

/*
 * Plans, indicators, results and work plans (issue 14, SPEC §2.2–2.4).
 *
 * The strategy registry (development plans and their dimension → sub-dimension → goal → measure
 * nodes) belongs to the organisation. A unit's annual action plan and all that hangs on it belong
 * to the unit: tables with a unit_id are locked by pbis_secure_unit_table; the tables reached only
 * through a parent (targets, results, evidence files, work-plan steps and progress) have a policy
 * that follows the parent (migration 0007). Money is integer satang; percentages exact numerics.
 */

const version = versionColumn;
const list = sqlList;

/** Bytes stored in the database (evidence files), so a backup carries them. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

export const STRATEGY_NODE_KINDS = ['dimension', 'sub_dimension', 'goal', 'measure'] as const;
export const PROJECT_KINDS = ['project', 'activity'] as const;
export const STATEMENT_KINDS = [
  'vision',
  'mission',
  'strength',
  'weakness',
  'opportunity',
  'threat',
] as const;
export const INDICATOR_LEVELS = ['goal', 'measure', 'mission_task'] as const;
export const INDICATOR_SOURCES = ['entered', 'computed'] as const;
/** Where a computed indicator's results come from (modules/execution/money.ts). */
export const COMPUTED_SOURCES = [
  'execution.disbursement_rate',
  'execution.carry_over_without_obligation',
] as const;
export const TARGET_KINDS = ['numeric', 'level'] as const;
export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;

/** แผนพัฒนากรุงเทพมหานคร ระยะ 20 ปี ระยะที่ 2 (พ.ศ. 2561–2565), and its like. */
export const developmentPlan = pgTable(
  'development_plan',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    code: text('code').notNull(),
    nameTh: text('name_th').notNull(),
    nameEn: text('name_en').notNull().default(''),
    startYear: integer('start_year').notNull(),
    endYear: integer('end_year').notNull(),
    version: version(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('development_plan_code').on(t.organizationId, t.code),
    check('development_plan_years', sql`${t.startYear} <= ${t.endYear}`),
  ],
);

/** A dimension (ด้าน), sub-dimension (มิติ), goal (เป้าประสงค์) or measure (มาตรการ). */
export const strategyNode = pgTable(
  'strategy_node',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => developmentPlan.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => strategyNode.id),
    kind: text('kind', { enum: STRATEGY_NODE_KINDS }).notNull(),
    code: text('code').notNull(),
    nameTh: text('name_th').notNull(),
    nameEn: text('name_en').notNull().default(''),
    position: integer('position').notNull().default(0),
    version: version(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('strategy_node_code').on(t.planId, t.kind, t.code),
    index('strategy_node_parent').on(t.parentId),
    check('strategy_node_kind', sql`${t.kind} in (${list(STRATEGY_NODE_KINDS)})`),
  ],
);

/**
 * A unit's annual action plan. Copying a year forward makes a new row (revision + 1 for that
 * unit and year) and keeps the old one; the latest revision is the plan in use. Publishing is an
 * explicit, audited act (published_at set).
 */
export const actionPlan = pgTable(
  'action_plan',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    unitId: unitId(),
    fiscalYear: integer('fiscal_year').notNull(),
    revision: integer('revision').notNull().default(1),
    developmentPlanId: uuid('development_plan_id').references(() => developmentPlan.id),
    copiedFromId: uuid('copied_from_id').references((): AnyPgColumn => actionPlan.id),
    titleTh: text('title_th').notNull().default(''),
    /** ข้อมูลสังเคราะห์: demo data that is not the unit's real plan. */
    synthetic: boolean('synthetic').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    publishedBy: uuid('published_by').references(() => appUser.id),
    version: version(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('action_plan_revision').on(t.unitId, t.fiscalYear, t.revision),
    index('action_plan_year').on(t.organizationId, t.fiscalYear),
    check('action_plan_revision_positive', sql`${t.revision} >= 1`),
  ],
);

/** Vision, mission statements and SWOT items of a unit's plan, in order. */
export const unitStatement = pgTable(
  'unit_statement',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    unitId: unitId(),
    actionPlanId: uuid('action_plan_id')
      .notNull()
      .references(() => actionPlan.id),
    kind: text('kind', { enum: STATEMENT_KINDS }).notNull(),
    position: integer('position').notNull().default(0),
    textTh: text('text_th').notNull(),
    textEn: text('text_en').notNull().default(''),
    version: version(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('unit_statement_position').on(t.actionPlanId, t.kind, t.position),
    check('unit_statement_kind', sql`${t.kind} in (${list(STATEMENT_KINDS)})`),
  ],
);

/** A mission task (ภารกิจ) of the unit, linked to the goal it serves. */
export const missionTask = pgTable(
  'mission_task',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    unitId: unitId(),
    actionPlanId: uuid('action_plan_id')
      .notNull()
      .references(() => actionPlan.id),
    goalId: uuid('goal_id').references(() => strategyNode.id),
    code: text('code').notNull().default(''),
    nameTh: text('name_th').notNull(),
    nameEn: text('name_en').notNull().default(''),
    position: integer('position').notNull().default(0),
    version: version(),
    ...timestamps,
  },
  (t) => [index('mission_task_plan').on(t.actionPlanId)],
);

/**
 * A project or activity of a plan under a measure; `parentId` nests activities under a project
 * for the roll-up. `budgetSatang` counts only on a node without children; `ceilingSatang` is an
 * amount fixed on a parent that its children should not pass (a warning, core rollUpBudget).
 */
export const planProject = pgTable(
  'plan_project',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    unitId: unitId(),
    actionPlanId: uuid('action_plan_id')
      .notNull()
      .references(() => actionPlan.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => planProject.id),
    measureId: uuid('measure_id').references(() => strategyNode.id),
    kind: text('kind', { enum: PROJECT_KINDS }).notNull(),
    code: text('code').notNull().default(''),
    nameTh: text('name_th').notNull(),
    nameEn: text('name_en').notNull().default(''),
    responsibleUnitId: uuid('responsible_unit_id').references(() => receivingUnit.id),
    responsibleDivision: text('responsible_division').notNull().default(''),
    budgetSatang: bigint('budget_satang', { mode: 'bigint' })
      .notNull()
      .default(sql`0`),
    ceilingSatang: bigint('ceiling_satang', { mode: 'bigint' }),
    position: integer('position').notNull().default(0),
    version: version(),
    ...timestamps,
  },
  (t) => [
    index('plan_project_plan').on(t.actionPlanId),
    index('plan_project_parent').on(t.parentId),
    check('plan_project_kind', sql`${t.kind} in (${list(PROJECT_KINDS)})`),
    check('plan_project_budget', sql`${t.budgetSatang} >= 0`),
    check('plan_project_ceiling', sql`${t.ceilingSatang} is null or ${t.ceilingSatang} >= 0`),
    check('plan_project_not_own_parent', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
  ],
);

/** An indicator (KPI) of a goal, a measure or a mission task, with its criteria (SPEC §4). */
export const indicator = pgTable(
  'indicator',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    unitId: unitId(),
    actionPlanId: uuid('action_plan_id')
      .notNull()
      .references(() => actionPlan.id),
    level: text('level', { enum: INDICATOR_LEVELS }).notNull(),
    strategyNodeId: uuid('strategy_node_id').references(() => strategyNode.id),
    missionTaskId: uuid('mission_task_id').references(() => missionTask.id),
    code: text('code').notNull().default(''),
    nameTh: text('name_th').notNull(),
    nameEn: text('name_en').notNull().default(''),
    unitOfMeasure: text('unit_of_measure').notNull().default(''),
    direction: text('direction').notNull().default('higher_is_better'),
    definition: text('definition').notNull().default(''),
    calculationMethod: text('calculation_method').notNull().default(''),
    evidenceRequired: text('evidence_required').notNull().default(''),
    criteria: jsonb('criteria').$type<Record<string, unknown>>(),
    /** Weight in a performance agreement (%), for the weighted score; null for none. */
    weight: numeric('weight', { precision: 7, scale: 3 }),
    responsibleUnitId: uuid('responsible_unit_id').references(() => receivingUnit.id),
    source: text('source', { enum: INDICATOR_SOURCES }).notNull().default('entered'),
    computedSource: text('computed_source', { enum: COMPUTED_SOURCES }),
    position: integer('position').notNull().default(0),
    version: version(),
    ...timestamps,
  },
  (t) => [
    index('indicator_plan').on(t.actionPlanId),
    check('indicator_level', sql`${t.level} in (${list(INDICATOR_LEVELS)})`),
    check('indicator_direction', sql`${t.direction} in ('higher_is_better','lower_is_better')`),
    check(
      'indicator_anchor',
      sql`(${t.level} = 'mission_task') = (${t.missionTaskId} is not null) and (${t.level} <> 'mission_task') = (${t.strategyNodeId} is not null)`,
    ),
    check('indicator_source', sql`${t.source} in (${list(INDICATOR_SOURCES)})`),
    check(
      'indicator_computed_source',
      sql`(${t.source} = 'computed') = (${t.computedSource} is not null) and (${t.computedSource} is null or ${t.computedSource} in (${list(COMPUTED_SOURCES)}))`,
    ),
  ],
);

/** The target of an indicator for one fiscal year: a number, or a success level. */
export const indicatorTarget = pgTable(
  'indicator_target',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicator.id),
    fiscalYear: integer('fiscal_year').notNull(),
    kind: text('kind', { enum: TARGET_KINDS }).notNull(),
    value: numeric('value', { precision: 20, scale: 4 }).notNull(),
    note: text('note').notNull().default(''),
    version: version(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('indicator_target_year').on(t.indicatorId, t.fiscalYear),
    check('indicator_target_kind', sql`${t.kind} in (${list(TARGET_KINDS)})`),
  ],
);

/** A result of an indicator for one period (a fiscal month, a quarter or the year) with a comment. */
export const indicatorResult = pgTable(
  'indicator_result',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicator.id),
    fiscalYear: integer('fiscal_year').notNull(),
    periodKind: text('period_kind', { enum: PERIOD_KINDS }).notNull(),
    /** Fiscal month 1 (October) … 12, quarter 1 … 4, or 0 for the year. */
    periodNo: integer('period_no').notNull(),
    /** The result as typed: a decimal, a number of steps, or a list of steps ("1,2,3"). */
    value: text('value').notNull(),
    comment: text('comment').notNull().default(''),
    enteredBy: uuid('entered_by').references(() => appUser.id),
    version: version(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('indicator_result_period').on(
      t.indicatorId,
      t.fiscalYear,
      t.periodKind,
      t.periodNo,
    ),
    check(
      'indicator_result_period_no',
      sql`(${t.periodKind} = 'month' and ${t.periodNo} between 1 and 12) or (${t.periodKind} = 'quarter' and ${t.periodNo} between 1 and 4) or (${t.periodKind} = 'year' and ${t.periodNo} = 0)`,
    ),
  ],
);

/** An evidence file of a result: its bytes, their SHA-256, size and type. */
export const evidenceFile = pgTable(
  'evidence_file',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resultId: uuid('result_id')
      .notNull()
      .references(() => indicatorResult.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => appUser.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('evidence_file_result').on(t.resultId),
    check('evidence_file_size', sql`${t.sizeBytes} = octet_length(${t.content})`),
    check('evidence_file_sha256', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

/** A step of an activity's work plan: weight, planned cumulative progress, planned months. */
export const workPlanStep = pgTable(
  'work_plan_step',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => planProject.id),
    stepNo: integer('step_no').notNull(),
    nameTh: text('name_th').notNull(),
    weight: numeric('weight', { precision: 7, scale: 3 }),
    plannedCumulative: numeric('planned_cumulative', { precision: 7, scale: 3 }),
    /** Fiscal months 1 (October) … 12 (September). */
    plannedMonths: jsonb('planned_months').$type<number[]>().notNull().default([]),
    ...timestamps,
  },
  (t) => [uniqueIndex('work_plan_step_no').on(t.projectId, t.stepNo)],
);

/** The actual cumulative progress of an activity at the end of a fiscal month. */
export const workPlanProgress = pgTable(
  'work_plan_progress',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => planProject.id),
    fiscalMonth: integer('fiscal_month').notNull(),
    actualCumulative: numeric('actual_cumulative', { precision: 7, scale: 3 }).notNull(),
    comment: text('comment').notNull().default(''),
    enteredBy: uuid('entered_by').references(() => appUser.id),
    version: version(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('work_plan_progress_month').on(t.projectId, t.fiscalMonth),
    check('work_plan_progress_month_range', sql`${t.fiscalMonth} between 1 and 12`),
    check(
      'work_plan_progress_range',
      sql`${t.actualCumulative} >= 0 and ${t.actualCumulative} <= 100`,
    ),
  ],
);
