import {
  AppError,
  carryDeadlineOf,
  fiscalYearEnd,
  isoOf,
  laterYearPortion,
  lineIdentityKey,
  parseFiscalYear,
  splitAtYearEnd,
  uncommittedRemainderOf,
  type ExpenseCategory,
  type YearEndLine,
  type YearEndSplit,
} from '@pbis/core';
import type { Database, Executor } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import { runWrite, type WriteContext } from '../../write.js';
import type { Actor } from '../auth/actor.js';
import * as periodsRepo from '../periods/repository.js';
import { fiscalYearDates } from '../periods/service.js';
import { revisedOf } from './lines.js';
import { UnitLookup } from './lookup.js';
import * as repo from './repository.js';
import * as ye from './repositories/year-end.js';
import { b, carryMonthsOf, fundSourceOf, lineColumns } from './year-end-common.js';

/*
 * Closing a fiscal year (issue 15 "Year end"), in ONE transaction with its audit entries:
 * 1. open obligations become carry-over WITH obligation: they move, under the same document
 *    number, to the carried line of the next year, where their payments are posted;
 * 2. approved carry-overs WITHOUT obligation are taken;
 * 3. the rest lapses: the amount is recorded on each line (lapsed_satang, lapsed_on);
 * 4. carried amounts open in the next year as lines of fund source `carried_over`
 *    (carriedFromLineId, the deadline of the organisation's setting);
 * 5. later-year portions of multi-year obligations are obligated on the matching line of the
 *    next year when it exists (otherwise listed as not posted; see postLaterYears);
 * 6. the year and its twelve months are locked, and the closing is recorded.
 * An interrupted closing leaves nothing (the transaction); running it again completes it. A year
 * closed already answers 409 `year_already_closed`.
 */

/** Test hook: called in the middle of a closing (after the carried lines are written). */
export const yearEndFaults: { midClose?: () => void } = {};

const yearEndLine = (l: repo.LineRow): YearEndLine => ({
  revisedSatang: revisedOf(l),
  obligatedSatang: l.obligatedSatang,
  disbursedSatang: l.disbursedSatang,
  disbursedDirectSatang: l.disbursedDirectSatang,
});

interface LineFigures {
  line: repo.LineRow;
  unpaid: bigint;
  withObligation: bigint;
  withoutApproved: bigint;
  withoutRequested: bigint;
  lapse: bigint;
  remainder: bigint;
  exceeds: boolean;
}

/**
 * Each line's split. A line that lapsed before (a carried line past its deadline) carries
 * nothing more: its lapse is what was recorded. Approved over the remainder is flagged (and
 * counted up to the remainder only).
 */
function figuresOf(
  lines: readonly repo.LineRow[],
  carryOvers: readonly ye.CarryOverRow[],
  closed: boolean,
): LineFigures[] {
  const without = new Map<string, ye.CarryOverRow>();
  const withRows = new Map<string, ye.CarryOverRow>();
  for (const c of carryOvers)
    (c.kind === 'without_obligation' ? without : withRows).set(c.lineId, c);
  return lines.map((line) => {
    const y = yearEndLine(line);
    const w = without.get(line.id);
    const approved = w?.status === 'approved' ? w.amountSatang : 0n;
    const requested = w?.status === 'requested' ? w.amountSatang : 0n;
    const unpaid = y.revisedSatang - y.disbursedSatang;
    const remainder = uncommittedRemainderOf(y);
    if (closed || line.lapsedOn) {
      // What happened: as recorded at the closing (or at a carry deadline before it).
      const carriedWith = withRows.get(line.id);
      return {
        line,
        unpaid,
        withObligation: carriedWith?.nextLineId ? carriedWith.amountSatang : 0n,
        withoutApproved: w?.status === 'approved' && w.nextLineId ? w.amountSatang : 0n,
        withoutRequested: requested,
        lapse: line.lapsedSatang,
        remainder,
        exceeds: false,
      };
    }
    const split = splitAtYearEnd(y, approved);
    if ('exceeds' in split) {
      const capped = splitAtYearEnd(y, remainder) as YearEndSplit;
      return {
        line,
        unpaid,
        withObligation: capped.withObligationSatang,
        withoutApproved: approved,
        withoutRequested: requested,
        lapse: capped.lapseSatang,
        remainder,
        exceeds: true,
      };
    }
    return {
      line,
      unpaid,
      withObligation: split.withObligationSatang,
      withoutApproved: split.withoutObligationSatang,
      withoutRequested: requested,
      lapse: split.lapseSatang,
      remainder,
      exceeds: false,
    };
  });
}

