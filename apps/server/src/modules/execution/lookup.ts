import {
  indexLines,
  nameKey,
  NameIndex,
  normalizeThai,
  resolveLine,
  stripFormatCharacters,
  type LineQuery,
  type LineRef,
} from '@pbis/core';
import type { Executor } from '../../db/client.js';
import * as orgRepo from '../org/repository.js';
import { quoted } from '../imports/cells.js';
import * as repo from './repository.js';

/*
 * How execution files name units and lines (SPEC §3): a unit by code or exact Thai name (after
 * NFC and whitespace folding); a line by line_code, or by the columns that identify it. Both are
 * indexed once per file, so a million rows cost a million map lookups, not a scan each.
 */

export type UnitRow = orgRepo.UnitRow;

/** Why a row names no unit; `missing` when no unit has its code or name (one could be created). */
export interface UnitMiss {
  reason: string;
  missing: boolean;
}
const miss = (reason: string, missing = false): UnitMiss => ({ reason, missing });
export const isUnitMiss = (u: UnitRow | UnitMiss): u is UnitMiss => 'reason' in u;

/** The units the actor may see (row-level security), by code and by name key. */
export class UnitLookup {
  private readonly byCode: Map<string, UnitRow>;
  private readonly byKey: Map<string, UnitRow>;
  private names: NameIndex<UnitRow> | undefined;

  constructor(readonly units: readonly UnitRow[]) {
    this.byCode = new Map(units.map((u) => [u.code, u]));
    this.byKey = new Map(units.map((u) => [u.nameKey, u]));
  }

  static async load(db: Executor, organizationId: string): Promise<UnitLookup> {
    return new UnitLookup(await orgRepo.allUnitsRaw(db, organizationId));
  }

  private ids: Map<string, UnitRow> | undefined;
  byId(id: string): UnitRow | undefined {
    this.ids ??= new Map(this.units.map((u) => [u.id, u]));
    return this.ids.get(id);
  }

  /** A unit named the way the CLI takes it: its code, or its exact Thai name. */
  resolveText(text: string): UnitRow | UnitMiss {
    return this.byCode.get(text.trim()) ?? this.resolve('', text);
  }

  /** The unit a row names, or why it names none (`missing`: no unit has that code or name). */
  resolve(code: string, name: string): UnitRow | UnitMiss {
    const c = code.trim();
    const n = normalizeThai(stripFormatCharacters(name));
    const byName = n ? this.byKey.get(nameKey(n)) : undefined;
    if (c) {
      const byCode = this.byCode.get(c) ?? (n ? undefined : this.byKey.get(nameKey(c)));
      if (!byCode)
        return byName
          ? miss(`unit_code ${quoted(c)} is not the code of ${quoted(n)} (${byName.code})`, false)
          : miss(`no receiving unit has code ${quoted(c)} (or it is outside your scope)`, true);
      if (byName && byName.id !== byCode.id)
        return miss(`unit_code ${c} is ${quoted(byCode.nameTh)}, but unit_name is ${quoted(n)}`);
      return byCode;
    }
    if (!n) return miss('unit_code and unit_name are both empty');
    if (byName) return byName;
    this.names ??= new NameIndex(this.units, (u) => u.nameKey);
    const near = this.names.nearMisses(n)[0];
    return near
      ? miss(
          `no receiving unit is named ${quoted(n)}; did you mean ${near.item.code} "${near.item.nameTh}"?`,
          true,
        )
      : miss(`no receiving unit is named ${quoted(n)} (or it is outside your scope)`, true);
  }
}

export const lineRefOf = (l: repo.LineRow): LineRef => ({
  id: l.id,
  lineCode: l.lineCode,
  projectCode: l.projectCode || null,
  projectKey: nameKey(l.project),
  expenseCategory: l.expenseCategory as LineRef['expenseCategory'],
  fundSource: l.fundSource as LineRef['fundSource'],
  expenseItemKey: nameKey(l.expenseItem),
});

/** The lines of a set of units and fiscal years, indexed per unit and year. */
export class LineLookup {
  private readonly indexes = new Map<string, ReturnType<typeof indexLines>>();
  readonly byId: Map<string, repo.LineRow>;

  constructor(lines: readonly repo.LineRow[]) {
    this.byId = new Map(lines.map((l) => [l.id, l]));
    const groups = new Map<string, LineRef[]>();
    for (const l of lines) {
      const k = `${l.unitId}:${l.fiscalYear}`;
      let g = groups.get(k);
      if (!g) groups.set(k, (g = []));
      g.push(lineRefOf(l));
    }
    for (const [k, g] of groups) this.indexes.set(k, indexLines(g));
  }

  static async load(db: Executor, organizationId: string, fiscalYears: readonly number[]) {
    return new LineLookup(await repo.linesOfYears(db, organizationId, fiscalYears));
  }

  /** The line of a unit and year a row names, or why it names none or several. */
  resolve(unitId: string, fiscalYear: number, query: LineQuery): repo.LineRow | string {
    const index = this.indexes.get(`${unitId}:${fiscalYear}`);
    if (!index) return `the unit has no budget lines in fiscal year ${fiscalYear}`;
    const found = resolveLine(index, query);
    return 'error' in found ? found.error : this.byId.get(found.line.id)!;
  }
}
