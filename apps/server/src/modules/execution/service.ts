import {
  AppError,
  checkLaterYears,
  evenPlan,
  fiscalMonthOfDate,
  fiscalYearOfDate,
  parseBaht,
  parseEntryDate,
  ratioPercent,
  satangToDecimalString,
  type ExpenseCategory,
} from '@pbis/core';
import type { Database } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import { runWrite } from '../../write.js';
import type { Actor } from '../auth/actor.js';
import { overspent } from './import-entries.js';
import { committedOf, revisedOf } from './lines.js';
import { UnitLookup } from './lookup.js';
import * as repo from './repository.js';
import { monthTotals } from './repositories/reports.js';

const b = satangToDecimalString;

export async function listLines(
  database: Database,
  actor: Actor,
  q: { fiscalYear: number; unitId?: string | undefined },
) {
  const { units, lines } = await withScope(database, actor, async (db) => ({
    units: await UnitLookup.load(db, actor.organizationId),
    lines: await repo.linesOfYears(
      db,
      actor.organizationId,
      [q.fiscalYear],
      q.unitId ? [q.unitId] : undefined,
    ),
  }));
  return lines
    .map((l) => {
      const u = units.byId(l.unitId)!;
      return {
        id: l.id,
        unitId: l.unitId,
        unitCode: u.code,
        unitName: u.nameTh,
        fiscalYear: l.fiscalYear,
        lineCode: l.lineCode,
        programme: l.programme,
        project: l.project,
        projectCode: l.projectCode,
        expenseCategory: l.expenseCategory as ExpenseCategory,
        fundSource: l.fundSource as 'regular',
        expenseItem: l.expenseItem,
        enactedBaht: b(l.enactedSatang),
        revisedBaht: b(revisedOf(l)),
        reservedBaht: b(l.reservedSatang),
        obligatedBaht: b(l.obligatedSatang),
        disbursedBaht: b(l.disbursedSatang),
        availableBaht: b(repo.availableOf(l)),
        carriedFromLineId: l.carriedFromLineId,
        carryDeadline: l.carryDeadline,
        lapsedOn: l.lapsedOn,
        lapsedBaht: b(l.lapsedSatang),
        version: l.version,
      };
    })
    .sort(
      (x, y) => x.unitCode.localeCompare(y.unitCode) || x.project.localeCompare(y.project, 'th'),
    );
}

export interface EntryInput {
  lineId: string;
  documentNo: string;
  date: string;
  amount: string;
  vendor?: string | undefined;
  obligationNo?: string | undefined;
  reservationNo?: string | undefined;
  laterYears?: { fiscalYear: number; amount: string }[] | undefined;
}

/** A multi-year obligation's later years, checked (core checkLaterYears), as stored. */
function laterYearsOf(ownYear: number, input: EntryInput['laterYears']) {
  if (!input || input.length === 0) return null;
  const parsed = input.map((l) => ({
    fiscalYear: l.fiscalYear,
    amountSatang: parseBaht(l.amount),
  }));
  const problem = checkLaterYears(ownYear, parsed);
  if (problem)
    throw new AppError('validation', `laterYears: ${problem}`, { reason: 'invalid_format' });
  return parsed.map((l) => ({ fiscalYear: l.fiscalYear, amountSatang: l.amountSatang.toString() }));
}

export type EntryKind = 'reservation' | 'obligation' | 'disbursement';

/**
 * One reservation, obligation or disbursement on one line, through the write path (unit in
 * scope, month open), refused with 422 and the figures when it would take the line past its
 * available balance; a negative amount (a cancellation or reversal) is never refused by the
 * balance. The chain releases the stage before: an obligation naming a reservation
 * (`reservationNo`) releases that reservation's whole open amount (what the contract did not use
 * goes back to the line); a negative reservation naming one cancels that much of it; a
 * disbursement naming an obligation settles it.
 */
