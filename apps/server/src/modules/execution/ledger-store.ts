import { AppError, satangToDecimalString } from '@pbis/core';
import { withScope } from '../../db/scoped.js';
import { eventLoopTurns, yieldToEventLoop } from '../../batches.js';
import * as periodsRepo from '../periods/repository.js';
import type { WriteContext } from '../../write.js';
import type { IssueList, KindContext, RowStore, WriteOutcome } from '../imports/pipeline.js';
import { quoted } from '../imports/cells.js';
import { applyTotals, type EntryRow } from './import-entries.js';
import { isUnitMiss, LineLookup, UnitLookup } from './lookup.js';
import * as repo from './repository.js';

/*
 * The rows of an obligations or disbursements file (a million of them) kept as columns while the
 * file streams in: line number, line (an index into the lines resolved), fiscal year and month,
 * date (yyyymmdd), amount in satang (a BigInt64Array), document number and the vendor or
 * obligation number as strings. A row's unit and line are resolved as it arrives, through a map of
 * the identities already seen (a file names few lines, a million times), and its document number
 * checked against the file's earlier ones. What needs the database — documents already posted,
 * obligations paid against, balances — is checked after the last row in set-based queries of
 * DOCUMENTS_PER_QUERY rows; the rows are written in JSON statements of ROWS_PER_STATEMENT rows
 * and the totals moved once per line and per month.
 */

const DOCUMENTS_PER_QUERY = 50_000;
const ROWS_PER_STATEMENT = 20_000;
/** Distinct identities resolved that are remembered; past this the map starts again. */
const RESOLVED_LIMIT = 50_000;

/** A growable column of int32 or int64. */
class Column<A extends Int32Array | BigInt64Array> {
  length = 0;
  constructor(
    public data: A,
    private readonly make: (n: number) => A,
  ) {}
  push(v: A[number]) {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data as never);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
}
const ints = () => new Column(new Int32Array(1024), (n) => new Int32Array(n));
const bigints = () => new Column(new BigInt64Array(1024), (n) => new BigInt64Array(n));

export interface LedgerRowLike extends EntryRow {
  vendor: string;
  obligationNo: string;
  /** obligations: a multi-year obligation's later fiscal years, as stored. */
  laterYears?: { fiscalYear: number; amountSatang: string }[] | null;
}

interface YearData {
  lines: LineLookup;
  closed: Set<number>;
  /** document number → the row that has it first. */
  seen: Map<string, number>;
}

const dateInt = (iso: string) =>
  iso
    ? Number(iso.slice(0, 4)) * 10000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10))
    : 0;
