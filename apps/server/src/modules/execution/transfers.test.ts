import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AppError, applyTransfers } from '@pbis/core';
import {
  budgetLineListSchema,
  errorBodySchema,
  transferDetailSchema,
  transferListSchema,
  transferRulesSchema,
  type BudgetLine,
} from '@pbis/contract';
import { csvText, snapshot, utf8 } from '../../test/fixtures.js';
import { aFiscalYear, aUnit, aUser, next } from '../../test/factories.js';
import {
  login,
  setupApp,
  testDatabases,
  type Client,
  type TestContext,
} from '../../test/harness.js';
import { listAudit } from '../audit/repository.js';
import { withSystemScope } from '../../db/scoped.js';
import { runImport } from '../imports/pipeline.js';
import { importKind } from '../imports/registry.js';
import { setPeriodLock } from '../periods/service.js';
import { listLines, postEntry } from './service.js';
import { approveTransfer, requestTransfer } from './transfers-service.js';

/*
 * Transfers between budget lines as documents (issue 15): request → decision by the role the
 * rule table names, in scope, never by the maker → both lines moved exactly, in one transaction,
 * never below what the source line has committed.
 */

const LINE_HEADER = [...importKind('budget-lines').columns];

describe.each(testDatabases())('budget transfers on $name', (kind) => {
  let t: TestContext;
  let admin: Client;
  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.close());

  interface LineSpec {
    project: string;
    category: string;
    amount: string;
  }

  /** A unit of division `division` with the given lines in fiscal year `year`. */
  async function unitWith(
    specs: LineSpec[],
    opts: { division?: number; year?: number } = {},
  ): Promise<{ unit: { id: string; code: string }; lines: Record<string, BudgetLine> }> {
    const unit = await aUnit()
      .inDivision(opts.division ?? 2)
      .create(t);
    const year = opts.year ?? 2565;
    const rows = specs.map((s) => {
      const row = Object.fromEntries(LINE_HEADER.map((c) => [c, ''])) as Record<string, string>;
      Object.assign(row, {
        fiscal_year: String(year),
        unit_code: unit.code,
        programme: 'แผนงานบริหาร',
        project: s.project,
        expense_category: s.category,
        amount: s.amount,
      });
      return LINE_HEADER.map((c) => row[c]!);
    });
    await runImport(t.database, t.system, importKind('budget-lines'), {
      bytes: utf8(csvText([LINE_HEADER, ...rows])),
      name: `transfer-lines-${next()}.csv`,
    });
    return { unit, lines: await linesOf(unit.id, year) };
  }

  async function linesOf(unitId: string, year = 2565): Promise<Record<string, BudgetLine>> {
    const res = await admin.get(`/api/v1/execution/lines?fiscalYear=${year}&unitId=${unitId}`);
    expect(res.statusCode).toBe(200);
    const items = budgetLineListSchema.parse(res.json()).items;
    return Object.fromEntries(items.map((l) => [l.project, l]));
  }

  /** The standard unit: operating 1,000,000, capital 400,000, another operating 200,000. */
  const standard = (division = 2, year = 2565) =>
    unitWith(
      [
        { project: 'งานบริหาร', category: 'operating', amount: '1000000' },
        { project: 'งานก่อสร้าง', category: 'capital', amount: '400000' },
        { project: 'งานฝึกอบรม', category: 'operating', amount: '200000' },
      ],
      { division, year },
    );

  const request = (
    c: Client,
    body: { fromLineId: string; toLineId: string; amount: string; date?: string; reason?: string },
  ) =>
    c.request('POST', '/api/v1/execution/transfers', {
      reason: 'ปรับแผนการใช้จ่ายให้ตรงกับความจำเป็น',
      date: '2022-02-01',
      ...body,
    });

  const reasonOf = (res: { json(): unknown }) =>
    (errorBodySchema.parse(res.json()).error.details as { reason?: string } | undefined)?.reason;

  async function people(unit: { id: string }, division = 2) {
    const officer = await aUser().officerOf(unit).create(t);
    const analyst = await aUser().analystOf(division).create(t);
    const office = await aUser().office().create(t);
    return {
      officer,
      analyst,
      office,
      officerC: await officer.signIn(t.app),
      analystC: await analyst.signIn(t.app),
      officeC: await office.signIn(t.app),
    };
  }

  it('request → approval moves the amount exactly, conserves the total and keeps its history', async () => {
    const { unit, lines } = await standard();
    const p = await people(unit);
    const from = lines['งานบริหาร']!;
    const to = lines['งานฝึกอบรม']!;
    const res = await request(p.officerC, {
      fromLineId: from.id,
      toLineId: to.id,
      amount: '12345.67',
    });
    expect(res.statusCode).toBe(201);
    const made = transferDetailSchema.parse(res.json());
    expect(made).toMatchObject({
      status: 'requested',
      approverRole: 'budget_analyst',
      amountBaht: '12345.67',
      version: 1,
      mayEdit: true,
      mayDecide: false,
      from: { lineId: from.id, unitCode: unit.code, project: 'งานบริหาร' },
      to: { lineId: to.id, expenseCategory: 'operating' },
      requestedBy: { id: p.officer.id },
      decidedBy: null,
    });
    expect(made.rules).toEqual(["a transfer within a unit: the unit's analysis division"]);
    // Nothing moves before the approval.
    expect((await linesOf(unit.id))['งานบริหาร']!.revisedBaht).toBe('1000000.00');
    // The analyst of the unit's division sees it awaiting their decision.
    const awaiting = transferListSchema.parse(
      (await p.analystC.get('/api/v1/execution/transfers?fiscalYear=2565&awaitingMe=true')).json(),
    );
    expect(awaiting.items.map((i) => i.id)).toContain(made.id);
    expect(awaiting.items.every((i) => i.mayDecide && i.status === 'requested')).toBe(true);
    const officerSees = transferListSchema.parse(
      (await p.officerC.get('/api/v1/execution/transfers?fiscalYear=2565&awaitingMe=true')).json(),
    );
    expect(officerSees.items).toEqual([]);
    const ok = await p.analystC.request('POST', `/api/v1/execution/transfers/${made.id}/approve`, {
      version: 1,
      note: 'เห็นชอบ',
    });
    expect(ok.statusCode).toBe(200);
    const approved = transferDetailSchema.parse(ok.json());
    expect(approved).toMatchObject({
      status: 'approved',
      version: 2,
      decidedBy: { id: p.analyst.id },
      decisionNote: 'เห็นชอบ',
      mayDecide: false,
      mayEdit: false,
    });
    const after = await linesOf(unit.id);
    expect(after['งานบริหาร']!.revisedBaht).toBe('987654.33');
    expect(after['งานฝึกอบรม']!.revisedBaht).toBe('212345.67');
    expect(after['งานก่อสร้าง']!.revisedBaht).toBe('400000.00');
    const total = Object.values(after).reduce((s, l) => s + Number(l.revisedBaht) * 100, 0);
    expect(total).toBe(160_000_000);
    // The month rows moved too (the S-curve and the as-of figures read them).
    const summary = (
      await admin.get(`/api/v1/execution/summary?fiscalYear=2565&unitId=${unit.id}`)
    ).json() as {
      total: { revisedBaht: string };
    };
    expect(summary.total.revisedBaht).toBe('1600000.00');
    // The history: created, then approved, each with its changes.
    expect(approved.history.map((h) => [h.action, h.version])).toEqual([
      ['create', 1],
      ['approve', 2],
    ]);
    expect(approved.history[1]!.changes).toEqual([
      { field: 'status', before: 'requested', after: 'approved' },
      { field: 'decisionNote', before: '', after: 'เห็นชอบ' },
    ]);
    expect(approved.history[0]!.changes.map((c) => c.field)).toEqual([
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
    ]);
    // Approving again is refused: it is no longer requested.
    const again = await p.analystC.request(
      'POST',
      `/api/v1/execution/transfers/${made.id}/approve`,
      { version: 2 },
    );
    expect(again.statusCode).toBe(422);
    expect(reasonOf(again)).toBe('transfer_not_open');
  });

  it('never lets the maker approve or reject their own request', async () => {
    const { unit, lines } = await standard();
    const p = await people(unit);
    const made = transferDetailSchema.parse(
      (
        await request(p.officeC, {
          fromLineId: lines['งานบริหาร']!.id,
          toLineId: lines['งานก่อสร้าง']!.id,
          amount: '1000.00',
        })
      ).json(),
    );
    expect(made.approverRole).toBe('budget_office'); // into capital
    expect(made.mayDecide).toBe(false);
    for (const action of ['approve', 'reject'] as const) {
      const res = await p.officeC.request(
        'POST',
        `/api/v1/execution/transfers/${made.id}/${action}`,
        {
          version: 1,
          note: 'ตนเอง',
        },
      );
      expect(res.statusCode).toBe(403);
      expect(reasonOf(res)).toBe('transfer_own_request');
    }
    expect((await linesOf(unit.id))['งานก่อสร้าง']!.revisedBaht).toBe('400000.00');
    // Another Budget Office user may.
    const other = await (await aUser().office().create(t)).signIn(t.app);
    const ok = await other.request('POST', `/api/v1/execution/transfers/${made.id}/approve`, {
      version: 1,
    });
    expect(ok.statusCode).toBe(200);
    expect((await linesOf(unit.id))['งานก่อสร้าง']!.revisedBaht).toBe('401000.00');
  });

  it('refuses the wrong role and scope with 403', async () => {
    const { unit, lines } = await standard(3);
    const p = await people(unit, 3);
    const into = await request(p.officerC, {
      fromLineId: lines['งานบริหาร']!.id,
      toLineId: lines['งานก่อสร้าง']!.id,
      amount: '5000.00',
    });
    const capital = transferDetailSchema.parse(into.json());
    expect(capital.approverRole).toBe('budget_office');
    // Every matching rule is kept; the strictest approver wins.
    expect(capital.rules).toEqual([
      'a transfer into capital (งบลงทุน)',
      "a transfer within a unit: the unit's analysis division",
    ]);
    // An analyst may not approve what needs the Budget Office.
    const analyst = await p.analystC.request(
      'POST',
      `/api/v1/execution/transfers/${capital.id}/approve`,
      { version: 1 },
    );
    expect(analyst.statusCode).toBe(403);
    expect(reasonOf(analyst)).toBe('transfer_approver_role');
    // A unit officer never decides (the route), an executive never requests.
    const officer = await p.officerC.request(
      'POST',
      `/api/v1/execution/transfers/${capital.id}/approve`,
      { version: 1 },
    );
    expect(officer.statusCode).toBe(403);
    expect(reasonOf(officer)).toBe('role_forbidden');
    const exec = await (await aUser().executive().create(t)).signIn(t.app);
    const asked = await request(exec, {
      fromLineId: lines['งานบริหาร']!.id,
      toLineId: lines['งานฝึกอบรม']!.id,
      amount: '1.00',
    });
    expect(asked.statusCode).toBe(403);
    // An officer of another unit cannot request from this unit's lines (not in scope).
    const { unit: elsewhere } = await standard(3);
    const stranger = await (await aUser().officerOf(elsewhere).create(t)).signIn(t.app);
    const foreign = await request(stranger, {
      fromLineId: lines['งานบริหาร']!.id,
      toLineId: lines['งานฝึกอบรม']!.id,
      amount: '1.00',
    });
    expect(foreign.statusCode).toBe(404);
    expect(reasonOf(foreign)).toBe('budget_line_not_found');
    // … nor cancel a request of this unit.
    const cancel = await stranger.request(
      'POST',
      `/api/v1/execution/transfers/${capital.id}/cancel`,
      { version: 1 },
    );
    expect(cancel.statusCode).toBe(403);
    expect(reasonOf(cancel)).toBe('transfer_out_of_scope');
    // Nothing moved.
    expect((await linesOf(unit.id))['งานบริหาร']!.revisedBaht).toBe('1000000.00');
  });

  it('refuses an analyst of another division with 403, and lets the one of the division decide', async () => {
    const { unit, lines } = await standard(4);
    const p = await people(unit, 4);
    const made = transferDetailSchema.parse(
      (
        await request(p.officerC, {
          fromLineId: lines['งานบริหาร']!.id,
          toLineId: lines['งานฝึกอบรม']!.id,
          amount: '300.00',
        })
      ).json(),
    );
    const other = await (await aUser().analystOf(5).create(t)).signIn(t.app);
    for (const action of ['approve', 'reject'] as const) {
      const res = await other.request('POST', `/api/v1/execution/transfers/${made.id}/${action}`, {
        version: 1,
        note: 'ไม่ใช่ของฉัน',
      });
      expect(res.statusCode).toBe(403);
      expect(reasonOf(res)).toBe('transfer_out_of_scope');
    }
    const list = transferListSchema.parse(
      (await other.get('/api/v1/execution/transfers?fiscalYear=2565')).json(),
    );
    expect(list.items.map((i) => i.id)).not.toContain(made.id);
    expect((await other.get(`/api/v1/execution/transfers/${made.id}`)).statusCode).toBe(403);
    const unknown = await other.get(
      '/api/v1/execution/transfers/00000000-0000-4000-8000-000000000000',
    );
    expect(unknown.statusCode).toBe(404);
    expect(reasonOf(unknown)).toBe('transfer_not_found');
    // The division's analyst rejects with a note; nothing moves.
    const rejected = await p.analystC.request(
      'POST',
      `/api/v1/execution/transfers/${made.id}/reject`,
      { version: 1, note: 'ยังไม่มีความจำเป็น' },
    );
    expect(rejected.statusCode).toBe(200);
    expect(transferDetailSchema.parse(rejected.json())).toMatchObject({
      status: 'rejected',
      decisionNote: 'ยังไม่มีความจำเป็น',
    });
    // A rejection needs its note.
    const bare = await p.analystC.request('POST', `/api/v1/execution/transfers/${made.id}/reject`, {
      version: 2,
    });
    expect(bare.statusCode).toBe(400);
    expect((await linesOf(unit.id))['งานบริหาร']!.revisedBaht).toBe('1000000.00');
  });

  it('refuses over what the source line can give with 422 and the figures, at request and at approval', async () => {
    const { unit, lines } = await standard();
    const p = await people(unit);
    const from = lines['งานฝึกอบรม']!; // 200,000
    await postEntry(t.database, p.officer.actor, 'obligation', {
      lineId: from.id,
      documentNo: `O-${unit.code}-1`,
      date: '2022-01-05',
      amount: '150000.00',
    });
    const before = await snapshot(t.database);
    const over = await request(p.officerC, {
      fromLineId: from.id,
      toLineId: lines['งานบริหาร']!.id,
      amount: '50000.01',
    });
    expect(over.statusCode).toBe(422);
    const body = errorBodySchema.parse(over.json());
    expect(body.error.details).toMatchObject({
      reason: 'insufficient_balance',
      lines: [{ lineId: from.id, requestedBaht: '50000.01', availableBaht: '50000.00' }],
    });
    expect(body.error.message).toMatch(/at most 50,000\.00/);
    expect(await snapshot(t.database)).toEqual(before);
    // Exactly what is left passes the request …
    const ok = transferDetailSchema.parse(
      (
        await request(p.officerC, {
          fromLineId: from.id,
          toLineId: lines['งานบริหาร']!.id,
          amount: '50000.00',
        })
      ).json(),
    );
    // … but another obligation lands before the approval: the approval re-checks.
    await postEntry(t.database, p.officer.actor, 'obligation', {
      lineId: from.id,
      documentNo: `O-${unit.code}-2`,
      date: '2022-01-06',
      amount: '0.01',
    });
    const late = await p.analystC.request('POST', `/api/v1/execution/transfers/${ok.id}/approve`, {
      version: 1,
    });
    expect(late.statusCode).toBe(422);
    expect(errorBodySchema.parse(late.json()).error.details).toMatchObject({
      reason: 'insufficient_balance',
      lines: [{ lineId: from.id, availableBaht: '49999.99' }],
    });
    const still = transferDetailSchema.parse(
      (await p.analystC.get(`/api/v1/execution/transfers/${ok.id}`)).json(),
    );
    expect(still).toMatchObject({ status: 'requested', version: 1 });
    expect((await linesOf(unit.id))['งานฝึกอบรม']!.revisedBaht).toBe('200000.00');
    // Bad requests: zero, the same line twice, lines of two years.
    const zero = await request(p.officerC, {
      fromLineId: from.id,
      toLineId: lines['งานบริหาร']!.id,
      amount: '0',
    });
    expect(zero.statusCode).toBe(400);
    const same = await request(p.officerC, { fromLineId: from.id, toLineId: from.id, amount: '1' });
    expect(same.statusCode).toBe(422);
    expect(reasonOf(same)).toBe('transfer_same_line');
    const wrongYear = await request(p.officerC, {
      fromLineId: from.id,
      toLineId: lines['งานบริหาร']!.id,
      amount: '1',
      date: '2023-02-01',
    });
    expect(wrongYear.statusCode).toBe(422);
    expect(reasonOf(wrongYear)).toBe('transfer_years_differ');
  });

  it('keeps versions: an edit bumps the version, a stale one is 409, and the history shows both', async () => {
    const { unit, lines } = await standard();
    const p = await people(unit);
    const made = transferDetailSchema.parse(
      (
        await request(p.officerC, {
          fromLineId: lines['งานบริหาร']!.id,
          toLineId: lines['งานฝึกอบรม']!.id,
          amount: '1000.00',
        })
      ).json(),
    );
    // Only the maker edits.
    const notMine = await p.officeC.request('PATCH', `/api/v1/execution/transfers/${made.id}`, {
      version: 1,
      amount: '5.00',
    });
    expect(notMine.statusCode).toBe(403);
    expect(reasonOf(notMine)).toBe('transfer_not_maker');
    const edited = await p.officerC.request('PATCH', `/api/v1/execution/transfers/${made.id}`, {
      version: 1,
      amount: '2000.00',
      toLineId: lines['งานก่อสร้าง']!.id,
      reason: 'ย้ายไปงานก่อสร้าง',
    });
    expect(edited.statusCode).toBe(200);
    const v2 = transferDetailSchema.parse(edited.json());
    // The rule table is asked again: into capital now needs the Budget Office.
    expect(v2).toMatchObject({ version: 2, amountBaht: '2000.00', approverRole: 'budget_office' });
    expect(v2.history.map((h) => h.action)).toEqual(['create', 'update']);
    expect(v2.history[1]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'amountBaht', before: '1000.00', after: '2000.00' },
        { field: 'approverRole', before: 'budget_analyst', after: 'budget_office' },
        {
          field: 'toLine',
          before: `${unit.code} งานฝึกอบรม (งบดำเนินงาน)`,
          after: `${unit.code} งานก่อสร้าง (งบลงทุน)`,
        },
      ]),
    );
    for (const [c, path, body] of [
      [p.officerC, `/api/v1/execution/transfers/${made.id}`, { version: 1, amount: '3.00' }],
      [p.officeC, `/api/v1/execution/transfers/${made.id}/approve`, { version: 1 }],
      [p.officerC, `/api/v1/execution/transfers/${made.id}/cancel`, { version: 1 }],
    ] as const) {
      const res = await c.request(path.endsWith(made.id) ? 'PATCH' : 'POST', path, body);
      expect(res.statusCode, path).toBe(409);
      expect(errorBodySchema.parse(res.json()).error.details).toMatchObject({
        reason: 'stale_version',
        currentVersion: 2,
      });
    }
    const ok = await p.officeC.request('POST', `/api/v1/execution/transfers/${made.id}/approve`, {
      version: 2,
    });
    expect(ok.statusCode).toBe(200);
    const after = await linesOf(unit.id);
    expect(after['งานก่อสร้าง']!.revisedBaht).toBe('402000.00');
    expect(after['งานฝึกอบรม']!.revisedBaht).toBe('200000.00');
  });

  it('lets the maker cancel while requested, and only then', async () => {
    const { unit, lines } = await standard();
    const p = await people(unit);
    const made = transferDetailSchema.parse(
      (
        await request(p.officerC, {
          fromLineId: lines['งานบริหาร']!.id,
          toLineId: lines['งานฝึกอบรม']!.id,
          amount: '10.00',
        })
      ).json(),
    );
    const byOther = await p.officeC.request(
      'POST',
      `/api/v1/execution/transfers/${made.id}/cancel`,
      {
        version: 1,
      },
    );
    expect(byOther.statusCode).toBe(403);
    expect(reasonOf(byOther)).toBe('transfer_not_maker');
    const res = await p.officerC.request('POST', `/api/v1/execution/transfers/${made.id}/cancel`, {
      version: 1,
      note: 'ไม่ต้องการแล้ว',
    });
    expect(res.statusCode).toBe(200);
    expect(transferDetailSchema.parse(res.json())).toMatchObject({
      status: 'cancelled',
      version: 2,
      mayEdit: false,
    });
    const approve = await p.analystC.request(
      'POST',
      `/api/v1/execution/transfers/${made.id}/approve`,
      {
        version: 2,
      },
    );
    expect(approve.statusCode).toBe(422);
    expect(reasonOf(approve)).toBe('transfer_not_open');
    const cancelled = transferListSchema.parse(
      (await p.officerC.get('/api/v1/execution/transfers?fiscalYear=2565&status=cancelled')).json(),
    );
    expect(cancelled.items.map((i) => i.id)).toEqual([made.id]);
    expect((await linesOf(unit.id))['งานบริหาร']!.revisedBaht).toBe('1000000.00');
  });

  it('refuses an approval into a month closed since the request with 423', async () => {
    const year = 2600 + next();
    await aFiscalYear(year).create(t);
    const { unit, lines } = await standard(2, year);
    const p = await people(unit);
    const ce = year - 543;
    const made = transferDetailSchema.parse(
      (
        await request(p.officerC, {
          fromLineId: lines['งานบริหาร']!.id,
          toLineId: lines['งานฝึกอบรม']!.id,
          amount: '10.00',
          date: `${ce - 1}-12-15`, // fiscal month 3
        })
      ).json(),
    );
    await setPeriodLock(t.database, t.system, { fiscalYear: year, month: 3, locked: true });
    const res = await p.analystC.request('POST', `/api/v1/execution/transfers/${made.id}/approve`, {
      version: 1,
    });
    expect(res.statusCode).toBe(423);
    expect(reasonOf(res)).toBe('period_locked');
    // A new request into the closed month is refused too; the maker moves the date to an open one.
    const closed = await request(p.officerC, {
      fromLineId: lines['งานบริหาร']!.id,
      toLineId: lines['งานฝึกอบรม']!.id,
      amount: '10.00',
      date: `${ce - 1}-12-20`,
    });
    expect(closed.statusCode).toBe(423);
    const moved = await p.officerC.request('PATCH', `/api/v1/execution/transfers/${made.id}`, {
      version: 1,
      date: `${ce}-01-10`,
    });
    expect(moved.statusCode).toBe(200);
    const ok = await p.analystC.request('POST', `/api/v1/execution/transfers/${made.id}/approve`, {
      version: 2,
    });
    expect(ok.statusCode).toBe(200);
    expect((await linesOf(unit.id, year))['งานฝึกอบรม']!.revisedBaht).toBe('200010.00');
  });

  it('never takes a line below what it committed under 20 parallel approvals', async () => {
    const { unit, lines } = await unitWith([
      { project: 'งานต้นทาง', category: 'operating', amount: '130000' },
      { project: 'งานปลายทาง ก', category: 'operating', amount: '1000' },
      { project: 'งานปลายทาง ข', category: 'operating', amount: '1000' },
    ]);
    const p = await people(unit);
    const from = lines['งานต้นทาง']!;
    await postEntry(t.database, p.officer.actor, 'obligation', {
      lineId: from.id,
      documentNo: `P-${unit.code}`,
      date: '2022-01-05',
      amount: '30000.00',
    });
    // 100,000 can be given; each of 20 requests of 7,000 fits alone; exactly 14 fit together.
    const made: { id: string }[] = [];
    for (let i = 0; i < 20; i++)
      made.push(
        transferDetailSchema.parse(
          (
            await request(p.officerC, {
              fromLineId: from.id,
              toLineId: lines[i % 2 ? 'งานปลายทาง ก' : 'งานปลายทาง ข']!.id,
              amount: '7000.00',
            })
          ).json(),
        ),
      );
    const answers = await Promise.all(
      made.map((m) =>
        p.officeC.request('POST', `/api/v1/execution/transfers/${m.id}/approve`, { version: 1 }),
      ),
    );
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 200).length).toBe(14);
    expect(codes.filter((c) => c === 422).length).toBe(6);
    const after = await linesOf(unit.id);
    expect(after['งานต้นทาง']!.revisedBaht).toBe('32000.00');
    expect(after['งานต้นทาง']!.availableBaht).toBe('2000.00');
    expect(
      Number(after['งานปลายทาง ก']!.revisedBaht) + Number(after['งานปลายทาง ข']!.revisedBaht),
    ).toBe(2000 + 98000);
    const approved = transferListSchema
      .parse(
        (await p.officeC.get('/api/v1/execution/transfers?fiscalYear=2565&status=approved')).json(),
      )
      .items.filter((i) => i.from.unitId === unit.id);
    expect(approved.length).toBe(14);
  });

  it('keeps the organisation total through any sequence of approved transfers (property)', async () => {
    const { unit, lines } = await unitWith([
      { project: 'ก', category: 'operating', amount: '1000' },
      { project: 'ข', category: 'capital', amount: '500' },
      { project: 'ค', category: 'personnel', amount: '250.50' },
      { project: 'ง', category: 'other', amount: '0.01' },
    ]);
    const maker = await aUser().officerOf(unit).create(t);
    const office = await aUser().office().create(t);
    const ids = Object.values(lines).map((l) => l.id);
    const satang = (baht: string) => BigInt(baht.replace('.', ''));
    const totals = async () => {
      const all = await listLines(t.database, t.system, { fiscalYear: 2565 });
      let revised = 0n;
      let enacted = 0n;
      for (const l of all) {
        revised += satang(l.revisedBaht);
        enacted += satang(l.enactedBaht);
        expect(satang(l.availableBaht)).toBeGreaterThanOrEqual(0n);
      }
      const mine = new Map(
        all.filter((l) => ids.includes(l.id)).map((l) => [l.id, satang(l.revisedBaht)]),
      );
      return { revised, enacted, mine };
    };
    const start = await totals();
    // The core's model of the same transfers: the service must agree with it line by line.
    let model = start.mine;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            from: fc.integer({ min: 0, max: 3 }),
            to: fc.integer({ min: 0, max: 3 }),
            satang: fc.bigInt({ min: 1n, max: 60_000n }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        async (steps) => {
          for (const s of steps) {
            const move = { fromLineId: ids[s.from]!, toLineId: ids[s.to]!, amountSatang: s.satang };
            const expected = applyTransfers(model, [move]);
            const made = await requestTransfer(t.database, maker.actor, {
              fromLineId: move.fromLineId,
              toLineId: move.toLineId,
              amount: `${s.satang / 100n}.${String(s.satang % 100n).padStart(2, '0')}`,
              reason: 'ทดสอบคุณสมบัติ',
              date: '2022-03-01',
            }).catch((e: unknown) => e as Error);
            if (expected.refused.length > 0) {
              expect(made).toBeInstanceOf(AppError);
              continue;
            }
            if (made instanceof Error) throw made;
            await approveTransfer(t.database, office.actor, made.id, { version: 1 });
            model = expected.balances;
          }
          const now = await totals();
          expect(now.revised).toBe(now.enacted);
          expect(now.revised).toBe(start.revised);
          expect(now.mine).toEqual(model);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('reads and replaces the rule table (validated, audited), and requests follow it', async () => {
    const office = await (await aUser().office().create(t)).signIn(t.app);
    const initial = transferRulesSchema.parse(
      (await office.get('/api/v1/execution/transfer-rules')).json(),
    );
    expect(initial.isDefault).toBe(true);
    expect(initial.rules.map((r) => r.approverRole)).toEqual([
      'budget_office',
      'budget_office',
      'budget_office',
      'budget_analyst',
    ]);
    expect(initial.rules[2]!.minAmount).toBe('1000000.00');
    const analyst = await (await aUser().analystOf(2).create(t)).signIn(t.app);
    expect(
      (await analyst.request('PUT', '/api/v1/execution/transfer-rules', { rules: [] })).statusCode,
    ).toBe(403);
    const bad = await office.request('PUT', '/api/v1/execution/transfer-rules', {
      rules: [{ approverRole: 'admin', label: 'ผู้ดูแลระบบ' }],
    });
    expect(bad.statusCode).toBe(400);
    const noLabel = await office.request('PUT', '/api/v1/execution/transfer-rules', {
      rules: [{ approverRole: 'budget_office', label: '' }],
    });
    expect(noLabel.statusCode).toBe(400);
    const zero = await office.request('PUT', '/api/v1/execution/transfer-rules', {
      rules: [{ approverRole: 'budget_office', label: 'ศูนย์', minAmount: '0' }],
    });
    expect(zero.statusCode).toBe(400);
    const put = await office.request('PUT', '/api/v1/execution/transfer-rules', {
      rules: [
        { fromCategory: 'personnel', approverRole: 'budget_office', label: 'โอนออกจากงบบุคลากร' },
        { minAmount: '500.00', approverRole: 'budget_office', label: 'ตั้งแต่ 500 บาท' },
        { approverRole: 'budget_analyst', label: 'อื่น ๆ' },
      ],
    });
    expect(put.statusCode).toBe(200);
    const stored = transferRulesSchema.parse(put.json());
    expect(stored.isDefault).toBe(false);
    expect(stored.rules[1]).toEqual({
      fromCategory: null,
      toCategory: null,
      crossUnit: null,
      minAmount: '500.00',
      approverRole: 'budget_office',
      label: 'ตั้งแต่ 500 บาท',
    });
    try {
      const { unit, lines } = await standard();
      const officer = await (await aUser().officerOf(unit).create(t)).signIn(t.app);
      const big = transferDetailSchema.parse(
        (
          await request(officer, {
            fromLineId: lines['งานบริหาร']!.id,
            toLineId: lines['งานฝึกอบรม']!.id,
            amount: '500.00',
          })
        ).json(),
      );
      expect([big.approverRole, big.rules]).toEqual(['budget_office', ['ตั้งแต่ 500 บาท', 'อื่น ๆ']]);
      // Into capital is no longer special under these rules.
      const small = transferDetailSchema.parse(
        (
          await request(officer, {
            fromLineId: lines['งานบริหาร']!.id,
            toLineId: lines['งานก่อสร้าง']!.id,
            amount: '499.99',
          })
        ).json(),
      );
      expect([small.approverRole, small.rules]).toEqual(['budget_analyst', ['อื่น ๆ']]);
    } finally {
      const reset = await office.request('PUT', '/api/v1/execution/transfer-rules', { rules: [] });
      expect(transferRulesSchema.parse(reset.json()).isDefault).toBe(true);
    }
    const audit = await withSystemScope(t.database, (db) =>
      listAudit(db, { organizationId: t.organizationId, entity: 'execution_rule', limit: 10 }),
    );
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(audit[0]!.after).toMatchObject({ kind: 'transfer', default: true });
    expect(audit[1]!.after).toMatchObject({ kind: 'transfer', default: false });
  });

  it('writes an audit entry for every change of a transfer', async () => {
    const { unit, lines } = await standard();
    const p = await people(unit);
    const made = transferDetailSchema.parse(
      (
        await request(p.officerC, {
          fromLineId: lines['งานบริหาร']!.id,
          toLineId: lines['งานฝึกอบรม']!.id,
          amount: '77.00',
        })
      ).json(),
    );
    await p.officerC.request('PATCH', `/api/v1/execution/transfers/${made.id}`, {
      version: 1,
      amount: '78.00',
    });
    await p.analystC.request('POST', `/api/v1/execution/transfers/${made.id}/approve`, {
      version: 2,
    });
    const audit = await withSystemScope(t.database, (db) =>
      listAudit(db, {
        organizationId: t.organizationId,
        entity: 'budget_transfer',
        entityId: made.id,
        limit: 10,
      }),
    );
    expect(audit.map((a) => [a.action, a.username])).toEqual([
      ['approve', p.analyst.username],
      ['update', p.officer.username],
      ['create', p.officer.username],
    ]);
    expect(audit[0]!.before).toMatchObject({
      status: 'requested',
      version: 2,
      amountBaht: '78.00',
    });
    expect(audit[0]!.after).toMatchObject({ status: 'approved', version: 3 });
  });

  it('shows a transfer to both its units and names the people on it', async () => {
    const a = await standard();
    const b = await standard();
    const office = await aUser().office().displayName('นางสาวงบ ประมาณ').create(t);
    const officeC = await office.signIn(t.app);
    const cross = transferDetailSchema.parse(
      (
        await request(officeC, {
          fromLineId: a.lines['งานบริหาร']!.id,
          toLineId: b.lines['งานบริหาร']!.id,
          amount: '100.00',
        })
      ).json(),
    );
    expect(cross.approverRole).toBe('budget_office');
    expect(cross.rules).toContain('a transfer between receiving units');
    const officerB = await (await aUser().officerOf(b.unit).create(t)).signIn(t.app);
    const seen = transferListSchema.parse(
      (await officerB.get('/api/v1/execution/transfers?fiscalYear=2565')).json(),
    );
    const item = seen.items.find((i) => i.id === cross.id)!;
    expect(item.from.unitCode).toBe(a.unit.code);
    expect(item.to.unitCode).toBe(b.unit.code);
    expect(item.requestedBy).toEqual({ id: office.id, name: 'นางสาวงบ ประมาณ' });
    expect(item.mayDecide).toBe(false);
    expect(item.mayEdit).toBe(false);
  });
});
