import { z } from 'zod';
import { INDICATOR_DIRECTIONS, INDICATOR_STATUSES } from '@pbis/core';
import {
  fiscalYearInput,
  fiscalYearQuery,
  isoDateTime,
  nameText,
  uuidSchema,
  versionField,
} from './common.js';

/*
 * Plans, indicators, results and work plans (issue 14). Amounts are baht as decimal strings with
 * two decimals; percentages and results exact decimal strings.
 */

export const STRATEGY_NODE_KINDS = ['dimension', 'sub_dimension', 'goal', 'measure'] as const;
export const PLAN_NODE_KINDS = [
  ...STRATEGY_NODE_KINDS,
  'mission_task',
  'project',
  'activity',
] as const;
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
export const COMPUTED_SOURCES = [
  'execution.disbursement_rate',
  'execution.carry_over_without_obligation',
] as const;
export const TARGET_KINDS = ['numeric', 'level'] as const;
export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
/** Evidence files: at most this many bytes each, of these types. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_CONTENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/csv',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;

const baht = z.string().regex(/^-?\d+\.\d{2}$/);
/** An amount typed by a user: "10,991,500.00", "88000" … (core parseBaht). */
const bahtInput = z.string().min(1).max(40);
const decimalText = z.string().regex(/^-?\d+(\.\d+)?$/);
const decimalInput = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]);
const longText = (max = 20_000) => z.string().max(max);

export const indicatorStatusSchema = z.enum(INDICATOR_STATUSES);
export const indicatorDirectionSchema = z.enum(INDICATOR_DIRECTIONS);
export const planNodeKindSchema = z.enum(PLAN_NODE_KINDS);

// --- action plans ---------------------------------------------------------------------------

export const actionPlanSchema = z.object({
  id: uuidSchema,
  unitId: uuidSchema,
  unitCode: z.string(),
  unitName: z.string(),
  fiscalYear: z.number().int(),
  revision: z.number().int(),
  /** True for the unit and year's newest revision (the plan in use). */
  latest: z.boolean(),
  developmentPlanId: uuidSchema.nullable(),
  copiedFromId: uuidSchema.nullable(),
  titleTh: z.string(),
  /** ข้อมูลสังเคราะห์: demo data, not the unit's real plan. */
  synthetic: z.boolean(),
  publishedAt: isoDateTime.nullable(),
  version: z.number().int(),
});
export type ActionPlan = z.input<typeof actionPlanSchema>;
export const actionPlanListSchema = z.object({ items: z.array(actionPlanSchema) });

export const plansQuery = z.object({
  fiscalYear: fiscalYearQuery.optional(),
  unitId: uuidSchema.optional(),
});

export const createPlanBody = z.object({
  unitId: uuidSchema,
  fiscalYear: fiscalYearInput,
  developmentPlanId: uuidSchema.nullable().optional(),
  titleTh: nameText(500, 0).optional(),
});
export const versionBody = z.object({ version: versionField });
export const publishBody = z.object({ version: versionField, published: z.boolean() });

// --- strategy registry ----------------------------------------------------------------------

export const strategyNodeSchema = z.object({
  id: uuidSchema,
  parentId: uuidSchema.nullable(),
  kind: z.enum(STRATEGY_NODE_KINDS),
  code: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
});
export const developmentPlanSchema = z.object({
  id: uuidSchema,
  code: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  startYear: z.number().int(),
  endYear: z.number().int(),
  nodes: z.array(strategyNodeSchema),
});
export const strategyListSchema = z.object({ items: z.array(developmentPlanSchema) });

// --- the cascade tree -----------------------------------------------------------------------

export const treeQuery = z.object({
  unitId: uuidSchema,
  fiscalYear: fiscalYearQuery,
  status: indicatorStatusSchema
    .optional()
    .describe('only the indicators of this status, and their branches'),
  asOf: z.iso.date().optional().describe('the day the status is judged at; default today'),
});

export const ceilingWarningSchema = z.object({
  code: z.literal('over_ceiling'),
  parentId: uuidSchema,
  ceilingBaht: baht,
  runningBaht: baht,
  overBaht: baht,
});

export const treeNodeSchema = z.object({
  id: uuidSchema,
  parentId: uuidSchema.nullable(),
  kind: planNodeKindSchema,
  code: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  /** Rolled up: own amount for a leaf, the children's sum for a parent. */
  totalBaht: baht,
  /** Own amount (projects and activities; '0.00' on strategy nodes). */
  budgetBaht: baht,
  ceilingBaht: baht.nullable(),
  responsibleDivision: z.string(),
  version: z.number().int().nullable(),
  /** This node is the child that takes its parent past the parent's fixed amount. */
  warnings: z.array(ceilingWarningSchema),
});