const isoOfInt = (d: number) => {
  const y = Math.floor(d / 10000);
  const m = Math.floor(d / 100) % 100;
  const day = d % 100;
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${day < 10 ? '0' : ''}${day}`;
};

export class LedgerStore implements RowStore<LedgerRowLike> {
  private readonly lineNo = ints();
  private readonly lineIdx = ints();
  private readonly year = ints();
  private readonly month = ints();
  private readonly date = ints();
  private readonly amount = bigints();
  private readonly docs: string[] = [];
  /** vendor (obligations) or obligation number (disbursements). */
  private readonly texts: string[] = [];
  /** Multi-year schedules of the few obligations that have one, by row index, as JSON. */
  private readonly laterYears = new Map<number, string>();
  private repeat = new Uint8Array(0);
  /** Disbursements: the obligation each row pays (index into obligationIds), or -1. */
  private obligationIdx = new Int32Array(0);
  private readonly obligationIds: string[] = [];
  private readonly lineRows: repo.LineRow[] = [];
  private readonly lineIndex = new Map<string, number>();
  private units: UnitLookup | undefined;
  private readonly years = new Map<number, YearData>();
  /** line query → year and unit → index into lineRows, or the reason the row names no line. */
  private readonly resolved = new Map<object, Map<string, number | string>>();
  private sum = 0n;

  constructor(
    private readonly kind: 'obligation' | 'disbursement',
    private readonly ctx: KindContext,
  ) {}

  get size() {
    return this.lineNo.length;
  }

  total() {
    return this.sum;
  }

  private async load(fiscalYear: number) {
    const { database, actor } = this.ctx;
    await withScope(database, actor, async (db) => {
      this.units ??= await UnitLookup.load(db, actor.organizationId);
      const locks = await periodsRepo.locksOf(db, actor.organizationId, fiscalYear);
      this.years.set(fiscalYear, {
        lines: await LineLookup.load(db, actor.organizationId, [fiscalYear]),
        closed: new Set(locks.filter((l) => l.locked).map((l) => l.month)),
        seen: new Map(),
      });
    });
  }

  add(line: number, row: LedgerRowLike, issues: IssueList): void | Promise<void> {
    if (!this.years.has(row.fiscalYear))
      return this.load(row.fiscalYear).then(() => this.add(line, row, issues));
    const y = this.years.get(row.fiscalYear)!;
    const at = this.size;
    const earlier = y.seen.get(row.documentNo);
    if (earlier !== undefined)
      issues.push({
        line,
        reason: `document_no ${row.documentNo} already appears on line ${this.lineNo.data[earlier]}`,
      });
    else y.seen.set(row.documentNo, at);
    if (y.closed.has(0) || y.closed.has(row.fiscalMonth))
      issues.push({
        line,
        reason: `${row.date} is in a closed period of fiscal year ${row.fiscalYear}; post the correction in the open month`,
      });
    // Rows of the same identity cells share their parsed LineQuery (import-entries' cache).
    let ofQuery = this.resolved.get(row.line);
    if (!ofQuery) {
      if (this.resolved.size >= RESOLVED_LIMIT) this.resolved.clear();
      this.resolved.set(row.line, (ofQuery = new Map()));
    }
    const who = `${row.fiscalYear}\u0000${row.unitCode}\u0000${row.unitName}`;
    let found = ofQuery.get(who);
    if (found === undefined) ofQuery.set(who, (found = this.resolve(row, y)));
    if (typeof found === 'string') issues.push({ line, reason: found });
    this.lineNo.push(line);
    this.lineIdx.push(typeof found === 'number' ? found : -1);
    this.year.push(row.fiscalYear);
    this.month.push(row.fiscalMonth);
    this.date.push(dateInt(row.date));
    this.amount.push(row.amountSatang);
    this.docs.push(row.documentNo);
    this.texts.push(this.kind === 'obligation' ? row.vendor : row.obligationNo);
    if (this.kind === 'obligation' && row.laterYears?.length)
      this.laterYears.set(at, JSON.stringify(row.laterYears));
    this.sum += row.amountSatang;
  }

  private resolve(row: EntryRow, y: YearData): number | string {
    const unit = this.units!.resolve(row.unitCode, row.unitName);
    if (isUnitMiss(unit)) return unit.reason;
    const found = y.lines.resolve(unit.id, row.fiscalYear, row.line);
    if (typeof found === 'string') return found;
    let idx = this.lineIndex.get(found.id);
    if (idx === undefined) {
      idx = this.lineRows.length;
      this.lineRows.push(found);
      this.lineIndex.set(found.id, idx);
    }
    return idx;
  }

  async check(issues: IssueList): Promise<void> {
    this.repeat = new Uint8Array(this.size);
    this.obligationIdx = new Int32Array(this.size).fill(-1);
    // The file's document map is not needed any more.
    for (const y of this.years.values()) y.seen.clear();
    await this.markRepeats(issues);
    if (this.kind === 'disbursement') await this.resolveObligations(issues);
    await this.checkBalances(issues);
  }

  /** The rows of a year whose line was resolved, in slices of DOCUMENTS_PER_QUERY. */
  private *slices(year: number, where: (i: number) => boolean) {
    let slice: number[] = [];
    for (let i = 0; i < this.size; i++) {
      if (this.year.data[i] !== year || !where(i)) continue;
      slice.push(i);
      if (slice.length === DOCUMENTS_PER_QUERY) {
        yield slice;
        slice = [];
      }
    }
    if (slice.length) yield slice;
  }

  /**
   * Rows whose document is already posted: the same line, date and amount is a repeat (skipped,
   * the import stays idempotent); anything else is an error (a correction is a reversal entry).
   */
  private async markRepeats(issues: IssueList) {
    const { database, actor } = this.ctx;
    const org = actor.organizationId;
    for (const year of this.years.keys()) {
      for (const slice of this.slices(year, (i) => this.lineIdx.data[i]! >= 0)) {
        const docs = slice.map((i) => this.docs[i]!);
        const posted = await withScope(database, actor, async (db) =>
          this.kind === 'disbursement'
            ? repo.postedDisbursements(db, org, year, docs)
            : repo.commitmentsByDocument(db, org, year, 'obligation', docs),
        );
        if (posted.length === 0) continue;
        const byDoc = new Map(posted.map((p) => [p.documentNo, p]));
        const repeats = new Set<string>();
        const wrong: number[] = [];
        for (const i of slice) {
          const p = byDoc.get(this.docs[i]!);
          if (!p) continue;
          if (
            p.lineId === this.lineRows[this.lineIdx.data[i]!]!.id &&
            p.amountSatang === this.amount.data[i] &&
            p.date === isoOfInt(this.date.data[i]!)
          )
            repeats.add(this.docs[i]!);
          else wrong.push(i);
        }
        for (const i of wrong) {
          const p = byDoc.get(this.docs[i]!)!;
          issues.push({
            line: this.lineNo.data[i]!,
            reason: `document_no ${this.docs[i]} is already posted (${satangToDecimalString(p.amountSatang)} on ${p.date}); post a reversal with a new document number to correct it`,
          });
        }
        for (const i of slice) if (repeats.has(this.docs[i]!)) this.repeat[i] = 1;
      }
    }
  }

  /** obligation_no → the obligation (same line), and its open amount not exceeded by the file. */
  private async resolveObligations(issues: IssueList) {
    const { database, actor } = this.ctx;
    for (const year of this.years.keys()) {
      const wanted = [...this.slices(year, (i) => this.texts[i] !== '')].flat();
      if (wanted.length === 0) continue;
      const numbers = [...new Set(wanted.map((i) => this.texts[i]!))];
      const found = await withScope(database, actor, (db) =>
        repo.commitmentsByDocument(db, actor.organizationId, year, 'obligation', numbers),
      );
      const byDoc = new Map(found.map((c) => [c.documentNo, c]));
      const idxOf = new Map<string, number>();
      const used = new Map<string, bigint>();
      for (const i of wanted) {
        const no = this.texts[i]!;
        const line = this.lineNo.data[i]!;
        const o = byDoc.get(no);
        if (!o) {
          issues.push({
            line,
            reason: `no obligation ${quoted(no)} in fiscal year ${year} (import the obligations first)`,
          });
          continue;
        }
        const li = this.lineIdx.data[i]!;
        if (li >= 0 && o.lineId !== this.lineRows[li]!.id) {
          issues.push({ line, reason: `obligation ${no} is on another budget line` });
          continue;
        }
        let oi = idxOf.get(o.id);
        if (oi === undefined) {
          oi = this.obligationIds.length;
          this.obligationIds.push(o.id);
          idxOf.set(o.id, oi);
        }
        this.obligationIdx[i] = oi;
        if (this.repeat[i]) continue;
        const amount = this.amount.data[i]!;
        const total = (used.get(o.id) ?? 0n) + amount;
        used.set(o.id, total);
        const open = o.amountSatang - o.settledSatang;
        if (amount > 0n && total > open)
          issues.push({
            line,
            reason: `over the open amount of obligation ${no}: ${satangToDecimalString(total)} paid in this file up to here, ${satangToDecimalString(open)} open`,
          });
      }
    }
  }

  /** Flags rows that take a line past its available balance (in file order). */
  private async checkBalances(issues: IssueList) {
    const used = new Array<bigint>(this.lineRows.length).fill(0n);
    const available = this.lineRows.map((l) => repo.availableOf(l));
    const turns = eventLoopTurns();
    for (let i = 0; i < this.size; i++) {
      if (turns.due()) await turns.yield();
      const li = this.lineIdx.data[i]!;
      if (this.repeat[i] || li < 0 || this.obligationIdx[i]! >= 0) continue;
      const amount = this.amount.data[i]!;
      const total = used[li]! + amount;
      used[li] = total;
      if (amount > 0n && total > available[li]!)
        issues.push({
          line: this.lineNo.data[i]!,
          reason: `over the available balance of the line: ${satangToDecimalString(total)} asked in this file up to here, ${satangToDecimalString(available[li]!)} available`,
        });
    }
  }

  /** Holds the periods written into (FOR SHARE) and refuses a period closed meanwhile. */
  private async holdPeriods(w: WriteContext) {
    const months = new Set<number>();
    for (let i = 0; i < this.size; i++) months.add(this.year.data[i]! * 100 + this.month.data[i]!);
    for (const m of months) {
      const year = Math.floor(m / 100);
      const month = m % 100;
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

  /** One entry as JSON for `repo.insertEntryJson` (the columns it names). */
  private entryJson(i: number): string {
    const l = this.lineRows[this.lineIdx.data[i]!]!;
    const oi = this.obligationIdx[i]!;
    const extra =
      this.kind === 'obligation'
        ? `,"vendor":${JSON.stringify(this.texts[i])},"later_years":${this.laterYears.get(i) ?? 'null'}`
        : `,"obligation_id":${oi >= 0 ? `"${this.obligationIds[oi]}"` : 'null'}`;
    return `{"unit_id":"${l.unitId}","line_id":"${l.id}","fiscal_year":${this.year.data[i]},"fiscal_month":${this.month.data[i]},"document_no":${JSON.stringify(this.docs[i])},"date":"${isoOfInt(this.date.data[i]!)}","amount_satang":${this.amount.data[i]}${extra}}`;
  }

  async write(w: WriteContext, ctx: KindContext): Promise<WriteOutcome> {
    await this.holdPeriods(w);
    const org = w.actor.organizationId;
    const lineDeltas = new Map<number, repo.LineDelta>();
    const monthDeltas = new Map<number, repo.MonthDelta>();
    const settle = new Map<number, bigint>();
    let fresh = 0;
    let parts: string[] = [];
    const flush = async () => {
      if (parts.length === 0) return;
      const json = `[${parts.join(',')}]`;
      parts = [];
      await repo.insertEntryJson(w.tx, this.kind, json, {
        organizationId: org,
        importBatchId: ctx.batchId ?? null,
        createdBy: w.actor.userId,
      });
      await yieldToEventLoop();
    };
    for (let i = 0; i < this.size; i++) {
      if (this.repeat[i]) continue;
      fresh++;
      const li = this.lineIdx.data[i]!;
      const l = this.lineRows[li]!;
      const amount = this.amount.data[i]!;
      const oi = this.obligationIdx[i]!;
      const ld = lineDeltas.get(li) ?? {
        lineId: l.id,
        obligated: 0n,
        disbursed: 0n,
        disbursedDirect: 0n,
      };
      const mk = li * 16 + this.month.data[i]!;
      const md = monthDeltas.get(mk) ?? {
        lineId: l.id,
        fiscalMonth: this.month.data[i]!,
        organizationId: org,
        unitId: l.unitId,
        fiscalYear: this.year.data[i]!,
        obligated: 0n,
        disbursed: 0n,
      };
      if (this.kind === 'obligation') {
        ld.obligated! += amount;
        md.obligated! += amount;
      } else {
        ld.disbursed! += amount;
        md.disbursed! += amount;
        if (oi < 0) ld.disbursedDirect! += amount;
        else settle.set(oi, (settle.get(oi) ?? 0n) + amount);
      }
      lineDeltas.set(li, ld);
      monthDeltas.set(mk, md);
      parts.push(this.entryJson(i));
      if (parts.length === ROWS_PER_STATEMENT) await flush();
    }
    await flush();
    if (settle.size) {
      const over = await repo.settleCommitments(
        w.tx,
        [...settle].map(([oi, amountSatang]) => ({ id: this.obligationIds[oi]!, amountSatang })),
      );
      if (over.length)
        throw new AppError(
          'business_rule',
          `payments over the open amount of ${over.length} obligation(s)`,
          { reason: 'insufficient_balance', obligationIds: over },
        );
    }
    await applyTotals(
      w,
      new Map([...lineDeltas.values()].map((d) => [d.lineId, d])),
      new Map([...monthDeltas.values()].map((d) => [`${d.lineId}:${d.fiscalMonth}`, d])),
    );
    return { created: fresh, updated: 0, unchanged: this.size - fresh };
  }
}
