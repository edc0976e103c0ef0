import { satangToDecimalString, type LineQuery } from '@pbis/core';
import { withScope } from '../../db/scoped.js';
import type { Executor } from '../../db/client.js';
import { forEachInTurns, yieldToEventLoop } from '../../batches.js';
import * as periodsRepo from '../periods/repository.js';
import type { WriteContext } from '../../write.js';
import type { ImportIssue, KindContext, ParsedRow } from '../imports/pipeline.js';
import { isUnitMiss, LineLookup, UnitLookup } from './lookup.js';
import { yearsOf } from './lines.js';
import * as repo from './repository.js';
import {
  amountCell,
  dateCell,
  documentCell,
  fiscalYearCell,
  type EntryDate,
  lineQueryCells,
  textOf,
} from './row-cells.js';
import { AppError } from '@pbis/core';

/*
 * What obligations and disbursements share: the row's unit, line, document and date, resolved
 * against the lines in the actor's scope, checked against closed periods, and written as entries
 * with their lines' and months' totals moved in set-based statements.
 */

export interface EntryRow {
  fiscalYear: number;
  unitCode: string;
  unitName: string;
  line: LineQuery;
  documentNo: string;
  date: string;
  fiscalMonth: number;
  amountSatang: bigint;
  /** Set by check(). */
  unitId?: string;
  lineId?: string;
}

export const ENTRY_LINE_COLUMNS = [
  'fiscal_year',
  'unit_code',
  'unit_name',
  'line_code',
  'project_code',
  'project',
  'expense_category',
  'fund_source',
  'expense_item',
] as const;

type Cells = Readonly<Record<string, string>>;

interface Identity {
  unitCode: string;
  unitName: string;
  line: LineQuery;
  reasons: string[];
}

/** Distinct identities or dates a file's cache keeps; past this it starts again (never grows). */
const CACHE_LIMIT = 50_000;

/**
 * A file names few lines and dates many times over: the identity cells and the date of a row are
 * parsed once per distinct value of the file (an import's own cache, bounded).
 */
const caches = new WeakMap<
  KindContext,
  { identities: Map<string, Identity>; dates: Map<string, { date: EntryDate; reasons: string[] }> }
>();

function cacheOf(ctx: KindContext) {
  let c = caches.get(ctx);
  if (!c) caches.set(ctx, (c = { identities: new Map(), dates: new Map() }));
  return c;
}

function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= CACHE_LIMIT) map.clear();
  map.set(key, value);
  return value;
}

const IDENTITY_COLUMNS = [
  'unit_code',
  'unit_name',
  'line_code',
  'project_code',
  'project',
  'expense_category',
  'fund_source',
  'expense_item',
] as const;

/** The cells every entry row has, parsed (reasons pushed onto `reasons`). */
export function parseEntryCells(c: Cells, ctx: KindContext, reasons: string[]): EntryRow {
  const cache = cacheOf(ctx);
  const fiscalYear = fiscalYearCell(c.fiscal_year, ctx.options.fiscalYear, reasons);
  const dateKey = `${fiscalYear}\u0000${c.date ?? ''}`;
  const parsedDate =
    cache.dates.get(dateKey) ??
    remember(
      cache.dates,
      dateKey,
      ((r: string[]) => ({ date: dateCell(c.date, fiscalYear, r), reasons: r }))([]),
    );
  reasons.push(...parsedDate.reasons);
  const key = IDENTITY_COLUMNS.map((k) => c[k] ?? '').join('\u0000');
  let identity = cache.identities.get(key);
  if (!identity) {
    const r: string[] = [];
    identity = remember(cache.identities, key, {
      unitCode: textOf(c.unit_code),
      unitName: textOf(c.unit_name),
      line: lineQueryCells(c, r),
      reasons: r,
    });
  }
  reasons.push(...identity.reasons);
  const row: EntryRow = {
    fiscalYear,
    unitCode: identity.unitCode,
    unitName: identity.unitName,
    line: identity.line,
    documentNo: documentCell(c.document_no, reasons),
    date: parsedDate.date.iso,
    fiscalMonth: parsedDate.date.fiscalMonth,
    amountSatang: amountCell(c.amount, reasons, { allowNegative: true, positive: true }),
  };
  if (!row.unitCode && !row.unitName) reasons.push('unit_code and unit_name are both empty');
  return row;
}

export interface EntryLookups {
  units: UnitLookup;
  lines: LineLookup;
  /** fiscal year → its closed months (0 = the whole year). */
  closed: Map<number, Set<number>>;
}

async function closedMonths(db: Executor, organizationId: string, years: readonly number[]) {
  const closed = new Map<number, Set<number>>();
  for (const y of years) {
    const locks = await periodsRepo.locksOf(db, organizationId, y);
    closed.set(y, new Set(locks.filter((l) => l.locked).map((l) => l.month)));
  }
  return closed;
}

