import { randomUUID } from 'node:crypto';
import {
  AppError,
  approverFor,
  canApprove,
  DEFAULT_TRANSFER_RULES,
  EXPENSE_CATEGORY_TH,
  fiscalMonthOfDate,
  fiscalYearOfDate,
  parseBaht,
  parseEntryDate,
  satangToDecimalString,
  scopeKindOf,
  staleVersion,
  transferProblem,
  type ExpenseCategory,
  type Role,
  type TransferRule,
} from '@pbis/core';
import type { Database, Executor } from '../../db/client.js';
import { withScope, withSystemScope } from '../../db/scoped.js';
import { runWrite, type WriteContext } from '../../write.js';
import * as auditRepo from '../audit/repository.js';
import type { Actor } from '../auth/actor.js';
import { committedOf, revisedOf } from './lines.js';
import * as repo from './repository.js';
import * as transfers from './repositories/transfers.js';

/*
 * Transfers between budget lines as documents (issue 15): a request by whoever may write the
 * source unit, the approver chosen by the organisation's rule table (execution_rule, kind
 * `transfer`; core DEFAULT_TRANSFER_RULES when none is stored), a decision by that role within
 * its scope — never by the maker — and, on approval, both lines and their month rows moved in
 * one transaction through the ledger's one balance check (applyLineDeltas, ADR 0010).
 * Every change bumps the version and is audited with before and after: the history.
 */

const b = satangToDecimalString;
const ENTITY = 'budget_transfer';

// --- the rule table -------------------------------------------------------------------------

interface StoredRule {
  fromCategory?: ExpenseCategory;
  toCategory?: ExpenseCategory;
  crossUnit?: boolean;
  /** Satang as digits (JSON has no bigint). */
  minAmountSatang?: string;
  approverRole: Role;
  label: string;
}

const fromStored = (r: StoredRule): TransferRule => ({
  ...(r.fromCategory !== undefined && { fromCategory: r.fromCategory }),
  ...(r.toCategory !== undefined && { toCategory: r.toCategory }),
  ...(r.crossUnit !== undefined && { crossUnit: r.crossUnit }),
  ...(r.minAmountSatang !== undefined && { minAmountSatang: BigInt(r.minAmountSatang) }),
  approverRole: r.approverRole,
  label: r.label,
});

const toStored = (r: TransferRule): StoredRule => ({
  ...(r.fromCategory !== undefined && { fromCategory: r.fromCategory }),
  ...(r.toCategory !== undefined && { toCategory: r.toCategory }),
  ...(r.crossUnit !== undefined && { crossUnit: r.crossUnit }),
  ...(r.minAmountSatang !== undefined && { minAmountSatang: r.minAmountSatang.toString() }),
  approverRole: r.approverRole,
  label: r.label,
});

const ruleDto = (r: TransferRule) => ({
  fromCategory: r.fromCategory ?? null,
  toCategory: r.toCategory ?? null,
  crossUnit: r.crossUnit ?? null,
  minAmount: r.minAmountSatang === undefined ? null : b(r.minAmountSatang),
  approverRole: r.approverRole as 'budget_analyst' | 'budget_office',
  label: r.label,
});

async function loadRules(db: Executor, organizationId: string) {
  const stored = await transfers.storedTransferRules(db, organizationId);
  if (stored.length === 0) return { rules: [...DEFAULT_TRANSFER_RULES], isDefault: true };
  return { rules: stored.map((r) => fromStored(r as unknown as StoredRule)), isDefault: false };
}

/** The organisation's transfer rules (or the defaults), in order. */
export async function transferRules(database: Database, actor: Actor) {
  const { rules, isDefault } = await withScope(database, actor, (db) =>
    loadRules(db, actor.organizationId),
  );
  return { rules: rules.map(ruleDto), isDefault };
}

export interface RuleInput {
  fromCategory?: ExpenseCategory | null | undefined;
  toCategory?: ExpenseCategory | null | undefined;
  crossUnit?: boolean | null | undefined;
  minAmount?: string | null | undefined;
  approverRole: 'budget_analyst' | 'budget_office';
  label: string;
}