export async function postEntry(
  database: Database,
  actor: Actor,
  kind: EntryKind,
  input: EntryInput,
) {
  const amount = parseBaht(input.amount, { allowNegative: true });
  if (amount === 0n) throw new AppError('validation', 'amount is 0', { reason: 'too_small' });
  const date = parseEntryDate(input.date);
  if (typeof date === 'string')
    throw new AppError('validation', `date: ${date}`, { reason: 'invalid_format' });
  const line = await withScope(database, actor, (db) =>
    repo.getLine(db, actor.organizationId, input.lineId),
  );
  if (!line)
    throw new AppError('not_found', 'no such budget line', { reason: 'budget_line_not_found' });
  if (line.lapsedOn !== null)
    throw new AppError('business_rule', `the line lapsed on ${line.lapsedOn}`, {
      reason: 'line_lapsed',
      lapsedOn: line.lapsedOn,
    });
  const laterYears = kind === 'obligation' ? laterYearsOf(line.fiscalYear, input.laterYears) : null;
  if (fiscalYearOfDate(date) !== line.fiscalYear)
    throw new AppError('validation', `the date is outside fiscal year ${line.fiscalYear}`, {
      reason: 'invalid_format',
    });
  const fiscalMonth = fiscalMonthOfDate(date);
  return runWrite(
    database,
    actor,
    { units: [line.unitId], period: { fiscalYear: line.fiscalYear, month: fiscalMonth } },
    async (w) => {
      const base = {
        organizationId: actor.organizationId,
        unitId: line.unitId,
        lineId: line.id,
        fiscalYear: line.fiscalYear,
        fiscalMonth,
        documentNo: input.documentNo,
        date: input.date,
        amountSatang: amount,
        createdBy: actor.userId,
      };
      let obligationId: string | null = null;
      if (kind === 'disbursement' && input.obligationNo) {
        const [o] = await repo.commitmentsByDocument(
          w.tx,
          actor.organizationId,
          line.fiscalYear,
          'obligation',
          [input.obligationNo],
        );
        if (!o || o.lineId !== line.id)
          throw new AppError('business_rule', `no obligation ${input.obligationNo} on this line`, {
            reason: 'obligation_not_found',
          });
        obligationId = o.id;
        const over = await repo.settleCommitments(w.tx, [{ id: o.id, amountSatang: amount }]);
        if (over.length)
          throw new AppError(
            'business_rule',
            `over the open amount of obligation ${input.obligationNo}: ${b(amount)} asked, ${b(o.amountSatang - o.settledSatang)} open`,
            {
              reason: 'insufficient_balance',
              lines: [
                {
                  lineId: line.id,
                  requestedBaht: b(amount),
                  availableBaht: b(o.amountSatang - o.settledSatang),
                },
              ],
            },
          );
      }
      const released = await releaseReservation(w.tx, actor, line, kind, amount, input);
      const entryId = await repo.insertOneEntry(w.tx, kind, {
        ...base,
        obligationId,
        vendor: input.vendor ?? '',
        reservationId: kind === 'obligation' ? (released?.id ?? null) : null,
        cancelsId: kind === 'reservation' ? (released?.id ?? null) : null,
        laterYears,
      });
      const delta: repo.LineDelta =
        kind === 'reservation'
          ? { lineId: line.id, reserved: released ? -released.satang : amount }
          : kind === 'obligation'
            ? { lineId: line.id, obligated: amount, reserved: -(released?.satang ?? 0n) }
            : { lineId: line.id, disbursed: amount, disbursedDirect: obligationId ? 0n : amount };
      const shortfalls = await repo.applyLineDeltas(w.tx, [delta], w.now);
      if (shortfalls.length) throw overspent(shortfalls);
      await repo.applyMonthDeltas(w.tx, [
        {
          lineId: line.id,
          fiscalMonth,
          organizationId: actor.organizationId,
          unitId: line.unitId,
          fiscalYear: line.fiscalYear,
          obligated: kind === 'obligation' ? amount : 0n,
          disbursed: kind === 'disbursement' ? amount : 0n,
        },
      ]);
      w.audit({
        action: amount < 0n ? 'reverse' : 'create',
        entity: kind,
        entityId: entryId,
        after: {
          ...base,
          amountSatang: b(amount),
          obligationNo: input.obligationNo ?? null,
          reservationNo: input.reservationNo ?? null,
          releasedSatang: released ? b(released.satang) : null,
          ...(laterYears && { laterYears }),
        },
      });
      const after = (await repo.getLine(w.tx, actor.organizationId, line.id))!;
      return {
        id: entryId,
        lineId: line.id,
        documentNo: input.documentNo,
        amountBaht: b(amount),
        availableBaht: b(repo.availableOf(after)),
      };
    },
  );
}

/**
 * The reservation an obligation or a reservation's cancellation names, settled in the same
 * transaction: an obligation takes the reservation's whole open amount (released from `reserved`);
 * a cancellation (a negative reservation) takes what it cancels, at most the open amount.
 */
