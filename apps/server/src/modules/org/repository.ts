import { and, asc, eq, ilike, inArray, or, sql, type Column, type SQL } from 'drizzle-orm';
import { insertJsonRows } from '../../db/bulk-insert.js';
import { queryRows, type Executor } from '../../db/client.js';
import { division, organization, receivingUnit } from '../../db/schema.js';
import type { UnitScope } from './scope.js';

export type UnitRow = typeof receivingUnit.$inferSelect;
export type DivisionRow = typeof division.$inferSelect;

export const unitColumns = {
  id: receivingUnit.id,
  code: receivingUnit.code,
  nameTh: receivingUnit.nameTh,
  nameEn: receivingUnit.nameEn,
  kind: receivingUnit.kind,
  analysisDivisionId: receivingUnit.analysisDivisionId,
  analysisDivisionNo: division.analysisNo,
  active: receivingUnit.active,
  version: receivingUnit.version,
};

export interface UnitQuery {
  organizationId: string;
  scope?: SQL | undefined;
  q?: string | undefined;
  kind?: string | undefined;
  analysisDivisionNo?: number | undefined;
  includeInactive?: boolean | undefined;
}

export async function listUnits(db: Executor, f: UnitQuery) {
  const conds: (SQL | undefined)[] = [eq(receivingUnit.organizationId, f.organizationId), f.scope];
  if (!f.includeInactive) conds.push(eq(receivingUnit.active, true));
  if (f.kind) conds.push(eq(receivingUnit.kind, f.kind as UnitRow['kind']));
  if (f.analysisDivisionNo !== undefined) conds.push(eq(division.analysisNo, f.analysisDivisionNo));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(
      or(
        ilike(receivingUnit.nameTh, like),
        ilike(receivingUnit.nameEn, like),
        ilike(receivingUnit.code, like),
        ilike(receivingUnit.nameKey, like),
      ),
    );
  }
  return db
    .select(unitColumns)
    .from(receivingUnit)
    .leftJoin(division, eq(division.id, receivingUnit.analysisDivisionId))
    .where(and(...conds))
    .orderBy(asc(receivingUnit.code));
}

export async function getUnit(db: Executor, organizationId: string, id: string) {
  const rows = await db
    .select(unitColumns)
    .from(receivingUnit)
    .leftJoin(division, eq(division.id, receivingUnit.analysisDivisionId))
    .where(and(eq(receivingUnit.organizationId, organizationId), eq(receivingUnit.id, id)));
  return rows[0];
}

export async function allUnitsRaw(db: Executor, organizationId: string) {
  return db.select().from(receivingUnit).where(eq(receivingUnit.organizationId, organizationId));
}

/** A unit by code (exact) or Thai name (normalised key): how the CLI and imports name units. */
export async function findUnitByCodeOrName(
  db: Executor,
  organizationId: string,
  code: string,
  key: string,
) {
  const rows = await db
    .select()
    .from(receivingUnit)
    .where(
      and(
        eq(receivingUnit.organizationId, organizationId),
        or(eq(receivingUnit.code, code), eq(receivingUnit.nameKey, key)),
      ),
    );
  return rows.find((r) => r.code === code) ?? rows[0];
}

export async function insertUnit(db: Executor, values: typeof receivingUnit.$inferInsert) {
  const rows = await db.insert(receivingUnit).values(values).returning();
  return rows[0]!;
}

/** Many units in one statement (one JSON parameter; the caller slices a large list: see batches.ts). */
export async function insertUnits(db: Executor, values: (typeof receivingUnit.$inferInsert)[]) {
  return insertJsonRows(db, receivingUnit, values, { returning: true });
}

/** Optimistic update: returns undefined when the version did not match. */
export async function updateUnit(
  db: Executor,
  id: string,
  expectedVersion: number,
  values: Partial<typeof receivingUnit.$inferInsert>,
  now: Date,
) {
  const rows = await db
    .update(receivingUnit)
    .set({ ...values, version: sql`${receivingUnit.version} + 1`, updatedAt: now })
    .where(and(eq(receivingUnit.id, id), eq(receivingUnit.version, expectedVersion)))
    .returning();
  return rows[0];
}