/** Replaces the rule table (audited, before and after); an empty list restores the defaults. */
export async function setTransferRules(database: Database, actor: Actor, input: RuleInput[]) {
  const rules: TransferRule[] = input.map((r, i) => {
    const rule: TransferRule = { approverRole: r.approverRole, label: r.label };
    if (r.fromCategory != null) rule.fromCategory = r.fromCategory;
    if (r.toCategory != null) rule.toCategory = r.toCategory;
    if (r.crossUnit != null) rule.crossUnit = r.crossUnit;
    if (r.minAmount != null) {
      const satang = parseBaht(r.minAmount);
      if (satang <= 0n)
        throw new AppError('validation', `rule ${i + 1}: minAmount must be more than 0`, {
          fields: [{ path: `rules.${i}.minAmount`, reason: 'too_small', params: { minimum: 0 } }],
        });
      rule.minAmountSatang = satang;
    }
    return rule;
  });
  // The core refuses a rule naming a role that never approves transfers.
  approverFor(rules, {
    fromCategory: 'other',
    toCategory: 'other',
    crossUnit: false,
    amountSatang: 1n,
  });
  return runWrite(database, actor, async (w) => {
    const before = await loadRules(w.tx, actor.organizationId);
    await transfers.replaceTransferRules(
      w.tx,
      actor.organizationId,
      rules.map((r) => toStored(r) as unknown as Record<string, unknown>),
      w.now,
    );
    w.audit({
      action: 'update',
      entity: 'execution_rule',
      entityId: null,
      before: { kind: 'transfer', default: before.isDefault, rules: before.rules.map(ruleDto) },
      after: { kind: 'transfer', default: rules.length === 0, rules: rules.map(ruleDto) },
    });
    const after = await loadRules(w.tx, actor.organizationId);
    return { rules: after.rules.map(ruleDto), isDefault: after.isDefault };
  });
}

// --- who may do what ------------------------------------------------------------------------

interface UnitScopeFacts {
  id: string;
  analysisDivisionId: string | null;
}

/** Whether the actor's scope covers a unit (the same rule as the row-level security). */
function covers(actor: Actor, unit: UnitScopeFacts | undefined): boolean {
  if (!unit) return false;
  const kind = actor.kind === 'system' ? 'all' : scopeKindOf(actor.role);
  if (kind === 'all') return true;
  if (kind === 'division')
    return (
      actor.analysisDivisionId !== null && unit.analysisDivisionId === actor.analysisDivisionId
    );
  return unit.id === actor.unitId;
}

const isMaker = (actor: Actor, t: transfers.TransferRow) =>
  actor.userId !== null && t.requestedBy === actor.userId;

/** Why the actor may not decide (approve or reject) the transfer now, or null. */
function decideProblem(
  actor: Actor,
  t: transfers.TransferRow,
  fromUnit: UnitScopeFacts | undefined,
  toUnit: UnitScopeFacts | undefined,
): AppError | null {
  if (isMaker(actor, t))
    return new AppError(
      'forbidden',
      'you requested this transfer: its maker never approves or rejects it',
      { reason: 'transfer_own_request' },
    );
  const required = t.approverRole as Role;
  if (!canApprove({ role: actor.role, userId: actor.userId ?? '' }, { requestedBy: '-' }, required))
    return new AppError(
      'forbidden',
      `this transfer needs the approval of ${required}; you are ${actor.role}`,
      { reason: 'transfer_approver_role', approverRole: required },
    );
  if (!covers(actor, fromUnit) || !covers(actor, toUnit))
    return new AppError('forbidden', 'a unit of this transfer is outside your scope', {
      reason: 'transfer_out_of_scope',
    });
  return null;
}

// --- reading --------------------------------------------------------------------------------

type Sides = Map<string, Awaited<ReturnType<typeof transfers.sidesOf>>[number]>;