/** The identity key of the line of `year` that matches `l` (same naming columns and fund). */
const matchingKey = (l: repo.LineRow, year: number) =>
  lineIdentityKey({
    fiscalYear: year,
    unitId: l.unitId,
    lineCode: l.lineCode,
    projectCode: l.projectCode,
    project: l.project,
    expenseCategory: l.expenseCategory as ExpenseCategory,
    fundSource: fundSourceOf(l),
    expenseItem: l.expenseItem,
  });

interface PortionPlan {
  obligation: ye.OpenObligation;
  from: repo.LineRow;
  amount: bigint;
  rest: { fiscalYear: number; amountSatang: string }[];
  to: repo.LineRow | undefined;
  posted: boolean;
}

/** The later-year portions of year `year`'s obligations that fall in `year + 1`. */
async function laterYearPlans(
  db: Executor,
  organizationId: string,
  year: number,
  obligations: readonly ye.OpenObligation[],
  lineById: ReadonlyMap<string, repo.LineRow>,
): Promise<PortionPlan[]> {
  const next = year + 1;
  const wanted = obligations.flatMap((o) => {
    const from = lineById.get(o.lineId);
    const portion = o.laterYears
      ? laterYearPortion(
          year,
          o.laterYears.map((l) => ({
            fiscalYear: l.fiscalYear,
            amountSatang: BigInt(l.amountSatang),
          })),
          next,
        )
      : null;
    return from && portion ? [{ o, from, portion }] : [];
  });
  if (wanted.length === 0) return [];
  const targets = await ye.linesByIdentity(
    db,
    organizationId,
    wanted.map((w) => matchingKey(w.from, next)),
  );
  const byKey = new Map(targets.map((t) => [t.identityKey, t]));
  const posted = new Set(
    (await ye.continuedObligations(db, organizationId, next))
      .filter((c) => c.origin === 'later_year')
      .map((c) => c.carriedFromId),
  );
  return wanted.map(({ o, from, portion }) => ({
    obligation: o,
    from,
    amount: portion.amountSatang,
    rest: portion.rest.map((r) => ({
      fiscalYear: r.fiscalYear,
      amountSatang: r.amountSatang.toString(),
    })),
    to: byKey.get(matchingKey(from, next)),
    posted: posted.has(o.id),
  }));
}

/**
 * Each line's open obligations made to add up to its totals (obligated − paid on obligations): a
 * reduction posted as a negative obligation of its own (not naming what it cancels) is taken off
 * the line's newest obligations first. A line whose obligations add up to less than its totals is
 * an inconsistent ledger, refused.
 */
function fitToLines(obligations: ye.OpenObligation[], figures: readonly LineFigures[]) {
  const byLine = new Map<string, ye.OpenObligation[]>();
  for (const o of obligations) {
    if (!byLine.has(o.lineId)) byLine.set(o.lineId, []);
    byLine.get(o.lineId)!.push(o);
  }
  for (const f of figures) {
    const own = (byLine.get(f.line.id) ?? [])
      .filter((o) => o.openSatang > 0n)
      .sort((x, y) => y.date.localeCompare(x.date) || y.documentNo.localeCompare(x.documentNo));
    let excess = own.reduce((s, o) => s + o.openSatang, 0n) - f.withObligation;
    if (excess < 0n)
      throw new AppError(
        'internal',
        `line ${f.line.id}: its obligations leave ${b(f.withObligation + excess)} open, its totals ${b(f.withObligation)}`,
      );
    for (const o of own) {
      if (excess === 0n) break;
      const cut = o.openSatang < excess ? o.openSatang : excess;
      o.openSatang -= cut;
      excess -= cut;
    }
  }
  return obligations;
}