/** Resolves every row's unit and line and checks its period; one issue per problem. */
export async function resolveEntries(
  rows: ParsedRow<EntryRow>[],
  ctx: KindContext,
  issues: ImportIssue[],
): Promise<EntryLookups> {
  const { database, actor } = ctx;
  const years = yearsOf(rows);
  const lookups = await withScope(database, actor, async (db) => ({
    units: await UnitLookup.load(db, actor.organizationId),
    lines: await LineLookup.load(db, actor.organizationId, years),
    closed: await closedMonths(db, actor.organizationId, years),
  }));
  const seen = new Map<string, number>();
  await forEachInTurns(rows, ({ line, row }) => {
    const earlier = seen.get(`${row.fiscalYear}:${row.documentNo}`);
    if (earlier !== undefined)
      issues.push({
        line,
        reason: `document_no ${row.documentNo} already appears on line ${earlier}`,
      });
    else seen.set(`${row.fiscalYear}:${row.documentNo}`, line);
    const closed = lookups.closed.get(row.fiscalYear);
    if (closed?.has(0) || closed?.has(row.fiscalMonth))
      issues.push({
        line,
        reason: `${row.date} is in a closed period of fiscal year ${row.fiscalYear}; post the correction in the open month`,
      });
    const unit = lookups.units.resolve(row.unitCode, row.unitName);
    if (isUnitMiss(unit)) {
      issues.push({ line, reason: unit.reason });
      return;
    }
    row.unitId = unit.id;
    const found = lookups.lines.resolve(unit.id, row.fiscalYear, row.line);
    if (typeof found === 'string') issues.push({ line, reason: found });
    else row.lineId = found.id;
  });
  return lookups;
}

/**
 * Rows whose document is already posted: the same line, date and amount is a repeat (skipped,
 * the import stays idempotent); anything else is an error (a correction is a reversal entry).
 */
export function splitPosted(
  rows: ParsedRow<EntryRow>[],
  posted: readonly repo.PostedDocument[],
  issues: ImportIssue[],
): Set<string> {
  const byDoc = new Map(posted.map((p) => [p.documentNo, p]));
  const repeats = new Set<string>();
  for (const { line, row } of rows) {
    const p = byDoc.get(row.documentNo);
    if (!p) continue;
    if (p.lineId === row.lineId && p.amountSatang === row.amountSatang && p.date === row.date)
      repeats.add(row.documentNo);
    else
      issues.push({
        line,
        reason: `document_no ${row.documentNo} is already posted (${satangToDecimalString(p.amountSatang)} on ${p.date}); post a reversal with a new document number to correct it`,
      });
  }
  return repeats;
}

/** Holds the periods written into (FOR SHARE) and refuses a period closed meanwhile. */
export async function holdPeriods(w: WriteContext, rows: readonly ParsedRow<EntryRow>[]) {
  const months = new Set(rows.map((r) => `${r.row.fiscalYear}:${r.row.fiscalMonth}`));
  for (const m of months) {
    const [year, month] = m.split(':').map(Number) as [number, number];
    const state = await periodsRepo.periodForWrite(w.tx, w.actor.organizationId, year, month);
    if (!state.yearExists || state.yearLocked || state.monthLocked)
      throw new AppError(
        'locked',
        `fiscal month ${month} of ${year} was closed during the import`,
        {
          reason: 'period_locked',
          fiscalYear: year,
          month,
        },
      );
  }
}

/** Moves line and month totals for entries; refuses the whole write when a line would overspend. */
export async function applyTotals(
  w: WriteContext,
  lineDeltas: Map<string, repo.LineDelta>,
  monthDeltas: Map<string, repo.MonthDelta>,
  lines?: LineLookup,
) {
  const shortfalls = await repo.applyLineDeltas(w.tx, [...lineDeltas.values()], w.now);
  if (shortfalls.length) throw overspent(shortfalls, lines);
  await yieldToEventLoop();
  await repo.applyMonthDeltas(w.tx, [...monthDeltas.values()]);
}

export function overspent(shortfalls: repo.Shortfall[], lines?: LineLookup): AppError {
  const first = shortfalls[0]!;
  const l = lines?.byId.get(first.lineId);
  return new AppError(
    'business_rule',
    `the commitment is over the available balance of ${l ? `line "${l.project}" (${l.expenseCategory})` : 'a line'}: ${satangToDecimalString(first.requestedSatang)} asked, ${satangToDecimalString(first.availableSatang)} available${shortfalls.length > 1 ? ` (and ${shortfalls.length - 1} more lines)` : ''}`,
    {
      reason: 'insufficient_balance',
      lines: shortfalls.map((s) => ({
        lineId: s.lineId,
        requestedBaht: satangToDecimalString(s.requestedSatang),
        availableBaht: satangToDecimalString(s.availableSatang),
      })),
    },
  );
}

/** Adds `d` into the delta maps for the entry's line and month. */
export function addDelta(
  lineDeltas: Map<string, repo.LineDelta>,
  monthDeltas: Map<string, repo.MonthDelta>,
  row: EntryRow,
  organizationId: string,
  d: { obligated?: bigint; disbursed?: bigint; disbursedDirect?: bigint; reserved?: bigint },
) {
  const lineId = row.lineId!;
  const ld = lineDeltas.get(lineId) ?? { lineId };
  ld.obligated = (ld.obligated ?? 0n) + (d.obligated ?? 0n);
  ld.disbursed = (ld.disbursed ?? 0n) + (d.disbursed ?? 0n);
  ld.disbursedDirect = (ld.disbursedDirect ?? 0n) + (d.disbursedDirect ?? 0n);
  ld.reserved = (ld.reserved ?? 0n) + (d.reserved ?? 0n);
  lineDeltas.set(lineId, ld);
  const mk = `${lineId}:${row.fiscalMonth}`;
  const md = monthDeltas.get(mk) ?? {
    lineId,
    fiscalMonth: row.fiscalMonth,
    organizationId,
    unitId: row.unitId!,
    fiscalYear: row.fiscalYear,
  };
  md.obligated = (md.obligated ?? 0n) + (d.obligated ?? 0n);
  md.disbursed = (md.disbursed ?? 0n) + (d.disbursed ?? 0n);
  monthDeltas.set(mk, md);
}