/** The names a transfer shows: both lines and units, maker and decider (system scope). */
async function namesFor(database: Database, rows: readonly transfers.TransferRow[]) {
  const lineIds = [...new Set(rows.flatMap((t) => [t.fromLineId, t.toLineId]))];
  const userIds = [
    ...new Set(rows.flatMap((t) => [t.requestedBy, t.decidedBy]).filter((u) => u !== null)),
  ];
  return withSystemScope(database, async (db) => ({
    sides: new Map((await transfers.sidesOf(db, lineIds)).map((s) => [s.lineId, s])) as Sides,
    users: await transfers.userNames(db, userIds),
  }));
}

function dto(
  actor: Actor,
  t: transfers.TransferRow,
  names: { sides: Sides; users: Map<string, string> },
) {
  const side = (lineId: string) => {
    const s = names.sides.get(lineId)!;
    return {
      lineId,
      unitId: s.unitId,
      unitCode: s.unitCode,
      unitName: s.unitName,
      lineCode: s.lineCode,
      project: s.project,
      expenseCategory: s.expenseCategory as ExpenseCategory,
      expenseItem: s.expenseItem,
    };
  };
  const person = (id: string | null) =>
    id === null ? null : { id, name: names.users.get(id) ?? '' };
  const from = names.sides.get(t.fromLineId);
  const to = names.sides.get(t.toLineId);
  const open = t.status === 'requested';
  const unitOf = (s: typeof from) =>
    s && { id: s.unitId, analysisDivisionId: s.analysisDivisionId };
  return {
    id: t.id,
    documentNo: t.documentNo,
    fiscalYear: t.fiscalYear,
    date: t.date,
    from: side(t.fromLineId),
    to: side(t.toLineId),
    amountBaht: b(t.amountSatang),
    reason: t.reason,
    status: t.status,
    approverRole: t.approverRole,
    rules: t.rules,
    requestedBy: person(t.requestedBy),
    requestedAt: t.createdAt,
    decidedBy: person(t.decidedBy),
    decidedAt: t.decidedAt,
    decisionNote: t.decisionNote,
    imported: t.importBatchId !== null,
    version: t.version,
    mayDecide:
      open &&
      actor.role !== 'unit_officer' &&
      actor.role !== 'executive' &&
      decideProblem(actor, t, unitOf(from), unitOf(to)) === null,
    mayEdit: open && isMaker(actor, t),
  };
}

/** The transfers of a fiscal year in scope (either unit), optionally by status or awaiting me. */
export async function listTransfers(
  database: Database,
  actor: Actor,
  q: {
    fiscalYear: number;
    status?: transfers.TransferRow['status'] | undefined;
    awaitingMe?: boolean | undefined;
  },
) {
  const rows = await withScope(database, actor, (db) =>
    transfers.transfersOfYear(
      db,
      actor.organizationId,
      q.fiscalYear,
      q.awaitingMe ? 'requested' : q.status,
    ),
  );
  const names = await namesFor(database, rows);
  let items = rows.map((t) => dto(actor, t, names));
  if (q.awaitingMe) items = items.filter((t) => t.mayDecide);
  return { items, total: items.length };
}

/** The transfer in scope, or 403 (it exists, outside your scope) / 404. */
async function findInScope(database: Database, actor: Actor, id: string) {
  const t = await withScope(database, actor, (db) =>
    transfers.getTransfer(db, actor.organizationId, id),
  );
  if (t) return t;
  const exists = await withSystemScope(database, (db) =>
    transfers.transferExists(db, actor.organizationId, id),
  );
  if (exists)
    throw new AppError('forbidden', 'the units of this transfer are outside your scope', {
      reason: 'transfer_out_of_scope',
    });
  throw new AppError('not_found', 'no such transfer', { reason: 'transfer_not_found' });
}

/** The order the history lists a version's fields in (the database keeps JSON keys its own way). */
const HISTORY_FIELDS = [
  'documentNo',
  'date',
  'fromLine',
  'toLine',
  'amountBaht',
  'reason',
  'status',
  'approverRole',
  'rules',
  'decisionNote',
];

