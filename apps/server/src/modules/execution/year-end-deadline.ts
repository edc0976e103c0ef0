import { AppError, carriedLineState, checkExtension, staleVersion } from '@pbis/core';
import type { Database } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import { runWrite } from '../../write.js';
import type { Actor } from '../auth/actor.js';
import { revisedOf } from './lines.js';
import { UnitLookup } from './lookup.js';
import * as repo from './repository.js';
import * as ye from './repositories/year-end.js';
import {
  b,
  bangkokToday,
  carryMonthsOf,
  lineColumns,
  lineLapsed,
  lineNotFound,
} from './year-end-common.js';

/*
 * Carried-over lines after the closing: each has a deadline (the organisation's setting, default
 * 31 March). After it, its remainder (revised − disbursed) lapses when the Budget Office runs
 * the lapse as of a date (idempotent), unless the deadline was extended (new date and reason,
 * audited). Reads show a line past its deadline as `past_deadline` until the lapse is run.
 */

function carriedDto(l: repo.LineRow, units: UnitLookup, asOf: string) {
  return {
    id: l.id,
    fromLineId: l.carriedFromLineId!,
    ...lineColumns(l, units),
    fiscalYear: l.fiscalYear,
    enactedBaht: b(l.enactedSatang),
    obligatedBaht: b(l.obligatedSatang),
    disbursedBaht: b(l.disbursedSatang),
    availableBaht: b(repo.availableOf(l)),
    carryDeadline: l.carryDeadline,
    state: carriedLineState({ carryDeadline: l.carryDeadline, lapsedOn: l.lapsedOn }, asOf),
    lapsedBaht: b(l.lapsedSatang),
    lapsedOn: l.lapsedOn,
    extensionReason: l.carryExtensionReason,
    version: l.version,
  };
}

/** GET /execution/year-end/carried */
export async function listCarried(
  database: Database,
  actor: Actor,
  q: { fiscalYear: number; unitId?: string | undefined; asOf?: string | undefined },
) {
  const asOf = q.asOf ?? bangkokToday();
  const org = actor.organizationId;
  const { units, lines } = await withScope(database, actor, async (db) => ({
    units: await UnitLookup.load(db, org),
    lines: await ye.carriedLinesOf(db, org, q.fiscalYear, q.unitId),
  }));
  return {
    asOf,
    items: lines
      .map((l) => carriedDto(l, units, asOf))
      .sort(
        (x, y) => x.unitCode.localeCompare(y.unitCode) || x.project.localeCompare(y.project, 'th'),
      ),
  };
}

/** POST /execution/year-end/lapse-expired: lapse every carried line past its deadline at `asOf`. */
export async function lapseExpired(database: Database, actor: Actor, asOf: string) {
  return runWrite(database, actor, async (w) => {
    const lapsed = await ye.lapseCarriedBefore(w.tx, actor.organizationId, asOf, w.now);
    let total = 0n;
    for (const l of lapsed) {
      total += BigInt(l.lapsed_satang);
      w.audit({
        action: 'lapse',
        entity: 'budget_line',
        entityId: l.id,
        after: {
          lapsed: b(BigInt(l.lapsed_satang)),
          lapsedOn: asOf,
          carryDeadline: l.carry_deadline,
        },
      });
    }
    return { asOf, lines: lapsed.length, lapsedBaht: b(total) };
  });
}

/** POST /execution/lines/:id/extend-deadline */
export async function extendDeadline(
  database: Database,
  actor: Actor,
  id: string,
  input: { deadline: string; reason: string; version: number },
) {
  const org = actor.organizationId;
  const line = await withScope(database, actor, (db) => repo.getLine(db, org, id));
  if (!line) throw lineNotFound();
  return runWrite(database, actor, { units: [line.unitId] }, async (w) => {
    const l = await repo.getLine(w.tx, org, id);
    if (!l) throw lineNotFound();
    if (l.carriedFromLineId === null)
      throw new AppError('business_rule', 'only a carried-over line has a deadline', {
        reason: 'not_a_carried_line',
      });
    if (l.lapsedOn) throw lineLapsed(l);
    if (l.version !== input.version) throw staleVersion('budget line', input.version, l.version);
    const problem = checkExtension(l.carryDeadline, input.deadline);
    if (problem)
      throw new AppError('business_rule', problem, {
        reason: 'carry_deadline_invalid',
        carryDeadline: l.carryDeadline,
      });
    const after = await ye.extendDeadline(
      w.tx,
      l.id,
      l.version,
      input.deadline,
      input.reason,
      w.now,
    );
    if (!after) throw staleVersion('budget line', input.version);
    w.audit({
      action: 'extend',
      entity: 'budget_line',
      entityId: l.id,
      before: { carryDeadline: l.carryDeadline },
      after: {
        carryDeadline: input.deadline,
        reason: input.reason,
        remainder: b(revisedOf(l) - l.disbursedSatang),
      },
    });
    const units = await UnitLookup.load(w.tx, org);
    return carriedDto(after, units, bangkokToday(w.now));
  });
}

/** GET /execution/year-end/settings */
export async function yearEndSettings(database: Database, actor: Actor) {
  return {
    carryMonths: await withScope(database, actor, (db) => carryMonthsOf(db, actor.organizationId)),
  };
}

/** PUT /execution/year-end/settings */
export async function setYearEndSettings(database: Database, actor: Actor, carryMonths: number) {
  return runWrite(database, actor, async (w) => {
    const before = await carryMonthsOf(w.tx, actor.organizationId);
    await ye.setYearEndRule(w.tx, actor.organizationId, { carryMonths }, w.now);
    w.audit({
      action: 'update',
      entity: 'execution_rule',
      entityId: 'year_end',
      before: { carryMonths: before },
      after: { carryMonths },
    });
    return { carryMonths };
  });
}