export interface UnitChange {
  id: string;
  expectedVersion: number;
  /** Every editable column, as it is to be stored. */
  values: Pick<UnitRow, 'nameTh' | 'nameKey' | 'nameEn' | 'kind' | 'analysisDivisionId' | 'active'>;
}

/**
 * Many optimistic updates in one statement (the caller keeps the list to about 1,000). Returns
 * the rows as updated; a unit whose version no longer matched is missing from the answer.
 */
export async function updateUnits(db: Executor, changes: UnitChange[], now: Date) {
  if (changes.length === 0) return [];
  const json = JSON.stringify(
    changes.map((c) => ({
      id: c.id,
      version: c.expectedVersion,
      name_th: c.values.nameTh,
      name_key: c.values.nameKey,
      name_en: c.values.nameEn,
      kind: c.values.kind,
      analysis_division_id: c.values.analysisDivisionId,
      active: c.values.active,
    })),
  );
  const updated = await queryRows<{ id: string }>(
    db,
    sql`
    update receiving_unit u set
      name_th = v.name_th, name_key = v.name_key, name_en = v.name_en, kind = v.kind,
      analysis_division_id = v.analysis_division_id, active = v.active,
      version = u.version + 1, updated_at = ${now.toISOString()}::timestamptz
    from json_to_recordset(${json}::json) as v(id uuid, version integer, name_th text,
      name_key text, name_en text, kind text, analysis_division_id uuid, active boolean)
    where u.id = v.id and u.version = v.version
    returning u.id`,
  );
  const ids = updated.map((r) => r.id);
  if (ids.length === 0) return [];
  return db.select().from(receivingUnit).where(inArray(receivingUnit.id, ids));
}

export async function listDivisions(db: Executor, organizationId: string) {
  return db
    .select()
    .from(division)
    .where(eq(division.organizationId, organizationId))
    .orderBy(asc(division.sortOrder), asc(division.code));
}

export async function divisionByAnalysisNo(db: Executor, organizationId: string, no: number) {
  const rows = await db
    .select()
    .from(division)
    .where(and(eq(division.organizationId, organizationId), eq(division.analysisNo, no)));
  return rows[0];
}

export async function getOrganization(db: Executor, id: string) {
  const rows = await db.select().from(organization).where(eq(organization.id, id));
  return rows[0];
}

export async function firstOrganization(db: Executor) {
  const rows = await db.select().from(organization).orderBy(asc(organization.createdAt)).limit(1);
  return rows[0];
}

/**
 * The ids among `ids` of units the caller may write to, held FOR SHARE until commit (a unit
 * cannot move to another division under a write). Row-level security decides which are seen.
 */
export async function unitsForWrite(db: Executor, organizationId: string, ids: string[]) {
  const rows = await db
    .select({ id: receivingUnit.id })
    .from(receivingUnit)
    .where(and(eq(receivingUnit.organizationId, organizationId), inArray(receivingUnit.id, ids)))
    .for('share');
  return rows.map((r) => r.id);
}

/** A unit scope (scope.ts) as a condition on receiving_unit rows. */
export function unitScopeWhere(scope: UnitScope): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'division':
      return eq(receivingUnit.analysisDivisionId, scope.analysisDivisionId);
    case 'unit':
      return eq(receivingUnit.id, scope.unitId);
  }
}

/** A unit scope as a condition on any table's unit_id column (plans, requests … later). */
export function unitIdInScope(column: Column, scope: UnitScope): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'unit':
      return eq(column, scope.unitId);
    case 'division':
      return inArray(
        column,
        sql`(select ${receivingUnit.id} from ${receivingUnit} where ${receivingUnit.analysisDivisionId} = ${scope.analysisDivisionId})`,
      );
  }
}