export const scoreSchema = z.object({
  level: z.number().int().nullable(),
  points: z.string().nullable(),
  weightedScore: z.string().nullable(),
  /** Why there is no level: the engine's words (a result in a gap names the bands around it). */
  problem: z
    .object({ code: z.enum(['result_not_scored', 'no_criteria']), message: z.string() })
    .nullable(),
});

export const periodSchema = z.object({
  periodKind: z.enum(PERIOD_KINDS),
  periodNo: z.number().int(),
});

export const indicatorSummarySchema = z.object({
  id: uuidSchema,
  /** The tree node it hangs on (a goal, a measure or a mission task). */
  nodeId: uuidSchema,
  level: z.enum(INDICATOR_LEVELS),
  code: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  unitOfMeasure: z.string(),
  direction: indicatorDirectionSchema,
  source: z.enum(['entered', 'computed']),
  computedSource: z.enum(COMPUTED_SOURCES).nullable(),
  weight: decimalText.nullable(),
  target: z.object({ kind: z.enum(TARGET_KINDS), value: decimalText }).nullable(),
  latest: periodSchema.extend({ value: z.string() }).nullable(),
  score: scoreSchema,
  status: indicatorStatusSchema,
  /** Why the status: target_met, on_pace, behind_pace, year_over, no_target … (docs/plans.md). */
  statusBasis: z.string(),
  version: z.number().int(),
});

export const workPlanStepSchema = z.object({
  stepNo: z.number().int(),
  nameTh: z.string(),
  weight: decimalText.nullable(),
  plannedCumulative: decimalText.nullable(),
  plannedMonths: z.array(z.number().int().min(1).max(12)),
});
export const workPlanSchema = z.object({
  projectId: uuidSchema,
  version: z.number().int(),
  steps: z.array(workPlanStepSchema),
  /** Planned cumulative progress at the end of each fiscal month (12 values). */
  plannedByMonth: z.array(decimalText),
  progress: z.array(
    z.object({
      fiscalMonth: z.number().int(),
      actualCumulative: decimalText,
      comment: z.string(),
      version: z.number().int(),
    }),
  ),
  /** The core's findings (weights not adding to 100, a cumulative column given per step …). */
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
});

export const statusCountsSchema = z.object({
  on_track: z.number().int(),
  at_risk: z.number().int(),
  missed: z.number().int(),
  no_result: z.number().int(),
});

export const planTreeSchema = z.object({
  plan: actionPlanSchema,
  asOf: z.iso.date(),
  totalBaht: baht,
  statusCounts: statusCountsSchema,
  statements: z.array(
    z.object({
      id: uuidSchema,
      kind: z.enum(STATEMENT_KINDS),
      position: z.number().int(),
      textTh: z.string(),
    }),
  ),
  nodes: z.array(treeNodeSchema),
  indicators: z.array(indicatorSummarySchema),
  workPlans: z.array(workPlanSchema),
});
export type PlanTree = z.input<typeof planTreeSchema>;

// --- projects -------------------------------------------------------------------------------

export const projectBody = z.object({
  kind: z.enum(PROJECT_KINDS),
  parentId: uuidSchema.nullable().optional(),
  measureId: uuidSchema.nullable().optional(),
  code: nameText(50, 0).optional(),
  nameTh: nameText(1000),
  nameEn: nameText(1000, 0).optional(),
  responsibleUnitId: uuidSchema.nullable().optional(),
  responsibleDivision: nameText(300, 0).optional(),
  budget: bahtInput.optional(),
  ceiling: bahtInput.nullable().optional(),
});
export const projectPatchBody = projectBody.partial().extend({ version: versionField });
export const projectSchema = z.object({
  id: uuidSchema,
  actionPlanId: uuidSchema,
  parentId: uuidSchema.nullable(),
  measureId: uuidSchema.nullable(),
  kind: z.enum(PROJECT_KINDS),
  code: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  responsibleUnitId: uuidSchema.nullable(),
  responsibleDivision: z.string(),
  budgetBaht: baht,
  ceilingBaht: baht.nullable(),
  version: z.number().int(),
  /** Ceilings this project's plan now passes (where it happens). */
  warnings: z.array(ceilingWarningSchema.extend({ childId: uuidSchema })),
});

// --- indicators -----------------------------------------------------------------------------

export const criteriaWarningSchema = z.object({
  code: z.string(),
  message: z.string(),
  from: z.string().optional(),
  fromInclusive: z.boolean().optional(),
  to: z.string().optional(),
  toInclusive: z.boolean().optional(),
  bands: z.array(z.number().int()).optional(),
  levels: z.array(z.number().int()).optional(),
  steps: z.array(z.number().int()).optional(),
});
export const criteriaCheckBody = z.object({ criteria: z.record(z.string(), z.unknown()) });
export const criteriaCheckSchema = z.object({ warnings: z.array(criteriaWarningSchema) });

