import { AppError, parseBaht, staleVersion, uncommittedRemainderOf } from '@pbis/core';
import type { Database, Executor } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import { runWrite } from '../../write.js';
import type { Actor } from '../auth/actor.js';
import { revisedOf } from './lines.js';
import { UnitLookup } from './lookup.js';
import * as repo from './repository.js';
import * as ye from './repositories/year-end.js';
import { b, lineColumns, lineLapsed, lineNotFound } from './year-end-common.js';

/*
 * Carry-over without obligation (กันเงินไว้เบิกเหลื่อมปีกรณีไม่ก่อหนี้ผูกพัน): requested per line with
 * a reason by the unit's officer or the Budget Office, up to the line's uncommitted remainder;
 * approved by the Budget Office with the council's approval reference, never by its maker; or
 * rejected with a note. One per line (re-requested after a rejection), versioned, audited.
 */

const remainderOf = (l: repo.LineRow) =>
  uncommittedRemainderOf({
    revisedSatang: revisedOf(l),
    obligatedSatang: l.obligatedSatang,
    disbursedSatang: l.disbursedSatang,
    disbursedDirectSatang: l.disbursedDirectSatang,
  });

function exceeds(amount: bigint, remainder: bigint): AppError {
  return new AppError(
    'business_rule',
    `${b(amount)} is over the line's uncommitted remainder of ${b(remainder)}`,
    {
      reason: 'carry_over_exceeds_remainder',
      remainderBaht: b(remainder),
      requestedBaht: b(amount),
    },
  );
}

function notFound(): AppError {
  return new AppError('not_found', 'no such carry-over', { reason: 'carry_over_not_found' });
}

type Named = { c: ye.CarryOverRow; requestedBy: string | null; decidedBy: string | null };

async function dto(db: Executor, organizationId: string, n: Named, units?: UnitLookup) {
  const line = (await repo.getLine(db, organizationId, n.c.lineId))!;
  return toDto(n, line, units ?? (await UnitLookup.load(db, organizationId)));
}

function toDto(n: Named, line: repo.LineRow, units: UnitLookup) {
  const c = n.c;
  return {
    id: c.id,
    lineId: c.lineId,
    ...lineColumns(line, units),
    fiscalYear: c.fiscalYear,
    kind: c.kind as 'with_obligation' | 'without_obligation',
    amountBaht: b(c.amountSatang),
    remainderBaht: b(remainderOf(line)),
    reason: c.reason,
    reference: c.reference,
    status: c.status,
    decisionNote: c.decisionNote,
    requestedBy: n.requestedBy,
    decidedBy: n.decidedBy,
    decidedAt: c.decidedAt,
    nextLineId: c.nextLineId,
    version: c.version,
  };
}

/** The carry-overs of a fiscal year in the reader's scope, both kinds, every status. */
export async function listCarryOvers(
  database: Database,
  actor: Actor,
  q: { fiscalYear: number; unitId?: string | undefined },
) {
  const org = actor.organizationId;
  const { units, lines, rows } = await withScope(database, actor, async (db) => ({
    units: await UnitLookup.load(db, org),
    lines: await repo.linesOfYears(db, org, [q.fiscalYear], q.unitId ? [q.unitId] : undefined),
    rows: await ye.carryOversOfYear(db, org, q.fiscalYear, q.unitId),
  }));
  const byId = new Map(lines.map((l) => [l.id, l]));
  return rows
    .filter((r) => byId.has(r.c.lineId))
    .map((r) => toDto(r, byId.get(r.c.lineId)!, units))
    .sort(
      (x, y) =>
        x.unitCode.localeCompare(y.unitCode) ||
        x.project.localeCompare(y.project, 'th') ||
        x.kind.localeCompare(y.kind),
    );
}

/** Read with the actor's scope before a write: the line, or 404. */
async function lineInScope(database: Database, actor: Actor, lineId: string) {
  const line = await withScope(database, actor, (db) =>
    repo.getLine(db, actor.organizationId, lineId),
  );
  if (!line) throw lineNotFound();
  return line;
}

