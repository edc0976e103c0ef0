import {
  fromThaiDigits,
  NameIndex,
  nameKey,
  normalizeThai,
  staleVersion,
  stripFormatCharacters,
} from '@pbis/core';
import { UNIT_KINDS, type UnitKind } from '@pbis/contract';
import type { Database } from '../../../db/client.js';
import { withScope } from '../../../db/scoped.js';
import type { Actor } from '../../auth/actor.js';
import * as orgRepo from '../../org/repository.js';
import { sortUnits } from '../../org/service.js';
import { forEachInTurns, writeInBatches } from '../../../batches.js';
import { quoted } from '../cells.js';
import type { ImportIssue, ImportKind, ParsedRow } from '../pipeline.js';

type UnitValues = Parameters<typeof orgRepo.insertUnit>[1];
/** Columns a unit's INSERT binds (ids, version and timestamps included): sizes its statements. */
const UNIT_INSERT_COLUMNS = 12;

export interface UnitImportRow {
  code: string;
  nameTh: string;
  nameEn: string | undefined;
  kind: UnitKind | undefined;
  analysisDivisionNo: number | null | undefined;
  active: boolean | undefined;
}

const KIND_LABELS: Record<string, UnitKind> = {
  department: 'department',
  district_office: 'district_office',
  enterprise: 'enterprise',
  university: 'university',
  สำนัก: 'department',
  ส่วนราชการ: 'department',
  หน่วยงาน: 'department',
  สำนักงานเขต: 'district_office',
  เขต: 'district_office',
  รัฐวิสาหกิจ: 'enterprise',
  การพาณิชย์: 'enterprise',
  มหาวิทยาลัย: 'university',
};

/** The kind a unit's Thai name implies, when the file leaves it blank. */
export function kindFromName(nameTh: string): UnitKind {
  if (nameTh.startsWith('สำนักงานเขต')) return 'district_office';
  if (nameTh.startsWith('มหาวิทยาลัย')) return 'university';
  if (nameTh.startsWith('การพาณิชย์') || nameTh.startsWith('องค์การ')) return 'enterprise';
  return 'department';
}

function parseDivisionNo(text: string): number | null | string {
  const t = fromThaiDigits(normalizeThai(text))
    .replace(/^กองวิเคราะห์งบประมาณ\s*/, '')
    .replace(/^(analysis division|กวง\.?)\s*/i, '');
  if (t === '' || t === '-') return null;
  if (!/^\d{1,2}$/.test(t))
    return `analysis_division ${quoted(text)} is not a division number (1–6)`;
  return Number(t);
}

const yes = new Set(['true', '1', 'yes', 'y', 'ใช้งาน', 'ใช่']);
const no = new Set(['false', '0', 'no', 'n', 'ยกเลิก', 'ไม่ใช้งาน', 'ไม่ใช่']);