/** What the history shows of each change: the fields that differ, as text, in HISTORY_FIELDS order. */
function changesOf(before: unknown, after: unknown) {
  const asRecord = (v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  const x = asRecord(before);
  const y = asRecord(after);
  const text = (v: unknown) =>
    v === undefined || v === null
      ? null
      : Array.isArray(v)
        ? v.join('; ')
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v as string | number | boolean);
  const rank = (k: string) => {
    const i = HISTORY_FIELDS.indexOf(k);
    return i < 0 ? HISTORY_FIELDS.length : i;
  };
  const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])]
    .filter((k) => !k.endsWith('Id') && k !== 'version')
    .sort((p, q) => rank(p) - rank(q) || p.localeCompare(q));
  return keys
    .filter((k) => text(x[k]) !== text(y[k]))
    .map((k) => ({ field: k, before: text(x[k]), after: text(y[k]) }));
}

/** One transfer with its history (every version, from the audit trail). */
export async function getTransferDetail(database: Database, actor: Actor, id: string) {
  const t = await findInScope(database, actor, id);
  const audit = await withScope(database, actor, (db) =>
    auditRepo.listAudit(db, {
      organizationId: actor.organizationId,
      entity: ENTITY,
      entityId: id,
      limit: 1000,
    }),
  );
  const names = await namesFor(database, [t]);
  const versionOf = (v: unknown) => {
    const n = (v as { version?: unknown } | null)?.version;
    return typeof n === 'number' ? n : null;
  };
  return {
    ...dto(actor, t, names),
    history: audit
      .slice()
      .reverse()
      .map((a) => ({
        at: a.at,
        action: a.action,
        username: a.username,
        version: versionOf(a.after),
        changes: changesOf(a.before, a.after),
      })),
  };
}

// --- writing --------------------------------------------------------------------------------

/** What the audit trail keeps of a transfer at a version. */
function snapshot(t: transfers.TransferRow, sides: Sides) {
  const describe = (lineId: string) => {
    const s = sides.get(lineId);
    return s
      ? `${s.unitCode} ${s.project} (${EXPENSE_CATEGORY_TH[s.expenseCategory as ExpenseCategory]})`
      : lineId;
  };
  return {
    documentNo: t.documentNo,
    date: t.date,
    fromLineId: t.fromLineId,
    fromLine: describe(t.fromLineId),
    toLineId: t.toLineId,
    toLine: describe(t.toLineId),
    amountBaht: b(t.amountSatang),
    reason: t.reason,
    status: t.status,
    approverRole: t.approverRole,
    rules: t.rules,
    decisionNote: t.decisionNote,
    version: t.version,
  };
}

function parseAmount(text: string): bigint {
  const amount = parseBaht(text);
  if (amount <= 0n)
    throw new AppError('validation', 'a transfer amount must be more than 0', {
      reason: 'too_small',
      fields: [{ path: 'amount', reason: 'too_small', params: { minimum: 0 } }],
    });
  return amount;
}

function parseDay(text: string) {
  const date = parseEntryDate(text);
  if (typeof date === 'string')
    throw new AppError('validation', `date: ${date}`, { reason: 'invalid_format' });
  return date;
}

/** 422 with the figures when the source line cannot give `amount` (revised − committed). */
function refuseOverBalance(line: repo.LineRow, amount: bigint) {
  const problem = transferProblem(
    { revisedSatang: revisedOf(line), committedSatang: committedOf(line) },
    amount,
  );
  if (problem === null) return;
  throw new AppError(
    'business_rule',
    `the transfer is over what the source line can give: ${problem}`,
    {
      reason: 'insufficient_balance',
      lines: [
        {
          lineId: line.id,
          requestedBaht: b(amount),
          availableBaht: b(repo.availableOf(line)),
        },
      ],
    },
  );
}

