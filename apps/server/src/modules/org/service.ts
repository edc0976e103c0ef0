import {
  AppError,
  staleVersion,
  compareThai,
  forgivingMatch,
  nameKey,
  normalizeThai,
} from '@pbis/core';
import { fieldDetails, type UnitSort } from '@pbis/contract';
import type { unitInputSchema } from '@pbis/contract';
import type { z } from 'zod';
import type { Database, Executor } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import { runWrite } from '../../write.js';
import type { Actor } from '../auth/actor.js';
import * as repo from './repository.js';
import { assertUnitInScope, unitScopeOf } from './scope.js';

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
  return withScope(database, actor, (tx) => listUnitsIn(tx, actor, q));
}

async function listUnitsIn(tx: Executor, actor: Actor, q: UnitListQuery) {
  const rows = await repo.listUnits(tx, {
    organizationId: actor.organizationId,
    scope: repo.unitScopeWhere(unitScopeOf(actor)),
    kind: q.kind,
    analysisDivisionNo: q.analysisDivisionNo,
    includeInactive: q.includeInactive,
  });
  return sortUnits(q.q ? searchUnits(rows, q.q) : rows, q.sort, q.order);
}

/**
 * The units a search finds, forgiving what people type (@pbis/core forgiving-search: missing
 * tone marks, กทม/สนง. and other abbreviations, near misses such as พยาไท for พญาไท). Near misses
 * only when nothing matches better, so a search that finds its units is not padded with others.
 */
export function searchUnits<T extends { nameTh: string; nameEn: string; code: string }>(
  units: T[],
  query: string,
): T[] {
  const hits = forgivingMatch(query, units, (u) => [u.nameTh, u.nameEn, u.code]);
  const close = hits.filter((h) => h.tier !== 'near');
  return (close.length > 0 ? close : hits).map((h) => h.item);
}

export async function getUnit(database: Database, actor: Actor, id: string) {
  const unit = await withScope(database, actor, (tx) => repo.getUnit(tx, actor.organizationId, id));
  assertUnitInScope(actor, unit ?? undefined);
  return unit;
}

export type UnitInput = z.output<typeof unitInputSchema>;

async function divisionIdFor(tx: Executor, organizationId: string, no: number | null | undefined) {
  if (no === null || no === undefined) return null;
  const d = await repo.divisionByAnalysisNo(tx, organizationId, no);
  if (!d)
    throw new AppError(
      'validation',
      `there is no analysis division ${no}`,
      fieldDetails('analysisDivisionNo', 'no_such_division', { no }),
    );
  return d.id;
}

const unitCodeTaken = (code: string) =>
  new AppError(
    'conflict',
    `unit code ${code} already exists`,
    fieldDetails('code', 'unit_code_taken', { code }),
  );

/** Names are unique by their key (spacing and tone-mark variants are the same name). */
const unitNameTaken = (name: string, code: string) =>
  new AppError(
    'conflict',
    `a unit named ${name} already exists (code ${code})`,
    fieldDetails('nameTh', 'unit_name_taken', { name, code }),
  );

export async function createUnit(database: Database, actor: Actor, input: UnitInput) {
  const nameTh = normalizeThai(input.nameTh);
  return runWrite(database, actor, async ({ tx, audit }) => {
    const analysisDivisionId = await divisionIdFor(
      tx,
      actor.organizationId,
      input.analysisDivisionNo,
    );
    const existing = await repo.findUnitByCodeOrName(
      tx,
      actor.organizationId,
      input.code,
      nameKey(nameTh),
    );
    if (existing)
      throw existing.code === input.code
        ? unitCodeTaken(input.code)
        : unitNameTaken(existing.nameTh, existing.code);
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
  return runWrite(database, actor, { units: [id] }, async ({ tx, audit, now }) => {
    const analysisDivisionId =
      patch.analysisDivisionNo === undefined
        ? undefined
        : await divisionIdFor(tx, actor.organizationId, patch.analysisDivisionNo);
    const all = await repo.allUnitsRaw(tx, actor.organizationId);
    const before = all.find((u) => u.id === id);
    if (!before)
      throw new AppError('not_found', 'no such receiving unit', { reason: 'unit_not_found' });
    const nameTh = patch.nameTh === undefined ? undefined : normalizeThai(patch.nameTh);
    if (patch.code && all.some((u) => u.id !== id && u.code === patch.code))
      throw unitCodeTaken(patch.code);
    const sameName = nameTh && all.find((u) => u.id !== id && u.nameKey === nameKey(nameTh));
    if (sameName) throw unitNameTaken(sameName.nameTh, sameName.code);
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
  const { org, divisions, units } = await withScope(database, actor, async (tx) => ({
    org: await repo.getOrganization(tx, actor.organizationId),
    divisions: await repo.listDivisions(tx, actor.organizationId),
    units: await listUnitsIn(tx, actor, {}),
  }));
  if (!org) throw new AppError('not_found', 'no organisation');
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
