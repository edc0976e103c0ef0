import { AppError, staleVersion, compareThai, nameKey, normalizeThai } from '@pbis/core';
import { z } from 'zod';
import type { Database } from '../../db/client.js';
import { nameText } from '../../http/schemas.js';
import { UNIT_KINDS } from '../../db/schema.js';
import { runWrite } from '../../write.js';
import type { Actor } from '../auth/actor.js';
import * as repo from './repository.js';
import { assertUnitInScope, unitScopeOf, unitScopeWhere } from './scope.js';

export const unitKindSchema = z.enum(UNIT_KINDS);
export const UNIT_SORTS = ['nameTh', 'nameEn', 'code', 'kind', 'analysisDivisionNo'] as const;
export type UnitSort = (typeof UNIT_SORTS)[number];

export type UnitDto = Awaited<ReturnType<typeof repo.listUnits>>[number];

export interface UnitListQuery {
  q?: string | undefined;
  kind?: string | undefined;
  analysisDivisionNo?: number | undefined;
  includeInactive?: boolean | undefined;
  sort?: UnitSort | undefined;
  order?: 'asc' | 'desc' | undefined;
}

/** Thai dictionary order for Thai names, code order for codes; ties broken by code. */
export function sortUnits(
  units: UnitDto[],
  sort: UnitSort = 'nameTh',
  order: 'asc' | 'desc' = 'asc',
): UnitDto[] {
  const cmp = (a: UnitDto, b: UnitDto): number => {
    let c: number;
    switch (sort) {
      case 'nameTh':
        c = compareThai(a.nameTh, b.nameTh);
        break;
      case 'nameEn':
        c = a.nameEn.localeCompare(b.nameEn, 'en');
        break;
      case 'kind':
        c = a.kind.localeCompare(b.kind) || compareThai(a.nameTh, b.nameTh);
        break;
      case 'analysisDivisionNo':
        c =
          (a.analysisDivisionNo ?? 99) - (b.analysisDivisionNo ?? 99) ||
          compareThai(a.nameTh, b.nameTh);
        break;
      default:
        c = 0;
    }
    return c || a.code.localeCompare(b.code, 'en', { numeric: true });
  };
  const sorted = [...units].sort(cmp);
  return order === 'desc' ? sorted.reverse() : sorted;
}

export async function listUnits(database: Database, actor: Actor, q: UnitListQuery) {
  const rows = await repo.listUnits(database.db, {
    organizationId: actor.organizationId,
    scope: unitScopeWhere(unitScopeOf(actor)),
    q: q.q ? normalizeThai(q.q) : undefined,
    kind: q.kind,
    analysisDivisionNo: q.analysisDivisionNo,
    includeInactive: q.includeInactive,
  });
  return sortUnits(rows, q.sort, q.order);
}

export async function getUnit(database: Database, actor: Actor, id: string) {
  const unit = await repo.getUnit(database.db, actor.organizationId, id);
  assertUnitInScope(actor, unit ?? undefined);
  return unit;
}

const unitFields = {
  code: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash or underscore'),
  nameTh: nameText(200),
  nameEn: nameText(200, 0),
  kind: unitKindSchema,
  analysisDivisionNo: z.number().int().min(1).max(99).nullable(),
  active: z.boolean(),
};
export const unitInputSchema = z.object({
  ...unitFields,
  nameEn: unitFields.nameEn.default(''),
  analysisDivisionNo: unitFields.analysisDivisionNo.default(null),
  active: unitFields.active.default(true),
});
/** A patch has no defaults: what is absent stays as it is. */
export const unitPatchSchema = z.object(unitFields).partial();
export type UnitInput = z.infer<typeof unitInputSchema>;

async function divisionIdFor(
  database: Database,
  organizationId: string,
  no: number | null | undefined,
) {
  if (no === null || no === undefined) return null;
  const d = await repo.divisionByAnalysisNo(database.db, organizationId, no);
  if (!d) throw new AppError('validation', `there is no analysis division ${no}`);
  return d.id;
}