interface Planned {
  from: repo.LineRow;
  to: repo.LineRow;
  amount: bigint;
  date: string;
  fiscalMonth: number;
  approverRole: Role;
  rules: string[];
}

/** Checks a request's lines, date and amount and asks the rule table who approves it. */
async function plan(
  database: Database,
  actor: Actor,
  input: { fromLineId: string; toLineId: string; amount: string; date: string },
): Promise<Planned> {
  const amount = parseAmount(input.amount);
  const date = parseDay(input.date);
  if (input.fromLineId === input.toLineId)
    throw new AppError('business_rule', 'a transfer needs two different lines', {
      reason: 'transfer_same_line',
    });
  const { from, to, rules } = await withScope(database, actor, async (db) => ({
    from: await repo.getLine(db, actor.organizationId, input.fromLineId),
    to: await repo.getLine(db, actor.organizationId, input.toLineId),
    rules: (await loadRules(db, actor.organizationId)).rules,
  }));
  if (!from || !to)
    throw new AppError('not_found', 'no such budget line in your scope', {
      reason: 'budget_line_not_found',
      lineId: !from ? input.fromLineId : input.toLineId,
    });
  if (from.fiscalYear !== to.fiscalYear || fiscalYearOfDate(date) !== from.fiscalYear)
    throw new AppError(
      'business_rule',
      `both lines and the date must be of one fiscal year (lines ${from.fiscalYear} and ${to.fiscalYear}, date in ${fiscalYearOfDate(date)})`,
      { reason: 'transfer_years_differ' },
    );
  const approver = approverFor(rules, {
    fromCategory: from.expenseCategory as ExpenseCategory,
    toCategory: to.expenseCategory as ExpenseCategory,
    crossUnit: from.unitId !== to.unitId,
    amountSatang: amount,
  });
  return {
    from,
    to,
    amount,
    date: input.date,
    fiscalMonth: fiscalMonthOfDate(date),
    approverRole: approver.role,
    rules: approver.rules.map((r) => r.label),
  };
}

/**
 * The write path of a change that posts into a month: both units in scope and the fiscal month open
 * (423 when closed), held until commit.
 */
function writeTransfer<T>(
  database: Database,
  actor: Actor,
  touch: { units: string[]; fiscalYear: number; month?: number },
  fn: (w: WriteContext) => Promise<T>,
) {
  return runWrite(
    database,
    actor,
    { units: touch.units, period: { fiscalYear: touch.fiscalYear, month: touch.month } },
    fn,
  );
}

export interface TransferInput {
  fromLineId: string;
  toLineId: string;
  amount: string;
  reason: string;
  date: string;
}

/** A transfer request: the rule table names its approver; over what the line can give is 422. */
export async function requestTransfer(database: Database, actor: Actor, input: TransferInput) {
  const p = await plan(database, actor, input);
  const id = randomUUID();
  const created = await writeTransfer(
    database,
    actor,
    { units: [p.from.unitId, p.to.unitId], fiscalYear: p.from.fiscalYear, month: p.fiscalMonth },
    async (w) => {
      const line = (await repo.getLine(w.tx, actor.organizationId, p.from.id))!;
      refuseOverBalance(line, p.amount);
      const row = await transfers.insertTransfer(w.tx, {
        id,
        organizationId: actor.organizationId,
        fiscalYear: p.from.fiscalYear,
        documentNo: `TR-${p.from.fiscalYear}-${id.slice(0, 8).toUpperCase()}`,
        date: p.date,
        fiscalMonth: p.fiscalMonth,
        fromLineId: p.from.id,
        toLineId: p.to.id,
        fromUnitId: p.from.unitId,
        toUnitId: p.to.unitId,
        amountSatang: p.amount,
        reason: input.reason,
        status: 'requested',
        approverRole: p.approverRole,
        rules: p.rules,
        requestedBy: actor.userId,
        createdAt: w.now,
        updatedAt: w.now,
      });
      const names = await namesForTx(w.tx, row);
      w.audit({ action: 'create', entity: ENTITY, entityId: id, after: snapshot(row, names) });
      return row;
    },
  );
  return getTransferDetail(database, actor, created.id);
}