/** GET /execution/year-end/preview: what closing does (or did), line by line and totalled. */
export async function yearEndPreview(
  database: Database,
  actor: Actor,
  q: { fiscalYear: number; unitId?: string | undefined },
) {
  const org = actor.organizationId;
  const data = await withScope(database, actor, async (db) => {
    const lines = await repo.linesOfYears(
      db,
      org,
      [q.fiscalYear],
      q.unitId ? [q.unitId] : undefined,
    );
    const obligations = await ye.obligationsAtYearEnd(db, org, q.fiscalYear);
    return {
      units: await UnitLookup.load(db, org),
      lines,
      carryOvers: (await ye.carryOversOfYear(db, org, q.fiscalYear, q.unitId)).map((r) => r.c),
      close: await ye.closeOf(db, org, q.fiscalYear),
      months: await carryMonthsOf(db, org),
      plans: await laterYearPlans(
        db,
        org,
        q.fiscalYear,
        obligations,
        new Map(lines.map((l) => [l.id, l])),
      ),
    };
  });
  const figures = figuresOf(data.lines, data.carryOvers, Boolean(data.close));
  const sum = (f: (x: LineFigures) => bigint) => figures.reduce((s, x) => s + f(x), 0n);
  const totals = {
    revisedBaht: b(sum((x) => revisedOf(x.line))),
    disbursedBaht: b(sum((x) => x.line.disbursedSatang)),
    unpaidBaht: b(sum((x) => x.unpaid)),
    withObligationBaht: b(sum((x) => x.withObligation)),
    withoutObligationApprovedBaht: b(sum((x) => x.withoutApproved)),
    withoutObligationRequestedBaht: b(sum((x) => x.withoutRequested)),
    lapseBaht: b(sum((x) => x.lapse)),
  };
  return {
    fiscalYear: q.fiscalYear,
    nextFiscalYear: q.fiscalYear + 1,
    closed: Boolean(data.close),
    closedAt: data.close?.closedAt ?? null,
    carryDeadline: data.close?.carryDeadline ?? carryDeadlineOf(q.fiscalYear, data.months),
    pendingRequests: data.carryOvers.filter((c) => c.status === 'requested').length,
    totals,
    lines: figures
      .map((x) => ({
        lineId: x.line.id,
        ...lineColumns(x.line, data.units),
        programme: x.line.programme,
        fundSource: fundSourceOf(x.line),
        expenseItem: x.line.expenseItem,
        revisedBaht: b(revisedOf(x.line)),
        disbursedBaht: b(x.line.disbursedSatang),
        unpaidBaht: b(x.unpaid),
        withObligationBaht: b(x.withObligation),
        withoutObligationApprovedBaht: b(x.withoutApproved),
        withoutObligationRequestedBaht: b(x.withoutRequested),
        lapseBaht: b(x.lapse),
        remainderBaht: b(x.remainder),
        exceedsRemainder: x.exceeds,
      }))
      .sort(
        (x, y) =>
          x.unitCode.localeCompare(y.unitCode) ||
          x.project.localeCompare(y.project, 'th') ||
          x.expenseCategory.localeCompare(y.expenseCategory),
      ),
    laterYears: data.plans
      .filter((p) => !q.unitId || p.from.unitId === q.unitId)
      .map((p) => ({
        obligationNo: p.obligation.documentNo,
        fromLineId: p.from.id,
        unitCode: data.units.byId(p.from.unitId)!.code,
        project: p.from.project,
        fiscalYear: q.fiscalYear + 1,
        amountBaht: b(p.amount),
        toLineId: p.to?.id ?? null,
        posted: p.posted,
      })),
  };
}

/**
 * Obligates the not-yet-posted later-year portions whose line exists and has room; a line
 * without room is left (listed by the preview as not posted). Answers the portions posted.
 */