export const unitsImport: ImportKind<UnitImportRow> = {
  kind: 'units',
  columns: ['code', 'name_th', 'name_en', 'kind', 'analysis_division', 'active'],
  required: ['name_th'],
  aliases: {
    unit_code: 'code',
    รหัส: 'code',
    รหัสหน่วยงาน: 'code',
    unit_name: 'name_th',
    name: 'name_th',
    ชื่อหน่วยงาน: 'name_th',
    หน่วยงาน: 'name_th',
    หน่วยรับงบประมาณ: 'name_th',
    english_name: 'name_en',
    ชื่อภาษาอังกฤษ: 'name_en',
    unit_kind: 'kind',
    ประเภท: 'kind',
    ประเภทหน่วยงาน: 'kind',
    analysis_division_no: 'analysis_division',
    กองวิเคราะห์งบประมาณ: 'analysis_division',
    สถานะ: 'active',
  },
  parseRow(c) {
    const reasons: string[] = [];
    const code = (c.code ?? '').trim();
    if (code && !/^[A-Za-z0-9._-]{1,20}$/.test(code))
      reasons.push(
        `code ${quoted(code)} may hold only letters, digits, dot, dash and underscore (at most 20)`,
      );
    // Zero-width and bidirectional format characters make look-alike names: they are removed.
    const nameTh = normalizeThai(stripFormatCharacters(c.name_th ?? ''));
    if (!nameTh)
      reasons.push(
        (c.name_th ?? '').trim()
          ? 'name_th is empty once invisible characters are removed'
          : 'name_th is empty',
      );
    else if (nameTh.length > 200) reasons.push('name_th is longer than 200 characters');
    const kindText = normalizeThai(c.kind ?? '')
      .toLowerCase()
      .replace(/\s+/g, '_');
    const kind = kindText ? KIND_LABELS[kindText] : undefined;
    if (kindText && !kind)
      reasons.push(`kind ${quoted(c.kind ?? '')} is not one of ${UNIT_KINDS.join(', ')}`);
    const division =
      c.analysis_division === undefined ? undefined : parseDivisionNo(c.analysis_division);
    if (typeof division === 'string') reasons.push(division);
    const activeText = (c.active ?? '').trim().toLowerCase();
    const active =
      activeText === ''
        ? undefined
        : yes.has(activeText)
          ? true
          : no.has(activeText)
            ? false
            : null;
    if (active === null) reasons.push(`active ${quoted(c.active ?? '')} is not true or false`);
    if (reasons.length) return reasons;
    return {
      code,
      nameTh,
      nameEn: c.name_en === undefined ? undefined : normalizeThai(stripFormatCharacters(c.name_en)),
      kind,
      analysisDivisionNo: division as number | null | undefined,
      active: active as boolean | undefined,
    };
  },

  async check(rows, { database, actor }) {
    const issues: ImportIssue[] = [];
    // Read in the actor's scope (row-level security), then check in memory outside the transaction.
    const { existing, divisionList } = await withScope(database, actor, async (tx) => ({
      existing: await orgRepo.allUnitsRaw(tx, actor.organizationId),
      divisionList: await orgRepo.listDivisions(tx, actor.organizationId),
    }));
    const divisions = new Set(divisionList.map((d) => d.analysisNo));
    const byCode = new Map(existing.map((u) => [u.code, u]));
    const byKey = new Map(existing.map((u) => [u.nameKey, u]));
    const names = new NameIndex(existing, (u) => u.nameKey);
    const seenCode = new Map<string, number>();
    const seenKey = new Map<string, number>();
    await forEachInTurns(rows, ({ line, row }) => {
      const key = nameKey(row.nameTh);
      const name = quoted(row.nameTh, 200);
      if (row.code && seenCode.has(row.code))
        issues.push({
          line,
          reason: `code ${row.code} already appears on line ${seenCode.get(row.code)}`,
        });
      if (seenKey.has(key))
        issues.push({ line, reason: `${name} already appears on line ${seenKey.get(key)}` });
      if (row.code) seenCode.set(row.code, line);
      seenKey.set(key, line);
      if (row.analysisDivisionNo && !divisions.has(row.analysisDivisionNo))
        issues.push({ line, reason: `there is no analysis division ${row.analysisDivisionNo}` });
      const sameName = byKey.get(key);
      const sameCode = row.code ? byCode.get(row.code) : undefined;
      if (sameName && row.code && sameName.code !== row.code) {
        issues.push({
          line,
          reason: `${name} already exists with code ${sameName.code}; a unit cannot have two codes`,
        });
      } else if (!sameName && !sameCode) {
        const near = names.nearMisses(row.nameTh)[0];
        if (near)
          issues.push({
            line,
            reason: `${name} is nearly the name of existing unit ${near.item.code} "${near.item.nameTh}": correct the spelling, or give its code ${near.item.code}`,
          });
        else if (!row.code) issues.push({ line, reason: `${name} is a new unit and needs a code` });
      }
    });
    return issues;
  },

  async write(rows: ParsedRow<UnitImportRow>[], { tx, actor, audit, now }) {
    const existing = await orgRepo.allUnitsRaw(tx, actor.organizationId);
    const byCode = new Map(existing.map((u) => [u.code, u]));
    const byKey = new Map(existing.map((u) => [u.nameKey, u]));
    const divisionIds = new Map(
      (await orgRepo.listDivisions(tx, actor.organizationId)).map((d) => [d.analysisNo, d.id]),
    );
    const divisionId = (no: number | null | undefined) => (no ? divisionIds.get(no)! : null);
    const inserts: UnitValues[] = [];
    const updates: { before: orgRepo.UnitRow; change: orgRepo.UnitChange }[] = [];
    let unchanged = 0;
    await forEachInTurns(rows, ({ row }) => {
      const key = nameKey(row.nameTh);
      const before = row.code ? byCode.get(row.code) : byKey.get(key);
      if (!before) {
        inserts.push({
          organizationId: actor.organizationId,
          code: row.code,
          nameTh: row.nameTh,
          nameKey: key,
          nameEn: row.nameEn ?? '',
          kind: row.kind ?? kindFromName(row.nameTh),
          analysisDivisionId: divisionId(row.analysisDivisionNo),
          active: row.active ?? true,
        });
        return;
      }
      // A blank optional column leaves the stored value as it is.
      const values: orgRepo.UnitChange['values'] = {
        nameTh: row.nameTh,
        nameKey: key,
        nameEn: row.nameEn ?? before.nameEn,
        kind: row.kind ?? before.kind,
        analysisDivisionId:
          row.analysisDivisionNo === undefined
            ? before.analysisDivisionId
            : divisionId(row.analysisDivisionNo),
        active: row.active ?? before.active,
      };
      const changed = (Object.keys(values) as (keyof typeof values)[]).some(
        (k) => before[k] !== values[k],
      );
      if (changed)
        updates.push({
          before,
          change: { id: before.id, expectedVersion: before.version, values },
        });
      else unchanged += 1;
    });
    const created = await writeInBatches(inserts, UNIT_INSERT_COLUMNS, (slice) =>
      orgRepo.insertUnits(tx, slice),
    );
    for (const after of created)
      audit({ action: 'create', entity: 'receiving_unit', entityId: after.id, after });
    const updated = await writeInBatches(updates, UNIT_INSERT_COLUMNS, async (slice) => {
      const rows = await orgRepo.updateUnits(
        tx,
        slice.map((u) => u.change),
        now,
      );
      const done = new Map(rows.map((r) => [r.id, r]));
      const stale = slice.find((u) => !done.has(u.before.id));
      if (stale) throw staleVersion(`unit ${stale.before.code}`, stale.before.version);
      return slice.map((u) => ({ before: u.before, after: done.get(u.before.id)! }));
    });
    for (const { before, after } of updated)
      audit({ action: 'update', entity: 'receiving_unit', entityId: before.id, before, after });
    return { created: created.length, updated: updated.length, unchanged };
  },

  async exportRows(database: Database, actor: Actor) {
    const units = await withScope(database, actor, (tx) =>
      orgRepo.listUnits(tx, { organizationId: actor.organizationId, includeInactive: true }),
    );
    return sortUnits(units, 'code').map((u) => ({
      code: u.code,
      name_th: u.nameTh,
      name_en: u.nameEn,
      kind: u.kind,
      analysis_division: u.analysisDivisionNo === null ? '' : String(u.analysisDivisionNo),
      active: u.active ? 'true' : 'false',
    }));
  },
};