/** The two sides of one transfer, read in the write's own transaction (scope all or the maker's). */
async function namesForTx(tx: Executor, t: transfers.TransferRow): Promise<Sides> {
  return new Map(
    (await transfers.sidesOf(tx, [t.fromLineId, t.toLineId])).map((s) => [s.lineId, s]),
  );
}

/** Throws 409 when `version` is not the transfer's, 422 when it is no longer requested. */
function assertOpen(t: transfers.TransferRow, version: number) {
  if (t.version !== version) throw staleVersion('transfer', version, t.version);
  if (t.status !== 'requested')
    throw new AppError('business_rule', `the transfer is already ${t.status}`, {
      reason: 'transfer_not_open',
      status: t.status,
    });
}

async function changeRequested(
  w: WriteContext,
  t: transfers.TransferRow,
  version: number,
  values: Partial<transfers.TransferInsert>,
) {
  const after = await transfers.updateRequested(w.tx, t.id, version, values, w.now);
  if (after) return after;
  const current = await transfers.getTransfer(w.tx, t.organizationId, t.id);
  if (current) assertOpen(current, version);
  throw staleVersion('transfer', version, current?.version);
}

async function unitFacts(database: Database, t: transfers.TransferRow) {
  const names = await namesFor(database, [t]);
  const unitOf = (lineId: string) => {
    const s = names.sides.get(lineId);
    return s && { id: s.unitId, analysisDivisionId: s.analysisDivisionId };
  };
  return { from: unitOf(t.fromLineId), to: unitOf(t.toLineId), sides: names.sides };
}

/**
 * Approves a requested transfer: the approver role of the rule table (or a stricter one) within
 * its scope, never the maker; moves both lines and their month rows in one transaction, through
 * the ledger's balance check (never below what the source line has committed); a closed month
 * is 423.
 */
export async function approveTransfer(
  database: Database,
  actor: Actor,
  id: string,
  input: { version: number; note?: string | undefined },
) {
  const t = await findInScope(database, actor, id);
  const units = await unitFacts(database, t);
  const problem = decideProblem(actor, t, units.from, units.to);
  if (problem) throw problem;
  assertOpen(t, input.version);
  await writeTransfer(
    database,
    actor,
    { units: [t.fromUnitId, t.toUnitId], fiscalYear: t.fiscalYear, month: t.fiscalMonth },
    async (w) => {
      const after = await changeRequested(w, t, input.version, {
        status: 'approved',
        decidedBy: actor.userId,
        decidedAt: w.now,
        decisionNote: input.note ?? '',
      });
      await transfers.lockLinesInOrder(w.tx, [t.fromLineId, t.toLineId]);
      const shortfalls = await repo.applyLineDeltas(
        w.tx,
        [
          { lineId: t.fromLineId, transferNet: -t.amountSatang },
          { lineId: t.toLineId, transferNet: t.amountSatang },
        ],
        w.now,
      );
      if (shortfalls.length) {
        const s = shortfalls[0]!;
        throw new AppError(
          'business_rule',
          `the source line can no longer give ${b(t.amountSatang)}: ${b(s.availableSatang)} is not committed`,
          {
            reason: 'insufficient_balance',
            lines: shortfalls.map((f) => ({
              lineId: f.lineId,
              requestedBaht: b(f.requestedSatang),
              availableBaht: b(f.availableSatang),
            })),
          },
        );
      }
      const month = (lineId: string, unitId: string, delta: bigint): repo.MonthDelta => ({
        lineId,
        fiscalMonth: t.fiscalMonth,
        organizationId: t.organizationId,
        unitId,
        fiscalYear: t.fiscalYear,
        transferNet: delta,
      });
      await repo.applyMonthDeltas(w.tx, [
        month(t.fromLineId, t.fromUnitId, -t.amountSatang),
        month(t.toLineId, t.toUnitId, t.amountSatang),
      ]);
      w.audit({
        action: 'approve',
        entity: ENTITY,
        entityId: id,
        before: snapshot(t, units.sides),
        after: snapshot(after, units.sides),
      });
    },
  );
  return getTransferDetail(database, actor, id);
}