async function postPortions(w: WriteContext, plans: readonly PortionPlan[], year: number) {
  const org = w.actor.organizationId;
  const todo = plans.filter((p) => !p.posted && p.to && p.to.lapsedOn === null);
  if (todo.length === 0) return 0;
  const perLine = new Map<string, bigint>();
  for (const p of todo) perLine.set(p.to!.id, (perLine.get(p.to!.id) ?? 0n) + p.amount);
  const shortfalls = await repo.applyLineDeltas(
    w.tx,
    [...perLine].map(([lineId, obligated]) => ({ lineId, obligated })),
    w.now,
  );
  const short = new Set(shortfalls.map((s) => s.lineId));
  const go = todo.filter((p) => !short.has(p.to!.id));
  if (go.length === 0) return 0;
  const taken = await ye.obligationNumbersTaken(
    w.tx,
    org,
    year,
    go.map((p) => p.obligation.documentNo),
  );
  await ye.insertCommitments(
    w.tx,
    go.map((p) => ({
      organizationId: org,
      unitId: p.to!.unitId,
      lineId: p.to!.id,
      fiscalYear: year,
      fiscalMonth: 1,
      kind: 'obligation' as const,
      // The same contract number, unless the year has it already (its carried open part).
      documentNo: taken.has(p.obligation.documentNo)
        ? `${p.obligation.documentNo}/${year}`
        : p.obligation.documentNo,
      date: isoOf({ ...fiscalYearEnd(year - 1), month: 10, day: 1 }),
      vendor: p.obligation.vendor,
      amountSatang: p.amount,
      carriedFromId: p.obligation.id,
      origin: 'later_year' as const,
      laterYears: p.rest.length ? p.rest : null,
      createdBy: w.actor.userId,
    })),
  );
  await repo.applyMonthDeltas(
    w.tx,
    go.map((p) => ({
      lineId: p.to!.id,
      fiscalMonth: 1,
      organizationId: org,
      unitId: p.to!.unitId,
      fiscalYear: year,
      obligated: p.amount,
    })),
  );
  for (const p of go)
    w.audit({
      action: 'create',
      entity: 'obligation',
      entityId: p.obligation.id,
      after: {
        origin: 'later_year',
        documentNo: p.obligation.documentNo,
        fiscalYear: year,
        lineId: p.to!.id,
        amount: b(p.amount),
      },
    });
  return go.length;
}

