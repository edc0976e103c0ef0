import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  budgetLineListSchema,
  carriedLineListSchema,
  carriedLineSchema,
  carryOverListSchema,
  carryOverSchema,
  closeYearResultSchema,
  lapseExpiredResultSchema,
  moneyIndicatorsSchema,
  periodLocksSchema,
  yearEndPreviewSchema,
  yearEndSettingsSchema,
} from '@pbis/contract';
import { runImport } from '../modules/imports/pipeline.js';
import { importKind } from '../modules/imports/registry.js';
import { closeYear, yearEndFaults } from '../modules/execution/year-end-close.js';
import { csvText, snapshot, utf8 } from './fixtures.js';
import { aFiscalYear, aUnit, aUser, next, type TestUser } from './factories.js';
import { login, setupApp, testDatabases, type Client, type TestContext } from './harness.js';

/*
 * The fiscal year's end on a small ledger whose figures are worked out by hand:
 *   L1 operating 1,000,000: obligation O1 600,000 (250,000 paid on it), 100,000 paid directly
 *      → unpaid 650,000 = with obligation 350,000 + without (approved) 120,000 + lapse 180,000;
 *      uncommitted remainder 1,000,000 − 600,000 − 100,000 = 300,000
 *   L2 capital 400,000: obligation O2 400,000 paid in full, with 200,000 for the next year
 *      → nothing carried, nothing lapses; the next year's capital line gets O2's 200,000
 *   L3 personnel 500,000: 480,000 paid directly → lapse 20,000
 *   totals: unpaid 670,000 = 350,000 + 120,000 + 200,000
 */

const LINE_HEADER = [...importKind('budget-lines').columns];