/** Rejects a requested transfer with a note: the same deciders as approval; nothing moves. */
export async function rejectTransfer(
  database: Database,
  actor: Actor,
  id: string,
  input: { version: number; note: string },
) {
  const t = await findInScope(database, actor, id);
  const units = await unitFacts(database, t);
  const problem = decideProblem(actor, t, units.from, units.to);
  if (problem) throw problem;
  assertOpen(t, input.version);
  await runWrite(database, actor, { units: [t.fromUnitId, t.toUnitId] }, async (w) => {
    const after = await changeRequested(w, t, input.version, {
      status: 'rejected',
      decidedBy: actor.userId,
      decidedAt: w.now,
      decisionNote: input.note,
    });
    w.audit({
      action: 'reject',
      entity: ENTITY,
      entityId: id,
      before: snapshot(t, units.sides),
      after: snapshot(after, units.sides),
    });
  });
  return getTransferDetail(database, actor, id);
}

function assertMaker(actor: Actor, t: transfers.TransferRow) {
  if (!isMaker(actor, t))
    throw new AppError('forbidden', 'only the maker of a transfer request edits or cancels it', {
      reason: 'transfer_not_maker',
    });
}

/** The maker withdraws their request while it is still requested. */
export async function cancelTransfer(
  database: Database,
  actor: Actor,
  id: string,
  input: { version: number; note?: string | undefined },
) {
  const t = await findInScope(database, actor, id);
  assertMaker(actor, t);
  assertOpen(t, input.version);
  const units = await unitFacts(database, t);
  await runWrite(database, actor, { units: [t.fromUnitId] }, async (w) => {
    const after = await changeRequested(w, t, input.version, {
      status: 'cancelled',
      decidedBy: actor.userId,
      decidedAt: w.now,
      decisionNote: input.note ?? '',
    });
    w.audit({
      action: 'cancel',
      entity: ENTITY,
      entityId: id,
      before: snapshot(t, units.sides),
      after: snapshot(after, units.sides),
    });
  });
  return getTransferDetail(database, actor, id);
}

/** The maker edits a requested transfer: a new version, the approver chosen again, audited. */
export async function editTransfer(
  database: Database,
  actor: Actor,
  id: string,
  input: { version: number } & Partial<TransferInput>,
) {
  const t = await findInScope(database, actor, id);
  assertMaker(actor, t);
  assertOpen(t, input.version);
  const p = await plan(database, actor, {
    fromLineId: input.fromLineId ?? t.fromLineId,
    toLineId: input.toLineId ?? t.toLineId,
    amount: input.amount ?? b(t.amountSatang),
    date: input.date ?? t.date,
  });
  await writeTransfer(
    database,
    actor,
    { units: [p.from.unitId, p.to.unitId], fiscalYear: p.from.fiscalYear, month: p.fiscalMonth },
    async (w) => {
      const line = (await repo.getLine(w.tx, actor.organizationId, p.from.id))!;
      refuseOverBalance(line, p.amount);
      const after = await changeRequested(w, t, input.version, {
        fromLineId: p.from.id,
        toLineId: p.to.id,
        fromUnitId: p.from.unitId,
        toUnitId: p.to.unitId,
        amountSatang: p.amount,
        date: p.date,
        fiscalMonth: p.fiscalMonth,
        reason: input.reason ?? t.reason,
        approverRole: p.approverRole,
        rules: p.rules,
      });
      const sides = await namesForTx(w.tx, t);
      for (const [k, v] of await namesForTx(w.tx, after)) sides.set(k, v);
      w.audit({
        action: 'update',
        entity: ENTITY,
        entityId: id,
        before: snapshot(t, sides),
        after: snapshot(after, sides),
      });
    },
  );
  return getTransferDetail(database, actor, id);
}