export const indicatorBody = z.object({
  level: z.enum(INDICATOR_LEVELS),
  strategyNodeId: uuidSchema.nullable().optional(),
  missionTaskId: uuidSchema.nullable().optional(),
  code: nameText(50, 0).optional(),
  nameTh: nameText(1000),
  nameEn: nameText(1000, 0).optional(),
  unitOfMeasure: nameText(100, 0).optional(),
  direction: indicatorDirectionSchema.optional(),
  definition: longText().optional(),
  calculationMethod: longText().optional(),
  evidenceRequired: longText().optional(),
  criteria: z.record(z.string(), z.unknown()).nullable().optional(),
  weight: decimalInput.nullable().optional(),
  responsibleUnitId: uuidSchema.nullable().optional(),
  source: z.enum(['entered', 'computed']).optional(),
  computedSource: z.enum(COMPUTED_SOURCES).nullable().optional(),
});
export const indicatorPatchBody = indicatorBody.partial().extend({ version: versionField });

export const targetSchema = z.object({
  fiscalYear: z.number().int(),
  kind: z.enum(TARGET_KINDS),
  value: decimalText,
  note: z.string(),
  version: z.number().int(),
});
export const evidenceSchema = z.object({
  id: uuidSchema,
  resultId: uuidSchema,
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: isoDateTime,
});
export const resultSchema = periodSchema.extend({
  /** null for a computed indicator's results (they are not stored). */
  id: uuidSchema.nullable(),
  fiscalYear: z.number().int(),
  value: z.string(),
  comment: z.string(),
  computed: z.boolean(),
  score: scoreSchema,
  evidence: z.array(evidenceSchema),
  version: z.number().int().nullable(),
});

export const indicatorSchema = z.object({
  id: uuidSchema,
  actionPlanId: uuidSchema,
  unitId: uuidSchema,
  level: z.enum(INDICATOR_LEVELS),
  strategyNodeId: uuidSchema.nullable(),
  missionTaskId: uuidSchema.nullable(),
  code: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  unitOfMeasure: z.string(),
  direction: indicatorDirectionSchema,
  definition: z.string(),
  calculationMethod: z.string(),
  evidenceRequired: z.string(),
  criteria: z.record(z.string(), z.unknown()).nullable(),
  criteriaWarnings: z.array(criteriaWarningSchema),
  weight: decimalText.nullable(),
  responsibleUnitId: uuidSchema.nullable(),
  source: z.enum(['entered', 'computed']),
  computedSource: z.enum(COMPUTED_SOURCES).nullable(),
  version: z.number().int(),
  targets: z.array(targetSchema),
});
export const indicatorDetailSchema = indicatorSchema.extend({
  results: z.array(resultSchema),
});

export const targetBody = z.object({
  kind: z.enum(TARGET_KINDS),
  value: decimalInput,
  note: nameText(1000, 0).optional(),
  version: versionField.optional().describe('the version you read; omit to create'),
});
export const targetParams = z.object({ id: uuidSchema, fiscalYear: z.string().regex(/^\d{4}$/) });

export const resultBody = z.object({
  fiscalYear: fiscalYearInput,
  periodKind: z.enum(PERIOD_KINDS),
  periodNo: z.number().int().min(0).max(12),
  value: nameText(200),
  comment: longText(5000).optional(),
  version: versionField.optional().describe('the version you read; omit to create'),
});
export const resultsQuery = z.object({ fiscalYear: fiscalYearQuery.optional() });

// --- work plans -----------------------------------------------------------------------------

export const stepsBody = z.object({
  version: versionField.describe("the activity's version"),
  steps: z
    .array(
      z.object({
        nameTh: nameText(1000),
        weight: decimalInput.nullable().optional(),
        plannedCumulative: decimalInput.nullable().optional(),
        plannedMonths: z.array(z.number().int().min(1).max(12)).max(12).optional(),
      }),
    )
    .max(100),
});
export const progressParams = z.object({
  id: uuidSchema,
  month: z.string().regex(/^(1[0-2]|[1-9])$/),
});
export const progressBody = z.object({
  actualCumulative: decimalInput,
  comment: longText(5000).optional(),
  version: versionField.optional().describe('the version you read; omit to create'),
});

// --- scores ---------------------------------------------------------------------------------

export const scoresQuery = z.object({ unitId: uuidSchema, fiscalYear: fiscalYearQuery });
export const scoreRowSchema = z.object({
  indicatorId: uuidSchema,
  code: z.string(),
  nameTh: z.string(),
  target: z.object({ kind: z.enum(TARGET_KINDS), value: decimalText }).nullable(),
  latest: periodSchema.extend({ value: z.string() }).nullable(),
  weight: decimalText.nullable(),
  score: scoreSchema,
  status: indicatorStatusSchema,
});
export const scoresSchema = z.object({
  fiscalYear: z.number().int(),
  unitId: uuidSchema,
  items: z.array(scoreRowSchema),
  /** Sum of the weighted scores given (3 decimals), or null when none has a weight and a level. */
  totalWeightedScore: z.string().nullable(),
});