export async function requestCarryOver(
  database: Database,
  actor: Actor,
  input: { lineId: string; amount: string; reason: string; version?: number | undefined },
) {
  const amount = parseBaht(input.amount);
  if (amount <= 0n)
    throw new AppError('validation', 'amount must be above 0', { reason: 'too_small' });
  const line = await lineInScope(database, actor, input.lineId);
  if (line.lapsedOn) throw lineLapsed(line);
  return runWrite(
    database,
    actor,
    { units: [line.unitId], period: { fiscalYear: line.fiscalYear } },
    async (w) => {
      const org = actor.organizationId;
      const now = (await repo.getLine(w.tx, org, line.id))!;
      const remainder = remainderOf(now);
      if (amount > remainder) throw exceeds(amount, remainder);
      const existing = await ye.carryOverOfLine(w.tx, line.id, 'without_obligation');
      const fields = {
        amountSatang: amount,
        reason: input.reason,
        status: 'requested' as const,
        reference: '',
        requestedBy: actor.userId,
        decidedBy: null,
        decidedAt: null,
        decisionNote: '',
      };
      let row: ye.CarryOverRow;
      if (existing) {
        if (input.version === undefined || input.version !== existing.version)
          throw staleVersion('carry-over', input.version ?? 0, existing.version);
        const updated = await ye.updateCarryOver(
          w.tx,
          existing.id,
          existing.version,
          fields,
          w.now,
        );
        if (!updated) throw staleVersion('carry-over', input.version, existing.version);
        row = updated;
      } else {
        row = await ye.insertCarryOver(w.tx, {
          ...fields,
          organizationId: org,
          unitId: line.unitId,
          lineId: line.id,
          fiscalYear: line.fiscalYear,
          kind: 'without_obligation',
        });
      }
      w.audit({
        action: 'request',
        entity: 'carry_over',
        entityId: row.id,
        before: existing
          ? { amount: b(existing.amountSatang), status: existing.status, reason: existing.reason }
          : null,
        after: { lineId: line.id, amount: b(amount), status: 'requested', reason: input.reason },
      });
      return dto(w.tx, org, { c: row, requestedBy: actor.username, decidedBy: null });
    },
  );
}

/** Approve (with the council's reference) or reject (with a note) a requested carry-over. */
export async function decideCarryOver(
  database: Database,
  actor: Actor,
  id: string,
  decision:
    | { approve: true; version: number; reference: string }
    | { approve: false; version: number; note: string },
) {
  const org = actor.organizationId;
  const found = await withScope(database, actor, (db) => ye.getCarryOver(db, org, id));
  if (!found) throw notFound();
  return runWrite(
    database,
    actor,
    { units: [found.unitId], period: { fiscalYear: found.fiscalYear } },
    async (w) => {
      const c = await ye.getCarryOver(w.tx, org, id);
      if (!c) throw notFound();
      if (c.version !== decision.version)
        throw staleVersion('carry-over', decision.version, c.version);
      if (c.status !== 'requested')
        throw new AppError('conflict', `the carry-over is ${c.status}, not requested`, {
          reason: 'carry_over_not_requested',
          status: c.status,
        });
      if (decision.approve && c.requestedBy === actor.userId)
        throw new AppError('forbidden', 'the one who requested a carry-over cannot approve it', {
          reason: 'maker_cannot_approve',
        });
      if (decision.approve) {
        const line = (await repo.getLine(w.tx, org, c.lineId))!;
        if (line.lapsedOn) throw lineLapsed(line);
        const remainder = remainderOf(line);
        if (c.amountSatang > remainder) throw exceeds(c.amountSatang, remainder);
      }
      const updated = await ye.updateCarryOver(
        w.tx,
        c.id,
        c.version,
        decision.approve
          ? {
              status: 'approved',
              reference: decision.reference,
              decidedBy: actor.userId,
              decidedAt: w.now,
            }
          : {
              status: 'rejected',
              decisionNote: decision.note,
              decidedBy: actor.userId,
              decidedAt: w.now,
            },
        w.now,
      );
      if (!updated) throw staleVersion('carry-over', decision.version);
      w.audit({
        action: decision.approve ? 'approve' : 'reject',
        entity: 'carry_over',
        entityId: c.id,
        before: { status: c.status },
        after: decision.approve
          ? { status: 'approved', amount: b(c.amountSatang), reference: decision.reference }
          : { status: 'rejected', note: decision.note },
      });
      const names = (await ye.carryOversOfYear(w.tx, org, c.fiscalYear, c.unitId)).find(
        (r) => r.c.id === c.id,
      )!;
      return dto(w.tx, org, names);
    },
  );
}