describe.each(testDatabases())('the fiscal year end on $name', (kind) => {
  let t: TestContext;
  let admin: Client;
  let office: TestUser;
  let officeClient: Client;
  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    admin = await login(t.app, 'admin');
    office = await aUser().office().create(t);
    officeClient = await office.signIn(t.app);
  });
  afterAll(() => t.close());

  const ok = <T>(
    res: { statusCode: number; body: string; json(): unknown },
    status: number,
    schema?: { parse(v: unknown): T },
  ) => {
    expect(res.statusCode, res.body).toBe(status);
    return schema ? schema.parse(res.json()) : (res.json() as T);
  };
  const reason = (res: { statusCode: number; body: string; json(): unknown }, status: number) => {
    expect(res.statusCode, res.body).toBe(status);
    return (res.json() as { error: { details?: { reason?: string } } }).error.details?.reason;
  };

  /** The hand-computed ledger of fiscal year `year` for a new unit of division 2. */
  async function ledger(year: number) {
    const n = next();
    const ce = year - 543;
    const unit = await aUnit().inDivision(2).create(t);
    await aFiscalYear(year).create(t);
    await aFiscalYear(year + 1).create(t);
    const row = (y: number, project: string, cat: string, amount: string) => [
      String(y),
      unit.code,
      unit.nameTh,
      'แผนงานบริหาร',
      '',
      '',
      project,
      cat,
      '',
      amount,
      '',
      '',
      '',
    ];
    await runImport(t.database, t.system, importKind('budget-lines'), {
      bytes: utf8(
        csvText([
          LINE_HEADER,
          row(year, 'งานบริหารทั่วไป', 'operating', '1000000'),
          row(year, 'งานก่อสร้าง', 'capital', '400000'),
          row(year, 'งานบริหารทั่วไป', 'personnel', '500000'),
          row(year + 1, 'งานก่อสร้าง', 'capital', '500000'),
        ]),
      ),
      name: `ye-lines-${n}.csv`,
    });
    const linesOf = async (y: number) =>
      ok(
        await admin.get(`/api/v1/execution/lines?fiscalYear=${y}&unitId=${unit.id}`),
        200,
        budgetLineListSchema,
      ).items;
    const lines = await linesOf(year);
    const id = (cat: string) => lines.find((l) => l.expenseCategory === cat)!.id;
    const [l1, l2, l3] = [id('operating'), id('capital'), id('personnel')];
    const o1 = `O1-${n}`;
    const o2 = `O2-${n}`;
    const post = async (k: 'obligations' | 'disbursements', body: object) =>
      ok(await admin.request('POST', `/api/v1/execution/${k}`, body), 201);
    await post('obligations', {
      lineId: l1,
      documentNo: o1,
      date: `${ce}-01-10`,
      amount: '600000',
      vendor: 'บริษัท ก จำกัด',
    });
    await post('disbursements', {
      lineId: l1,
      documentNo: `D1-${n}`,
      date: `${ce}-03-10`,
      amount: '250000',
      obligationNo: o1,
    });
    await post('disbursements', {
      lineId: l1,
      documentNo: `D2-${n}`,
      date: `${ce}-04-10`,
      amount: '100000',
    });
    await post('obligations', {
      lineId: l2,
      documentNo: o2,
      date: `${ce}-02-01`,
      amount: '400000',
      laterYears: [{ fiscalYear: year + 1, amount: '200000' }],
    });
    await post('disbursements', {
      lineId: l2,
      documentNo: `D3-${n}`,
      date: `${ce}-08-01`,
      amount: '400000',
      obligationNo: o2,
    });
    await post('disbursements', {
      lineId: l3,
      documentNo: `D4-${n}`,
      date: `${ce}-09-01`,
      amount: '480000',
    });
    const officer = await aUser().officerOf(unit).create(t);
    return {
      unit,
      ce,
      l1,
      l2,
      l3,
      o1,
      o2,
      n,
      officer,
      officerClient: await officer.signIn(t.app),
      linesOf,
    };
  }

  const preview = async (c: Client, year: number, unitId?: string) =>
    ok(
      await c.get(
        `/api/v1/execution/year-end/preview?fiscalYear=${year}${unitId ? `&unitId=${unitId}` : ''}`,
      ),
      200,
      yearEndPreviewSchema,
    );

  describe('requests, approval and closing', () => {
    const YEAR = 2565;
    let L: Awaited<ReturnType<typeof ledger>>;
    let requestId = '';
    beforeAll(async () => {
      L = await ledger(YEAR);
    });

    it('previews what closing will do, line by line, by hand', async () => {
      const p = await preview(admin, YEAR, L.unit.id);
      expect(p.closed).toBe(false);
      expect(p.carryDeadline).toBe(`${L.ce + 1}-03-31`);
      const by = (id: string) => p.lines.find((l) => l.lineId === id)!;
      expect(by(L.l1)).toMatchObject({
        revisedBaht: '1000000.00',
        disbursedBaht: '350000.00',
        unpaidBaht: '650000.00',
        withObligationBaht: '350000.00',
        withoutObligationApprovedBaht: '0.00',
        lapseBaht: '300000.00',
        remainderBaht: '300000.00',
      });
      expect(by(L.l2)).toMatchObject({
        unpaidBaht: '0.00',
        withObligationBaht: '0.00',
        lapseBaht: '0.00',
      });
      expect(by(L.l3)).toMatchObject({
        unpaidBaht: '20000.00',
        lapseBaht: '20000.00',
        remainderBaht: '20000.00',
      });
      expect(p.totals).toEqual({
        revisedBaht: '1900000.00',
        disbursedBaht: '1230000.00',
        unpaidBaht: '670000.00',
        withObligationBaht: '350000.00',
        withoutObligationApprovedBaht: '0.00',
        withoutObligationRequestedBaht: '0.00',
        lapseBaht: '320000.00',
      });
      expect(p.laterYears).toEqual([
        expect.objectContaining({
          obligationNo: L.o2,
          fiscalYear: YEAR + 1,
          amountBaht: '200000.00',
          posted: false,
        }),
      ]);
      expect(p.laterYears[0]!.toLineId).not.toBeNull();
    });

    it('takes a request from the unit officer up to the uncommitted remainder', async () => {
      const over = await L.officerClient.request('POST', '/api/v1/execution/carry-overs', {
        lineId: L.l1,
        amount: '300000.01',
        reason: 'จัดซื้อไม่ทัน',
      });
      expect(reason(over, 422)).toBe('carry_over_exceeds_remainder');
      const c = ok(
        await L.officerClient.request('POST', '/api/v1/execution/carry-overs', {
          lineId: L.l1,
          amount: '120000',
          reason: 'จัดซื้อครุภัณฑ์ไม่ทันสิ้นปี',
        }),
        201,
        carryOverSchema,
      );
      expect(c).toMatchObject({
        status: 'requested',
        amountBaht: '120000.00',
        kind: 'without_obligation',
        version: 1,
      });
      expect(c.requestedBy).toBe(L.officer.username);
      requestId = c.id;
      // A second request on the line without its version is stale.
      const again = await L.officerClient.request('POST', '/api/v1/execution/carry-overs', {
        lineId: L.l1,
        amount: '100000',
        reason: 'x',
      });
      expect(reason(again, 409)).toBe('stale_version');
      const p = await preview(admin, YEAR, L.unit.id);
      expect(p.pendingRequests).toBe(1);
      expect(p.totals.withoutObligationRequestedBaht).toBe('120000.00');
      expect(p.totals.lapseBaht).toBe('320000.00');
    });

    it('keeps to scope: another unit cannot see or request; an analyst only their division', async () => {
      const other = await aUnit().inDivision(5).create(t);
      const stranger = await (await aUser().officerOf(other).create(t)).signIn(t.app);
      expect((await preview(stranger, YEAR, L.unit.id)).lines).toEqual([]);
      const res = await stranger.request('POST', '/api/v1/execution/carry-overs', {
        lineId: L.l1,
        amount: '1',
        reason: 'x',
      });
      expect(reason(res, 404)).toBe('budget_line_not_found');
      const list = ok(
        await stranger.get(`/api/v1/execution/carry-overs?fiscalYear=${YEAR}`),
        200,
        carryOverListSchema,
      );
      expect(list.items.find((i) => i.id === requestId)).toBeUndefined();
      const analyst2 = await (await aUser().analystOf(2).create(t)).signIn(t.app);
      const analyst5 = await (await aUser().analystOf(5).create(t)).signIn(t.app);
      expect((await preview(analyst2, YEAR, L.unit.id)).lines).toHaveLength(3);
      expect((await preview(analyst5, YEAR, L.unit.id)).lines).toEqual([]);
      const byAnalyst = await analyst2.request('POST', '/api/v1/execution/carry-overs', {
        lineId: L.l1,
        amount: '1',
        reason: 'x',
      });
      expect(byAnalyst.statusCode).toBe(403);
      const approve = await L.officerClient.request(
        'POST',
        `/api/v1/execution/carry-overs/${requestId}/approve`,
        {
          version: 1,
          reference: 'x',
        },
      );
      expect(approve.statusCode).toBe(403);
    });

    it('never lets the maker approve; rejects with a note; approves with the council reference', async () => {
      const own = ok(
        await officeClient.request('POST', '/api/v1/execution/carry-overs', {
          lineId: L.l3,
          amount: '5000',
          reason: 'ค่าจ้างค้างจ่าย',
        }),
        201,
        carryOverSchema,
      );
      const self = await officeClient.request(
        'POST',
        `/api/v1/execution/carry-overs/${own.id}/approve`,
        {
          version: own.version,
          reference: 'สภากรุงเทพมหานคร 1/2565',
        },
      );
      expect(reason(self, 403)).toBe('maker_cannot_approve');
      const rejected = ok(
        await admin.request('POST', `/api/v1/execution/carry-overs/${own.id}/reject`, {
          version: own.version,
          note: 'ไม่เข้าเงื่อนไข',
        }),
        200,
        carryOverSchema,
      );
      expect(rejected).toMatchObject({
        status: 'rejected',
        decisionNote: 'ไม่เข้าเงื่อนไข',
        decidedBy: 'admin',
        version: 2,
      });
      const twice = await admin.request('POST', `/api/v1/execution/carry-overs/${own.id}/reject`, {
        version: 2,
        note: 'อีกครั้ง',
      });
      expect(reason(twice, 409)).toBe('carry_over_not_requested');

      const stale = await officeClient.request(
        'POST',
        `/api/v1/execution/carry-overs/${requestId}/approve`,
        {
          version: 7,
          reference: 'สภากรุงเทพมหานคร 1/2565',
        },
      );
      expect(reason(stale, 409)).toBe('stale_version');
      const approved = ok(
        await officeClient.request('POST', `/api/v1/execution/carry-overs/${requestId}/approve`, {
          version: 1,
          reference: 'สภากรุงเทพมหานคร ครั้งที่ 1/2565',
        }),
        200,
        carryOverSchema,
      );
      expect(approved).toMatchObject({
        status: 'approved',
        reference: 'สภากรุงเทพมหานคร ครั้งที่ 1/2565',
        decidedBy: office.username,
        version: 2,
      });
      const p = await preview(admin, YEAR, L.unit.id);
      expect(p.pendingRequests).toBe(0);
      expect(p.totals).toMatchObject({
        unpaidBaht: '670000.00',
        withObligationBaht: '350000.00',
        withoutObligationApprovedBaht: '120000.00',
        lapseBaht: '200000.00',
      });
      expect(p.lines.find((l) => l.lineId === L.l1)!.lapseBaht).toBe('180000.00');
      // The audit trail holds the request and both decisions.
      const audit = ok<{ items: { action: string }[] }>(
        await admin.get(`/api/v1/audit?entity=carry_over&entityId=${requestId}`),
        200,
      );
      expect(audit.items.map((i) => i.action).sort()).toEqual(['approve', 'request']);
    });

    it('closes the year: carried lines, obligations payable next year, lapses, months closed', async () => {
      expect(
        (
          await L.officerClient.request('POST', '/api/v1/execution/year-end/close', {
            fiscalYear: YEAR,
          })
        ).statusCode,
      ).toBe(403);
      const closed = ok(
        await officeClient.request('POST', '/api/v1/execution/year-end/close', {
          fiscalYear: YEAR,
        }),
        200,
        closeYearResultSchema,
      );
      expect(closed).toMatchObject({
        fiscalYear: YEAR,
        nextFiscalYear: YEAR + 1,
        carryDeadline: `${L.ce + 1}-03-31`,
        linesCarried: 1,
        obligationsCarried: 1,
        laterYearPortions: 1,
      });
      // Other units' lines of the year (the factories' and other tests') close too: the unit's own
      // figures are in the preview below; the organisation's include them.
      const next = await L.linesOf(YEAR + 1);
      const carried = next.find((l) => l.fundSource === 'carried_over')!;
      expect(carried).toMatchObject({
        carriedFromLineId: L.l1,
        carryDeadline: `${L.ce + 1}-03-31`,
        lapsedOn: null,
        expenseCategory: 'operating',
        project: 'งานบริหารทั่วไป',
        enactedBaht: '470000.00',
        obligatedBaht: '350000.00',
        availableBaht: '120000.00',
      });
      const capital = next.find(
        (l) => l.fundSource === 'regular' && l.expenseCategory === 'capital',
      )!;
      expect(capital).toMatchObject({ obligatedBaht: '200000.00', availableBaht: '300000.00' });

      const list = ok(
        await admin.get(
          `/api/v1/execution/year-end/carried?fiscalYear=${YEAR + 1}&unitId=${L.unit.id}&asOf=${L.ce}-10-01`,
        ),
        200,
        carriedLineListSchema,
      );
      expect(list.items).toEqual([
        expect.objectContaining({
          id: carried.id,
          fromLineId: L.l1,
          carryDeadline: `${L.ce + 1}-03-31`,
          state: 'open',
        }),
      ]);

      // The carried obligation is payable next year under its own number, up to its open amount.
      const pay = (amount: string, doc: string) =>
        L.officerClient.request('POST', '/api/v1/execution/disbursements', {
          lineId: carried.id,
          documentNo: doc,
          date: `${L.ce}-11-15`,
          amount,
          obligationNo: L.o1,
        });
      expect((await pay('350000', `N1-${L.n}`)).statusCode).toBe(201);
      expect(reason(await pay('0.01', `N2-${L.n}`), 422)).toBe('insufficient_balance');

      // Nothing more posts into the closed year.
      const late = await admin.request('POST', '/api/v1/execution/disbursements', {
        lineId: L.l3,
        documentNo: `LATE-${L.n}`,
        date: `${L.ce}-09-30`,
        amount: '1',
      });
      expect(reason(late, 422)).toBe('line_lapsed');
      const closeAudit = ok<{ items: { action: string }[] }>(
        await admin.get(`/api/v1/audit?entity=fiscal_year&entityId=${YEAR}`),
        200,
      );
      expect(closeAudit.items.map((i) => i.action)).toContain('close');
      const locks = ok(
        await admin.get(`/api/v1/period-locks?fiscalYear=${YEAR}`),
        200,
        periodLocksSchema,
      );
      expect(locks.yearLocked).toBe(true);
      expect(locks.months.every((m) => m.locked && m.effectiveLocked)).toBe(true);

      // What happened stays readable, with the same figures.
      const p = await preview(admin, YEAR, L.unit.id);
      expect(p.closed).toBe(true);
      expect(p.totals).toMatchObject({
        withObligationBaht: '350000.00',
        withoutObligationApprovedBaht: '120000.00',
        lapseBaht: '200000.00',
      });
      expect(p.lines.find((l) => l.lineId === L.l3)!.lapseBaht).toBe('20000.00');
      // The year's own lines read as lapsed at its end, with what lapsed.
      const own = await L.linesOf(YEAR);
      expect(own.find((l) => l.id === L.l1)).toMatchObject({
        lapsedOn: `${L.ce}-09-30`,
        lapsedBaht: '180000.00',
        availableBaht: '0.00',
      });
      expect(own.find((l) => l.id === L.l3)).toMatchObject({ lapsedBaht: '20000.00' });
      expect(p.laterYears[0]).toMatchObject({ posted: true, toLineId: capital.id });

      // The carry_over rows: with obligation made at the closing, both with their next line.
      const rows = ok(
        await admin.get(`/api/v1/execution/carry-overs?fiscalYear=${YEAR}&unitId=${L.unit.id}`),
        200,
        carryOverListSchema,
      ).items;
      expect(rows.find((r) => r.kind === 'with_obligation')).toMatchObject({
        lineId: L.l1,
        amountBaht: '350000.00',
        status: 'approved',
        nextLineId: carried.id,
      });
      expect(rows.find((r) => r.id === requestId)).toMatchObject({ nextLineId: carried.id });

      // Indicator 2 still computes from the carry_over rows: 120,000 / 1,900,000 = 6.316 %.
      const mi = ok(
        await admin.get(
          `/api/v1/execution/money-indicators?fiscalYear=${YEAR}&unit=${L.unit.code}`,
        ),
        200,
        moneyIndicatorsSchema,
      );
      expect(mi.rows.find((r) => r.unit_code === L.unit.code)).toMatchObject({
        carry_over_base_baht: '1900000.00',
        carry_over_without_obligation_baht: '120000.00',
        carry_over_without_obligation_rate: '6.316',
      });
    });

    it('refuses to close twice, and a request into the closed year', async () => {
      const again = await officeClient.request('POST', '/api/v1/execution/year-end/close', {
        fiscalYear: YEAR,
      });
      expect(reason(again, 409)).toBe('year_already_closed');
      const req = await L.officerClient.request('POST', '/api/v1/execution/carry-overs', {
        lineId: L.l3,
        amount: '1',
        reason: 'x',
      });
      expect(reason(req, 422)).toBe('line_lapsed');
      // The closed year's budget lines no longer change (a re-import is refused, nothing written).
      const before = await snapshot(t.database);
      const issues = await runImport(t.database, t.system, importKind('budget-lines'), {
        bytes: utf8(
          csvText([
            LINE_HEADER,
            [
              String(YEAR),
              L.unit.code,
              L.unit.nameTh,
              'แผนงานบริหาร',
              '',
              '',
              'งานบริหารทั่วไป',
              'operating',
              '',
              '2000000',
              '',
              '',
              '',
            ],
          ]),
        ),
        name: `ye-reimport-${next()}.csv`,
      }).then(
        () => [] as string[],
        (e: { issues?: { reason: string }[] }) => (e.issues ?? []).map((i) => i.reason),
      );
      expect(issues).toEqual([
        `fiscal year ${YEAR} is closed (year end): its budget lines no longer change`,
      ]);
      expect(await snapshot(t.database)).toEqual(before);
    });

    it('lapses a carried line after its deadline unless extended; the lapse is idempotent', async () => {
      const carried = (await L.linesOf(YEAR + 1)).find((l) => l.fundSource === 'carried_over')!;
      const none = ok(
        await officeClient.request('POST', '/api/v1/execution/year-end/lapse-expired', {
          asOf: `${L.ce + 1}-03-31`,
        }),
        200,
        lapseExpiredResultSchema,
      );
      expect(none.lines).toBe(0);
      const stale = await officeClient.request(
        'POST',
        `/api/v1/execution/lines/${carried.id}/extend-deadline`,
        {
          deadline: `${L.ce + 1}-06-30`,
          reason: 'ผู้รับจ้างขอขยายเวลา',
          version: carried.version + 5,
        },
      );
      expect(reason(stale, 409)).toBe('stale_version');
      const notCarried = await officeClient.request(
        'POST',
        `/api/v1/execution/lines/${L.l1}/extend-deadline`,
        {
          deadline: `${L.ce + 1}-06-30`,
          reason: 'x',
          version: 1,
        },
      );
      expect(reason(notCarried, 422)).toBe('not_a_carried_line');
      const earlier = await officeClient.request(
        'POST',
        `/api/v1/execution/lines/${carried.id}/extend-deadline`,
        {
          deadline: `${L.ce + 1}-03-01`,
          reason: 'x',
          version: carried.version,
        },
      );
      expect(reason(earlier, 422)).toBe('carry_deadline_invalid');
      const byOfficer = await L.officerClient.request(
        'POST',
        `/api/v1/execution/lines/${carried.id}/extend-deadline`,
        {
          deadline: `${L.ce + 1}-06-30`,
          reason: 'x',
          version: carried.version,
        },
      );
      expect(byOfficer.statusCode).toBe(403);
      const extended = ok(
        await officeClient.request(
          'POST',
          `/api/v1/execution/lines/${carried.id}/extend-deadline`,
          {
            deadline: `${L.ce + 1}-06-30`,
            reason: 'ผู้รับจ้างขอขยายเวลา',
            version: carried.version,
          },
        ),
        200,
        carriedLineSchema,
      );
      expect(extended).toMatchObject({
        carryDeadline: `${L.ce + 1}-06-30`,
        extensionReason: 'ผู้รับจ้างขอขยายเวลา',
      });
      // Past the old deadline: nothing lapses (extended); past the new one: shown, then lapsed.
      expect(
        ok(
          await officeClient.request('POST', '/api/v1/execution/year-end/lapse-expired', {
            asOf: `${L.ce + 1}-04-15`,
          }),
          200,
          lapseExpiredResultSchema,
        ).lines,
      ).toBe(0);
      const shown = ok(
        await admin.get(
          `/api/v1/execution/year-end/carried?fiscalYear=${YEAR + 1}&unitId=${L.unit.id}&asOf=${L.ce + 1}-07-01`,
        ),
        200,
        carriedLineListSchema,
      );
      expect(shown.items[0]!.state).toBe('past_deadline');
      const lapsed = ok(
        await officeClient.request('POST', '/api/v1/execution/year-end/lapse-expired', {
          asOf: `${L.ce + 1}-07-01`,
        }),
        200,
        lapseExpiredResultSchema,
      );
      expect(lapsed).toEqual({ asOf: `${L.ce + 1}-07-01`, lines: 1, lapsedBaht: '120000.00' });
      const again = ok(
        await officeClient.request('POST', '/api/v1/execution/year-end/lapse-expired', {
          asOf: `${L.ce + 1}-07-01`,
        }),
        200,
        lapseExpiredResultSchema,
      );
      expect(again.lines).toBe(0);
      const after = ok(
        await admin.get(
          `/api/v1/execution/year-end/carried?fiscalYear=${YEAR + 1}&unitId=${L.unit.id}&asOf=${L.ce + 1}-07-02`,
        ),
        200,
        carriedLineListSchema,
      ).items[0]!;
      expect(after).toMatchObject({
        state: 'lapsed',
        lapsedBaht: '120000.00',
        lapsedOn: `${L.ce + 1}-07-01`,
        availableBaht: '0.00',
      });
      const pay = await L.officerClient.request('POST', '/api/v1/execution/disbursements', {
        lineId: carried.id,
        documentNo: `AFTER-${L.n}`,
        date: `${L.ce + 1}-07-05`,
        amount: '1',
      });
      expect(reason(pay, 422)).toBe('line_lapsed');
      const ext = await officeClient.request(
        'POST',
        `/api/v1/execution/lines/${carried.id}/extend-deadline`,
        {
          deadline: `${L.ce + 1}-09-30`,
          reason: 'x',
          version: after.version,
        },
      );
      expect(reason(ext, 422)).toBe('line_lapsed');
    });
  });

  it('refuses to close while requests are pending', async () => {
    const L = await ledger(2585);
    ok(
      await L.officerClient.request('POST', '/api/v1/execution/carry-overs', {
        lineId: L.l1,
        amount: '1000',
        reason: 'รอ',
      }),
      201,
    );
    const res = await officeClient.request('POST', '/api/v1/execution/year-end/close', {
      fiscalYear: 2585,
    });
    expect(reason(res, 422)).toBe('carry_over_requests_pending');
  });

  it('an injected failure in the middle of closing leaves nothing; running it again completes', async () => {
    const YEAR = 2575;
    const L = await ledger(YEAR);
    const before = await snapshot(t.database);
    yearEndFaults.midClose = () => {
      throw new Error('injected failure in the middle of the closing');
    };
    try {
      await expect(closeYear(t.database, office.actor, YEAR)).rejects.toThrow(/injected/);
    } finally {
      delete yearEndFaults.midClose;
    }
    expect(await snapshot(t.database)).toEqual(before);
    const done = await closeYear(t.database, office.actor, YEAR);
    expect(done).toMatchObject({ linesCarried: 1, obligationsCarried: 1, laterYearPortions: 1 });
    expect(done.totals).toEqual({
      withObligationBaht: '350000.00',
      withoutObligationBaht: '0.00',
      lapseBaht: '320000.00',
    });
    const carried = (await L.linesOf(YEAR + 1)).find((l) => l.fundSource === 'carried_over')!;
    expect(carried).toMatchObject({ enactedBaht: '350000.00', availableBaht: '0.00' });
  });

  it('keeps the carry deadline as the organisation’s setting', async () => {
    expect(
      ok(await admin.get('/api/v1/execution/year-end/settings'), 200, yearEndSettingsSchema),
    ).toEqual({ carryMonths: 6 });
    const byOfficer = await (
      await (
        await aUser()
          .officerOf(await aUnit().create(t))
          .create(t)
      ).signIn(t.app)
    ).request('PUT', '/api/v1/execution/year-end/settings', { carryMonths: 3 });
    expect(byOfficer.statusCode).toBe(403);
    expect(
      (
        await officeClient.request('PUT', '/api/v1/execution/year-end/settings', {
          carryMonths: 25,
        })
      ).statusCode,
    ).toBe(400);
    ok(
      await officeClient.request('PUT', '/api/v1/execution/year-end/settings', { carryMonths: 3 }),
      200,
    );
    expect((await preview(admin, 2590)).carryDeadline).toBe('2047-12-31');
    ok(
      await officeClient.request('PUT', '/api/v1/execution/year-end/settings', { carryMonths: 6 }),
      200,
    );
    expect((await preview(admin, 2590)).carryDeadline).toBe('2048-03-31');
  });

  it('refuses a bad multi-year schedule on an obligation', async () => {
    const unit = await aUnit().create(t);
    await runImport(t.database, t.system, importKind('budget-lines'), {
      bytes: utf8(
        csvText([
          LINE_HEADER,
          [
            '2566',
            unit.code,
            unit.nameTh,
            'แผน',
            '',
            '',
            'งาน',
            'operating',
            '',
            '1000',
            '',
            '',
            '',
          ],
        ]),
      ),
      name: `ye-bad-${next()}.csv`,
    });
    const line = ok(
      await admin.get(`/api/v1/execution/lines?fiscalYear=2566&unitId=${unit.id}`),
      200,
      budgetLineListSchema,
    ).items[0]!;
    const res = await admin.request('POST', '/api/v1/execution/obligations', {
      lineId: line.id,
      documentNo: `BAD-${next()}`,
      date: '2023-01-10',
      amount: '10',
      laterYears: [{ fiscalYear: 2566, amount: '5' }],
    });
    expect(res.statusCode).toBe(400);
  });

  it('takes a multi-year schedule from the obligations file, refuses a bad one, and exports it', async () => {
    const unit = await aUnit().create(t);
    await aFiscalYear(2605).create(t);
    await runImport(t.database, t.system, importKind('budget-lines'), {
      bytes: utf8(
        csvText([
          LINE_HEADER,
          [
            '2605',
            unit.code,
            unit.nameTh,
            'แผน',
            '',
            '',
            'งานสร้างสะพาน',
            'capital',
            '',
            '1000000',
            '',
            '',
            '',
          ],
        ]),
      ),
      name: `ye-multi-${next()}.csv`,
    });
    const header = [
      'fiscal_year',
      'unit_code',
      'project',
      'expense_category',
      'document_no',
      'date',
      'vendor',
      'amount',
      'later_years',
    ];
    const bad = await runImport(t.database, t.system, importKind('obligations'), {
      bytes: utf8(
        csvText([
          header,
          [
            '2605',
            unit.code,
            'งานสร้างสะพาน',
            'capital',
            `MY-${unit.code}`,
            '2062-01-10',
            'บริษัท ข',
            '500000',
            '2605:100',
          ],
        ]),
      ),
      name: `ye-multi-bad-${next()}.csv`,
    }).then(
      () => 'accepted',
      (e: { issues?: { reason: string }[] }) => e.issues?.map((i) => i.reason).join(' | '),
    );
    expect(bad).toMatch(/not after 2605/);
    await runImport(t.database, t.system, importKind('obligations'), {
      bytes: utf8(
        csvText([
          header,
          [
            '2605',
            unit.code,
            'งานสร้างสะพาน',
            'capital',
            `MY-${unit.code}`,
            '2062-01-10',
            'บริษัท ข',
            '500000',
            '2606:300000;2607:200000.50',
          ],
        ]),
      ),
      name: `ye-multi-ok-${next()}.csv`,
    });
    const p = await preview(admin, 2605, unit.id);
    expect(p.laterYears).toEqual([
      expect.objectContaining({
        obligationNo: `MY-${unit.code}`,
        fiscalYear: 2606,
        amountBaht: '300000.00',
        toLineId: null,
        posted: false,
      }),
    ]);
    const csv = await admin.get('/api/v1/exports/obligations?fiscalYear=2605&format=csv');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.body).toContain('2606:300000.00;2607:200000.50');
  });

  it('carries a reduced multi-year obligation, and posts its next-year portion once the line exists', async () => {
    const unit = await aUnit().inDivision(1).create(t);
    await aFiscalYear(2610).create(t);
    await aFiscalYear(2611).create(t);
    const line = (y: number, amount: string) => [
      String(y),
      unit.code,
      unit.nameTh,
      'แผน',
      '',
      '',
      'งานถนน',
      'capital',
      '',
      amount,
      '',
      '',
      '',
    ];
    const importLines = (rows: string[][]) =>
      runImport(t.database, t.system, importKind('budget-lines'), {
        bytes: utf8(csvText([LINE_HEADER, ...rows])),
        name: `ye-road-${next()}.csv`,
      });
    await importLines([line(2610, '1000000')]);
    const lines = async (y: number) =>
      ok(
        await admin.get(`/api/v1/execution/lines?fiscalYear=${y}&unitId=${unit.id}`),
        200,
        budgetLineListSchema,
      ).items;
    const road = (await lines(2610))[0]!.id;
    const doc = `MY-${unit.code}`;
    const post = async (k: string, body: object) =>
      ok(await admin.request('POST', `/api/v1/execution/${k}`, body), 201);
    await post('obligations', {
      lineId: road,
      documentNo: doc,
      date: '2067-01-10',
      amount: '800000',
      laterYears: [{ fiscalYear: 2611, amount: '300000' }],
    });
    await post('disbursements', {
      lineId: road,
      documentNo: `P-${unit.code}`,
      date: '2067-03-10',
      amount: '500000',
      obligationNo: doc,
    });
    // A reduction of the contract posted as a negative obligation of its own.
    await post('obligations', {
      lineId: road,
      documentNo: `${doc}-CUT`,
      date: '2067-05-10',
      amount: '-100000',
    });
    const before = await preview(admin, 2610, unit.id);
    expect(before.totals).toMatchObject({
      unpaidBaht: '500000.00',
      withObligationBaht: '200000.00',
      lapseBaht: '300000.00',
    });
    expect(before.laterYears).toEqual([
      expect.objectContaining({ obligationNo: doc, toLineId: null, posted: false }),
    ]);

    const closed = ok(
      await officeClient.request('POST', '/api/v1/execution/year-end/close', { fiscalYear: 2610 }),
      200,
      closeYearResultSchema,
    );
    expect(closed).toMatchObject({ obligationsCarried: 1, laterYearPortions: 0 });
    const carried = (await lines(2611)).find((l) => l.fundSource === 'carried_over')!;
    expect(carried).toMatchObject({
      enactedBaht: '200000.00',
      obligatedBaht: '200000.00',
      availableBaht: '0.00',
    });
    await post('disbursements', {
      lineId: carried.id,
      documentNo: `P2-${unit.code}`,
      date: '2067-11-01',
      amount: '200000',
      obligationNo: doc,
    });

    await importLines([line(2611, '500000')]);
    const later = (n: number) =>
      officeClient.request('POST', '/api/v1/execution/year-end/later-years', { fiscalYear: n });
    expect(ok(await later(2611), 200)).toEqual({ fiscalYear: 2611, posted: 1, pending: 0 });
    expect(ok(await later(2611), 200)).toEqual({ fiscalYear: 2611, posted: 0, pending: 0 });
    const regular = (await lines(2611)).find((l) => l.fundSource === 'regular')!;
    expect(regular).toMatchObject({ obligatedBaht: '300000.00', availableBaht: '200000.00' });
    // The carried open part holds the contract number in 2611: the portion takes <no>/2611.
    await post('disbursements', {
      lineId: regular.id,
      documentNo: `P3-${unit.code}`,
      date: '2067-12-01',
      amount: '100',
      obligationNo: `${doc}/2611`,
    });
    expect((await preview(admin, 2610, unit.id)).laterYears[0]).toMatchObject({
      posted: true,
      toLineId: regular.id,
    });
  });
});