export async function createUnit(database: Database, actor: Actor, input: UnitInput) {
  const analysisDivisionId = await divisionIdFor(
    database,
    actor.organizationId,
    input.analysisDivisionNo,
  );
  const nameTh = normalizeThai(input.nameTh);
  return runWrite(database, actor, async ({ tx, audit }) => {
    const existing = await repo.findUnitByCodeOrName(
      tx,
      actor.organizationId,
      input.code,
      nameKey(nameTh),
    );
    if (existing)
      throw new AppError(
        'conflict',
        existing.code === input.code
          ? `unit code ${input.code} already exists`
          : `a unit named ${existing.nameTh} already exists (code ${existing.code})`,
      );
    const row = await repo.insertUnit(tx, {
      organizationId: actor.organizationId,
      code: input.code,
      nameTh,
      nameKey: nameKey(nameTh),
      nameEn: input.nameEn,
      kind: input.kind,
      analysisDivisionId,
      active: input.active,
    });
    audit({ action: 'create', entity: 'receiving_unit', entityId: row.id, after: row });
    return (await repo.getUnit(tx, actor.organizationId, row.id))!;
  });
}

export async function updateUnit(
  database: Database,
  actor: Actor,
  id: string,
  version: number,
  patch: Partial<UnitInput>,
) {
  const analysisDivisionId =
    patch.analysisDivisionNo === undefined
      ? undefined
      : await divisionIdFor(database, actor.organizationId, patch.analysisDivisionNo);
  return runWrite(database, actor, async ({ tx, audit, now }) => {
    const all = await repo.allUnitsRaw(tx, actor.organizationId);
    const before = all.find((u) => u.id === id);
    if (!before) throw new AppError('not_found', 'no such receiving unit');
    const nameTh = patch.nameTh === undefined ? undefined : normalizeThai(patch.nameTh);
    if (patch.code && all.some((u) => u.id !== id && u.code === patch.code))
      throw new AppError('conflict', `unit code ${patch.code} already exists`);
    if (nameTh && all.some((u) => u.id !== id && u.nameKey === nameKey(nameTh)))
      throw new AppError('conflict', `a unit named ${nameTh} already exists`);
    const values = {
      ...(patch.code !== undefined && { code: patch.code }),
      ...(nameTh !== undefined && { nameTh, nameKey: nameKey(nameTh) }),
      ...(patch.nameEn !== undefined && { nameEn: patch.nameEn }),
      ...(patch.kind !== undefined && { kind: patch.kind }),
      ...(analysisDivisionId !== undefined && { analysisDivisionId }),
      ...(patch.active !== undefined && { active: patch.active }),
    };
    const after = await repo.updateUnit(tx, id, version, values, now);
    if (!after) throw staleVersion('receiving unit', version, before.version);
    audit({ action: 'update', entity: 'receiving_unit', entityId: id, before, after });
    return (await repo.getUnit(tx, actor.organizationId, id))!;
  });
}

/** The organisation as the Budget Office sees it: its divisions and, under each analysis division, its units. */
export async function organizationOverview(database: Database, actor: Actor) {
  const org = await repo.getOrganization(database.db, actor.organizationId);
  if (!org) throw new AppError('not_found', 'no organisation');
  const divisions = await repo.listDivisions(database.db, actor.organizationId);
  const units = await listUnits(database, actor, {});
  return {
    organization: { id: org.id, code: org.code, nameTh: org.nameTh, nameEn: org.nameEn },
    divisions: divisions.map((d) => ({
      id: d.id,
      code: d.code,
      nameTh: d.nameTh,
      nameEn: d.nameEn,
      kind: d.kind,
      analysisNo: d.analysisNo,
      units: d.analysisNo === null ? [] : units.filter((u) => u.analysisDivisionId === d.id),
    })),
    unassignedUnits: units.filter((u) => !u.analysisDivisionId),
  };
}
