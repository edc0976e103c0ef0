import { findNearMisses, nameKey, normalizeThai, fromThaiDigits } from '@pbis/core';
import type { Database } from '../../../db/client.js';
import { UNIT_KINDS } from '../../../db/schema.js';
import type { Actor } from '../../auth/actor.js';
import * as orgRepo from '../../org/repository.js';
import { sortUnits } from '../../org/service.js';
import type { ImportIssue, ImportKind, ParsedRow } from '../pipeline.js';

type UnitKind = (typeof UNIT_KINDS)[number];

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
  if (!/^\d{1,2}$/.test(t)) return `analysis_division "${text}" is not a division number (1–6)`;
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
        `code "${code}" may hold only letters, digits, dot, dash and underscore (at most 20)`,
      );
    const nameTh = normalizeThai(c.name_th ?? '');
    if (!nameTh) reasons.push('name_th is empty');
    else if (nameTh.length > 200) reasons.push('name_th is longer than 200 characters');
    const kindText = normalizeThai(c.kind ?? '')
      .toLowerCase()
      .replace(/\s+/g, '_');
    const kind = kindText ? KIND_LABELS[kindText] : undefined;
    if (kindText && !kind) reasons.push(`kind "${c.kind}" is not one of ${UNIT_KINDS.join(', ')}`);
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
    if (active === null) reasons.push(`active "${c.active}" is not true or false`);
    if (reasons.length) return reasons;
    return {
      code,
      nameTh,
      nameEn: c.name_en === undefined ? undefined : normalizeThai(c.name_en),
      kind,
      analysisDivisionNo: division as number | null | undefined,
      active: active as boolean | undefined,
    };
  },

  async check(rows, { database, actor }) {
    const issues: ImportIssue[] = [];
    const existing = await orgRepo.allUnitsRaw(database.db, actor.organizationId);
    const divisions = await orgRepo.listDivisions(database.db, actor.organizationId);
    const byCode = new Map(existing.map((u) => [u.code, u]));
    const byKey = new Map(existing.map((u) => [u.nameKey, u]));
    const seenCode = new Map<string, number>();
    const seenKey = new Map<string, number>();
    for (const { line, row } of rows) {
      const key = nameKey(row.nameTh);
      if (row.code && seenCode.has(row.code))
        issues.push({
          line,
          reason: `code ${row.code} already appears on line ${seenCode.get(row.code)}`,
        });
      if (seenKey.has(key))
        issues.push({
          line,
          reason: `"${row.nameTh}" already appears on line ${seenKey.get(key)}`,
        });
      if (row.code) seenCode.set(row.code, line);
      seenKey.set(key, line);
      if (
        row.analysisDivisionNo &&
        !divisions.some((d) => d.analysisNo === row.analysisDivisionNo)
      ) {
        issues.push({ line, reason: `there is no analysis division ${row.analysisDivisionNo}` });
      }
      const sameName = byKey.get(key);
      const sameCode = row.code ? byCode.get(row.code) : undefined;
      if (sameName && row.code && sameName.code !== row.code) {
        issues.push({
          line,
          reason: `"${row.nameTh}" already exists with code ${sameName.code}; a unit cannot have two codes`,
        });
      } else if (!sameName && !sameCode) {
        const near = findNearMisses(row.nameTh, existing, (u) => u.nameKey)[0];
        if (near)
          issues.push({
            line,
            reason: `"${row.nameTh}" is nearly the name of existing unit ${near.item.code} "${near.item.nameTh}": correct the spelling, or give its code ${near.item.code}`,
          });
        else if (!row.code)
          issues.push({ line, reason: `"${row.nameTh}" is a new unit and needs a code` });
      }
    }
    return issues;
  },

  async write(rows: ParsedRow<UnitImportRow>[], { tx, actor, audit, now }) {
    const existing = await orgRepo.allUnitsRaw(tx, actor.organizationId);
    const divisions = await orgRepo.listDivisions(tx, actor.organizationId);
    const divisionId = (no: number | null | undefined) =>
      no ? divisions.find((d) => d.analysisNo === no)!.id : null;
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (const { row } of rows) {
      const key = nameKey(row.nameTh);
      const before = existing.find((u) => (row.code ? u.code === row.code : u.nameKey === key));
      if (!before) {
        const after = await orgRepo.insertUnit(tx, {
          organizationId: actor.organizationId,
          code: row.code,
          nameTh: row.nameTh,
          nameKey: key,
          nameEn: row.nameEn ?? '',
          kind: row.kind ?? kindFromName(row.nameTh),
          analysisDivisionId: divisionId(row.analysisDivisionNo),
          active: row.active ?? true,
        });
        audit({ action: 'create', entity: 'receiving_unit', entityId: after.id, after });
        created += 1;
        continue;
      }
      const values = {
        nameTh: row.nameTh,
        nameKey: key,
        ...(row.nameEn !== undefined && { nameEn: row.nameEn }),
        ...(row.kind !== undefined && { kind: row.kind }),
        ...(row.analysisDivisionNo !== undefined && {
          analysisDivisionId: divisionId(row.analysisDivisionNo),
        }),
        ...(row.active !== undefined && { active: row.active }),
      };
      const changed = Object.entries(values).some(
        ([k, v]) => before[k as keyof typeof before] !== v,
      );
      if (!changed) {
        unchanged += 1;
        continue;
      }
      const after = await orgRepo.updateUnit(tx, before.id, before.version, values, now);
      audit({ action: 'update', entity: 'receiving_unit', entityId: before.id, before, after });
      updated += 1;
    }
    return { created, updated, unchanged };
  },

  async exportRows(database: Database, actor: Actor) {
    const units = await orgRepo.listUnits(database.db, {
      organizationId: actor.organizationId,
      includeInactive: true,
    });
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
