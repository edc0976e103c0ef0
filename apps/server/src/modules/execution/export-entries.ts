import type { Database } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import type { Actor } from '../auth/actor.js';
import { UnitLookup, type UnitRow } from './lookup.js';
import * as repo from './repository.js';
import * as reads from './repositories/reports.js';
import type { ExportedEntry } from './repositories/reports.js';

/** The entries of a kind (and year) in the actor's scope, each with its line and unit. */
export async function exportEntries(
  database: Database,
  actor: Actor,
  kind: 'obligations' | 'disbursements',
  fiscalYear: number | undefined,
  toRow: (e: ExportedEntry, l: repo.LineRow, u: UnitRow) => Record<string, string>,
): Promise<Record<string, string>[]> {
  const org = actor.organizationId;
  const { units, lines, entries } = await withScope(database, actor, async (db) => {
    const years = fiscalYear ? [fiscalYear] : [...(await reads.fiscalYearsOf(db, org))];
    return {
      units: await UnitLookup.load(db, org),
      lines: await repo.linesOfYears(db, org, years),
      entries:
        kind === 'obligations'
          ? await reads.obligationsForExport(db, org)
          : await reads.disbursementsForExport(db, org),
    };
  });
  const lineById = new Map(lines.map((l) => [l.id, l]));
  const out: Record<string, string>[] = [];
  for (const e of entries) {
    if (fiscalYear && e.fiscalYear !== fiscalYear) continue;
    const l = lineById.get(e.lineId);
    const u = l && units.byId(l.unitId);
    if (l && u) out.push(toRow(e, l, u));
  }
  return out;
}
