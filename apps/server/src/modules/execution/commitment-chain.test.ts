import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetLineListSchema, errorBodySchema, postedEntrySchema } from '@pbis/contract';
import { runImport } from '../imports/pipeline.js';
import { importKind } from '../imports/registry.js';
import { csvText, utf8 } from '../../test/fixtures.js';
import { aUnit, aUser, next } from '../../test/factories.js';
import {
  login,
  setupApp,
  testDatabases,
  type Client,
  type TestContext,
} from '../../test/harness.js';

/*
 * The commitment chain through the API: reservation (purchase request) → obligation (contract)
 * → disbursement, each stage releasing the one before, nothing counted twice.
 */
describe.each(testDatabases())('the commitment chain on $name', (kind) => {
  let t: TestContext;
  let admin: Client;
  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.close());

  /** A unit with one capital line of 1,000,000 baht; answers the line's id. */
  async function aLine() {
    const unit = await aUnit().inDivision(2).create(t);
    const header = [...importKind('budget-lines').columns];
    const row = Object.fromEntries(header.map((c) => [c, '']));
    Object.assign(row, {
      fiscal_year: '2565',
      unit_code: unit.code,
      project: 'งานจัดซื้อครุภัณฑ์',
      expense_category: 'งบลงทุน',
      amount: '1,000,000.00',
      expense_item: 'ค่าครุภัณฑ์',
    });
    await runImport(t.database, t.system, importKind('budget-lines'), {
      bytes: utf8(csvText([header, header.map((c) => row[c]!)])),
      name: `chain-${next()}.csv`,
    });
    const res = await admin.get(`/api/v1/execution/lines?fiscalYear=2565&unitId=${unit.id}`);
    return { unit, lineId: budgetLineListSchema.parse(res.json()).items[0]!.id };
  }
  const line = async (lineId: string) =>
    budgetLineListSchema
      .parse((await admin.get('/api/v1/execution/lines?fiscalYear=2565')).json())
      .items.find((l) => l.id === lineId)!;
  const post = (who: Client, stage: string, body: Record<string, string>) =>
    who.request('POST', `/api/v1/execution/${stage}`, body);

  it('reserves, obliges from the reservation (releasing what the contract did not use), pays', async () => {
    const { lineId } = await aLine();
    const r = await post(admin, 'reservations', {
      lineId,
      documentNo: 'PR-1',
      date: '2021-11-02',
      amount: '300000.00',
    });
    expect(r.statusCode).toBe(201);
    expect(postedEntrySchema.parse(r.json()).availableBaht).toBe('700000.00');
    expect(await line(lineId)).toMatchObject({ reservedBaht: '300000.00', obligatedBaht: '0.00' });

    // the contract comes in under the request: the rest of the reservation goes back to the line
    const o = await post(admin, 'obligations', {
      lineId,
      documentNo: 'PO-1',
      date: '2021-12-01',
      amount: '280000.00',
      vendor: 'บริษัท ครุภัณฑ์ไทย จำกัด',
      reservationNo: 'PR-1',
    });
    expect(o.statusCode).toBe(201);
    expect(await line(lineId)).toMatchObject({
      reservedBaht: '0.00',
      obligatedBaht: '280000.00',
      availableBaht: '720000.00',
    });
    // the reservation is used up: a second obligation from it is refused with the figures
    const again = await post(admin, 'obligations', {
      lineId,
      documentNo: 'PO-2',
      date: '2021-12-02',
      amount: '1000.00',
      reservationNo: 'PR-1',
    });
    expect(again.statusCode).toBe(422);
    expect(errorBodySchema.parse(again.json()).error.details).toMatchObject({
      reason: 'insufficient_balance',
    });

    const d = await post(admin, 'disbursements', {
      lineId,
      documentNo: 'PV-1',
      date: '2022-03-01',
      amount: '280000.00',
      obligationNo: 'PO-1',
    });
    expect(d.statusCode).toBe(201);
    // paying the obligation does not take the money a second time
    expect(await line(lineId)).toMatchObject({
      reservedBaht: '0.00',
      obligatedBaht: '280000.00',
      disbursedBaht: '280000.00',
      availableBaht: '720000.00',
    });
  });

  it('cancels part of a reservation, refuses more than is open, and an unknown one', async () => {
    const { lineId } = await aLine();
    await post(admin, 'reservations', {
      lineId,
      documentNo: 'PR-A',
      date: '2021-11-02',
      amount: '50000.00',
    });
    const cancel = await post(admin, 'reservations', {
      lineId,
      documentNo: 'PR-A-CANCEL',
      date: '2021-11-03',
      amount: '-20000.00',
      reservationNo: 'PR-A',
    });
    expect(cancel.statusCode).toBe(201);
    expect(await line(lineId)).toMatchObject({
      reservedBaht: '30000.00',
      availableBaht: '970000.00',
    });
    const tooMuch = await post(admin, 'reservations', {
      lineId,
      documentNo: 'PR-A-CANCEL-2',
      date: '2021-11-04',
      amount: '-30000.01',
      reservationNo: 'PR-A',
    });
    expect(tooMuch.statusCode).toBe(422);
    const unknown = await post(admin, 'obligations', {
      lineId,
      documentNo: 'PO-X',
      date: '2021-11-05',
      amount: '100.00',
      reservationNo: 'PR-NONE',
    });
    expect(unknown.statusCode).toBe(422);
    expect(errorBodySchema.parse(unknown.json()).error.details).toMatchObject({
      reason: 'reservation_not_found',
    });
    const unnamed = await post(admin, 'reservations', {
      lineId,
      documentNo: 'PR-B-CANCEL',
      date: '2021-11-05',
      amount: '-100.00',
    });
    expect(unnamed.statusCode).toBe(400);
    // nothing of the refused ones moved the line
    expect(await line(lineId)).toMatchObject({
      reservedBaht: '30000.00',
      availableBaht: '970000.00',
    });
  });

  it('refuses a reservation over the available balance, and another unit’s officer', async () => {
    const { lineId } = await aLine();
    const over = await post(admin, 'reservations', {
      lineId,
      documentNo: 'PR-BIG',
      date: '2021-11-02',
      amount: '1000000.01',
    });
    expect(over.statusCode).toBe(422);
    const other = await aUnit().inDivision(2).create(t);
    const officer = await aUser().officerOf(other).create(t);
    const c = await login(t.app, officer.username, officer.password);
    const foreign = await post(c, 'reservations', {
      lineId,
      documentNo: 'PR-F',
      date: '2021-11-02',
      amount: '1.00',
    });
    expect([403, 404]).toContain(foreign.statusCode);
    expect((await line(lineId)).reservedBaht).toBe('0.00');
  });
});