/** POST /execution/year-end/close */
export async function closeYear(database: Database, actor: Actor, yearInput: number | string) {
  const year = parseFiscalYear(yearInput);
  const next = year + 1;
  const org = actor.organizationId;
  return runWrite(database, actor, async (w) => {
    const { tx } = w;
    // Writes into the year hold its row FOR SHARE: the closing waits for them, later ones see it closed.
    if (!(await periodsRepo.holdFiscalYear(tx, org, year)))
      throw new AppError('business_rule', `fiscal year ${year} has not been created`, {
        reason: 'fiscal_year_missing',
        fiscalYear: year,
      });
    const done = await ye.closeOf(tx, org, year);
    if (done)
      throw new AppError(
        'conflict',
        `fiscal year ${year} was closed on ${done.closedAt.toISOString()}`,
        {
          reason: 'year_already_closed',
          fiscalYear: year,
          closedAt: done.closedAt.toISOString(),
        },
      );
    const carryOvers = (await ye.carryOversOfYear(tx, org, year)).map((r) => r.c);
    const pending = carryOvers.filter((c) => c.status === 'requested');
    if (pending.length)
      throw new AppError(
        'business_rule',
        `${pending.length} carry-over request(s) of fiscal year ${year} are not decided: approve or reject them first`,
        { reason: 'carry_over_requests_pending', count: pending.length },
      );
    const lines = await repo.linesOfYears(tx, org, [year]);
    const open = lines.filter((l) => l.lapsedOn === null);
    const figures = figuresOf(open, carryOvers, false);
    const over = figures.filter((f) => f.exceeds);
    if (over.length)
      throw new AppError(
        'business_rule',
        `${over.length} line(s) carry more without obligation than their uncommitted remainder`,
        {
          reason: 'carry_over_exceeds_remainder',
          lines: over.map((f) => ({
            lineId: f.line.id,
            requestedBaht: b(f.withoutApproved),
            remainderBaht: b(f.remainder),
          })),
        },
      );
    const obligations = fitToLines(await ye.obligationsAtYearEnd(tx, org, year), figures);
    // The next fiscal year exists (created here when it does not).
    const created = await periodsRepo.insertFiscalYear(tx, {
      organizationId: org,
      year: next,
      ...fiscalYearDates(next),
    });
    if (created)
      w.audit({ action: 'create', entity: 'fiscal_year', entityId: String(next), after: created });

    const deadline = carryDeadlineOf(year, await carryMonthsOf(tx, org));
    const carried = figures.filter((f) => f.withObligation + f.withoutApproved > 0n);
    const keyOf = (l: repo.LineRow) => `carried:${next}:${l.id}`;
    const clash = await ye.linesByIdentity(
      tx,
      org,
      carried.map((f) => keyOf(f.line)),
    );
    if (clash.length)
      throw new AppError(
        'conflict',
        `fiscal year ${next} already has ${clash.length} carried line(s) from ${year}`,
        {
          reason: 'carried_line_exists',
          lineIds: clash.map((l) => l.id),
        },
      );
    const nextLines = await repo.insertLines(
      tx,
      carried.map((f) => ({
        organizationId: org,
        unitId: f.line.unitId,
        fiscalYear: next,
        lineCode: null,
        programme: f.line.programme,
        output: f.line.output,
        projectCode: f.line.projectCode,
        project: f.line.project,
        expenseCategory: f.line.expenseCategory,
        fundSource: 'carried_over',
        expenseItem: f.line.expenseItem,
        strategyCode: f.line.strategyCode,
        identityKey: keyOf(f.line),
        enactedSatang: f.withObligation + f.withoutApproved,
        obligatedSatang: f.withObligation,
        carriedFromLineId: f.line.id,
        carryDeadline: deadline,
      })),
    );
    const nextOf = new Map(nextLines.map((l) => [l.carriedFromLineId!, l]));
    await repo.applyMonthDeltas(
      tx,
      nextLines
        .filter((l) => l.obligatedSatang > 0n)
        .map((l) => ({
          lineId: l.id,
          fiscalMonth: 1,
          organizationId: org,
          unitId: l.unitId,
          fiscalYear: next,
          obligated: l.obligatedSatang,
        })),
    );
    yearEndFaults.midClose?.();

    // Open obligations move with their line, under the same number; the old ones are settled.
    const moving = obligations.filter((o) => o.openSatang > 0n && nextOf.has(o.lineId));
    const taken = await ye.obligationNumbersTaken(
      tx,
      org,
      next,
      moving.map((o) => o.documentNo),
    );
    if (taken.size)
      throw new AppError(
        'conflict',
        `fiscal year ${next} already has obligation(s) numbered ${[...taken].slice(0, 5).join(', ')}`,
        { reason: 'duplicate', documentNos: [...taken] },
      );
    await ye.insertCommitments(
      tx,
      moving.map((o) => ({
        organizationId: org,
        unitId: o.unitId,
        lineId: nextOf.get(o.lineId)!.id,
        fiscalYear: next,
        fiscalMonth: 1,
        kind: 'obligation' as const,
        documentNo: o.documentNo,
        date: o.date,
        vendor: o.vendor,
        amountSatang: o.openSatang,
        carriedFromId: o.id,
        origin: 'carried' as const,
        createdBy: actor.userId,
      })),
    );
    const over2 = await repo.settleCommitments(
      tx,
      moving.map((o) => ({ id: o.id, amountSatang: o.openSatang })),
    );
    if (over2.length)
      throw new AppError('internal', 'an obligation could not be settled at closing');

    // Carry-over rows: with obligation (set), without obligation (its next line).
    await ye.upsertCarryOverRows(
      tx,
      carried
        .filter((f) => f.withObligation > 0n)
        .map((f) => ({
          organizationId: org,
          unitId: f.line.unitId,
          lineId: f.line.id,
          fiscalYear: year,
          kind: 'with_obligation',
          amountSatang: f.withObligation,
          status: 'approved' as const,
          nextLineId: nextOf.get(f.line.id)!.id,
          reason: 'ก่อหนี้ผูกพันแล้วแต่ยังไม่เบิกจ่าย',
          requestedBy: actor.userId,
          decidedBy: actor.userId,
        })),
      w.now,
    );
    await ye.setNextLines(
      tx,
      carryOvers
        .filter(
          (c) => c.kind === 'without_obligation' && c.status === 'approved' && nextOf.has(c.lineId),
        )
        .map((c) => ({ id: c.id, nextLineId: nextOf.get(c.lineId)!.id })),
      w.now,
    );
    const yearEnd = isoOf(fiscalYearEnd(year));
    await ye.setLapsed(
      tx,
      figures.map((f) => ({ id: f.line.id, lapsedSatang: f.lapse })),
      yearEnd,
      w.now,
    );

    // Multi-year obligations: the next year's portion on its matching line.
    const plans = await laterYearPlans(
      tx,
      org,
      year,
      obligations,
      new Map(lines.map((l) => [l.id, l])),
    );
    const portions = await postPortions(w, plans, next);

    // The year and its months closed.
    for (let month = 0; month <= 12; month++)
      await periodsRepo.upsertLock(
        tx,
        { organizationId: org, fiscalYear: year, month, locked: true, changedBy: actor.userId },
        w.now,
      );

    const sum = (f: (x: LineFigures) => bigint) => figures.reduce((s, x) => s + f(x), 0n);
    const totals = {
      withObligationBaht: b(sum((x) => x.withObligation)),
      withoutObligationBaht: b(sum((x) => x.withoutApproved)),
      lapseBaht: b(sum((x) => x.lapse)),
    };
    const close = await ye.insertClose(tx, {
      organizationId: org,
      fiscalYear: year,
      carryDeadline: deadline,
      totals,
      closedBy: actor.userId,
      closedAt: w.now,
    });
    for (const l of nextLines)
      w.audit({
        action: 'create',
        entity: 'budget_line',
        entityId: l.id,
        after: {
          fiscalYear: next,
          fundSource: 'carried_over',
          carriedFromLineId: l.carriedFromLineId,
          enacted: b(l.enactedSatang),
          obligated: b(l.obligatedSatang),
          carryDeadline: deadline,
        },
      });
    w.audit({
      action: 'close',
      entity: 'fiscal_year',
      entityId: String(year),
      after: {
        ...totals,
        carryDeadline: deadline,
        linesCarried: nextLines.length,
        obligationsCarried: moving.length,
        laterYearPortions: portions,
        lines: figures.length,
      },
    });
    return {
      fiscalYear: year,
      nextFiscalYear: next,
      carryDeadline: deadline,
      closedAt: close.closedAt,
      linesCarried: nextLines.length,
      obligationsCarried: moving.length,
      laterYearPortions: portions,
      totals,
    };
  });
}

/**
 * POST /execution/year-end/later-years: posts the later-year portions for fiscal year `year`
 * (obligations of `year − 1`, closed) whose matching line now exists; idempotent.
 */
export async function postLaterYears(database: Database, actor: Actor, yearInput: number | string) {
  const year = parseFiscalYear(yearInput);
  const org = actor.organizationId;
  return runWrite(database, actor, { period: { fiscalYear: year } }, async (w) => {
    const obligations = await ye.obligationsAtYearEnd(w.tx, org, year - 1);
    const lines = await repo.linesOfYears(w.tx, org, [year - 1]);
    const plans = await laterYearPlans(
      w.tx,
      org,
      year - 1,
      obligations,
      new Map(lines.map((l) => [l.id, l])),
    );
    const posted = await postPortions(w, plans, year);
    return { fiscalYear: year, posted, pending: plans.filter((p) => !p.posted).length - posted };
  });
}
