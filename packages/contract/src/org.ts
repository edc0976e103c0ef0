import { z } from 'zod';
import {
  analysisDivisionNo,
  boolQuery,
  listOf,
  nameText,
  sortOrderSchema,
  versionField,
} from './common.js';
import {
  UNIT_KINDS,
  UNIT_SORTS,
  UNIT_CODE_PATTERN,
  UNIT_CODE_MAX_LENGTH,
  UNIT_NAME_MAX_LENGTH,
} from './constants.js';

export const unitKindSchema = z.enum(UNIT_KINDS);

export const unitSchema = z.object({
  id: z.string(),
  code: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  kind: unitKindSchema,
  analysisDivisionId: z.string().nullable(),
  analysisDivisionNo: z.number().nullable(),
  active: z.boolean(),
  version: z.number(),
});
export type Unit = z.input<typeof unitSchema>;

export const divisionSchema = z.object({
  id: z.string(),
  code: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  kind: z.string(),
  analysisNo: z.number().nullable(),
  units: z.array(unitSchema),
});
export type Division = z.input<typeof divisionSchema>;

/** GET /organization */
export const organizationOverviewSchema = z.object({
  organization: z.object({
    id: z.string(),
    code: z.string(),
    nameTh: z.string(),
    nameEn: z.string(),
  }),
  divisions: z.array(divisionSchema),
  unassignedUnits: z.array(unitSchema),
});
export type OrganizationOverview = z.input<typeof organizationOverviewSchema>;

/** GET /units */
export const unitListQuery = z.object({
  q: z.string().max(200).optional(),
  kind: unitKindSchema.optional(),
  analysisDivisionNo: z.coerce.number().int().min(1).max(99).optional(),
  includeInactive: boolQuery.optional(),
  sort: z.enum(UNIT_SORTS).default('nameTh'),
  order: sortOrderSchema.default('asc'),
});
export type UnitListQuery = z.input<typeof unitListQuery>;
export const unitListSchema = listOf(unitSchema);
export type UnitList = z.input<typeof unitListSchema>;

const unitFields = {
  code: z
    .string()
    .trim()
    .min(1)
    .max(UNIT_CODE_MAX_LENGTH)
    .regex(UNIT_CODE_PATTERN, 'letters, digits, dot, dash or underscore'),
  nameTh: nameText(UNIT_NAME_MAX_LENGTH),
  nameEn: nameText(UNIT_NAME_MAX_LENGTH, 0),
  kind: unitKindSchema,
  analysisDivisionNo: analysisDivisionNo.nullable(),
  active: z.boolean(),
};

/** POST /units */
export const unitInputSchema = z.object({
  ...unitFields,
  nameEn: unitFields.nameEn.default(''),
  analysisDivisionNo: unitFields.analysisDivisionNo.default(null),
  active: unitFields.active.default(true),
});
export type UnitInput = z.input<typeof unitInputSchema>;

/** A patch has no defaults: what is absent stays as it is. */
export const unitPatchSchema = z.object(unitFields).partial();
/** PATCH /units/:id */
export const unitPatchBody = unitPatchSchema.extend({ version: versionField });
export type UnitPatch = z.input<typeof unitPatchBody>;