async function releaseReservation(
  tx: repo.Executor,
  actor: Actor,
  line: repo.LineRow,
  kind: EntryKind,
  amount: bigint,
  input: EntryInput,
): Promise<{ id: string; satang: bigint } | null> {
  if (!input.reservationNo || kind === 'disbursement') {
    if (input.reservationNo)
      throw new AppError('validation', 'a disbursement names an obligation, not a reservation', {
        reason: 'invalid_format',
      });
    if (kind === 'reservation' && amount < 0n)
      throw new AppError('validation', 'a cancellation names the reservation it cancels', {
        reason: 'reservation_not_found',
      });
    return null;
  }
  if (kind === 'reservation' && amount > 0n)
    throw new AppError(
      'validation',
      'only a cancellation (a negative amount) names a reservation',
      {
        reason: 'invalid_format',
      },
    );
  const [r] = await repo.commitmentsByDocument(
    tx,
    actor.organizationId,
    line.fiscalYear,
    'reservation',
    [input.reservationNo],
  );
  if (!r || r.lineId !== line.id)
    throw new AppError('business_rule', `no reservation ${input.reservationNo} on this line`, {
      reason: 'reservation_not_found',
    });
  const open = r.amountSatang - r.settledSatang;
  const take = kind === 'obligation' ? open : -amount;
  if (open <= 0n || take > open)
    throw new AppError(
      'business_rule',
      `reservation ${input.reservationNo} has ${b(open)} open, ${b(take)} asked`,
      {
        reason: 'insufficient_balance',
        lines: [{ lineId: line.id, requestedBaht: b(take), availableBaht: b(open) }],
      },
    );
  const over = await repo.settleCommitments(tx, [{ id: r.id, amountSatang: take }]);
  if (over.length)
    throw new AppError('conflict', `reservation ${input.reservationNo} changed meanwhile`, {
      reason: 'stale_version',
    });
  return { id: r.id, satang: take };
}

interface Figures {
  enacted: bigint;
  revised: bigint;
  reserved: bigint;
  obligated: bigint;
  disbursed: bigint;
  available: bigint;
}
const zero = (): Figures => ({
  enacted: 0n,
  revised: 0n,
  reserved: 0n,
  obligated: 0n,
  disbursed: 0n,
  available: 0n,
});
const addLine = (f: Figures, l: repo.LineRow) => {
  f.enacted += l.enactedSatang;
  f.revised += revisedOf(l);
  f.reserved += l.reservedSatang;
  f.obligated += l.obligatedSatang;
  f.disbursed += l.disbursedSatang;
  f.available += revisedOf(l) - committedOf(l);
};
const show = (f: Figures) => ({
  enactedBaht: b(f.enacted),
  revisedBaht: b(f.revised),
  reservedBaht: b(f.reserved),
  obligatedBaht: b(f.obligated),
  disbursedBaht: b(f.disbursed),
  availableBaht: b(f.available),
  disbursementRate: f.revised === 0n ? null : ratioPercent(f.disbursed, f.revised, 3),
});

/** Budget vs actual from the lines' running totals: the total, per unit, per category, per month. */
export async function executionSummary(
  database: Database,
  actor: Actor,
  q: { fiscalYear: number; unitId?: string | undefined },
) {
  const org = actor.organizationId;
  const { units, lines, months } = await withScope(database, actor, async (db) => ({
    units: await UnitLookup.load(db, org),
    lines: await repo.linesOfYears(db, org, [q.fiscalYear], q.unitId ? [q.unitId] : undefined),
    months: await monthTotals(db, org, q.fiscalYear, q.unitId),
  }));
  const total = zero();
  const byUnit = new Map<string, Figures>();
  const byCategory = new Map<string, Figures>();
  for (const l of lines) {
    addLine(total, l);
    if (!byUnit.has(l.unitId)) byUnit.set(l.unitId, zero());
    addLine(byUnit.get(l.unitId)!, l);
    if (!byCategory.has(l.expenseCategory)) byCategory.set(l.expenseCategory, zero());
    addLine(byCategory.get(l.expenseCategory)!, l);
  }
  const plan = evenPlan(total.revised);
  let planned = 0n;
  let obligated = 0n;
  let disbursed = 0n;
  const curve = plan.map((p, i) => {
    const m = months.get(i + 1);
    planned += p;
    obligated += m?.obligated ?? 0n;
    disbursed += m?.disbursed ?? 0n;
    return {
      fiscalMonth: i + 1,
      plannedBaht: b(planned),
      obligatedBaht: b(obligated),
      disbursedBaht: b(disbursed),
    };
  });
  return {
    fiscalYear: q.fiscalYear,
    total: show(total),
    units: [...byUnit]
      .map(([unitId, f]) => {
        const u = units.byId(unitId)!;
        return { unitId, unitCode: u.code, unitName: u.nameTh, ...show(f) };
      })
      .sort((x, y) => x.unitCode.localeCompare(y.unitCode)),
    byCategory: [...byCategory].map(([c, f]) => ({
      expenseCategory: c as ExpenseCategory,
      ...show(f),
    })),
    months: curve,
  };
}
