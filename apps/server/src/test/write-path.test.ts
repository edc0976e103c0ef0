import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setPeriodLock } from '../modules/periods/service.js';
import { runWrite } from '../write.js';
import { aFiscalYear, aUnit, aUser, type TestUser } from './factories.js';
import { setupApp, testDatabases, type TestContext } from './harness.js';

/*
 * The write path (write.ts) decides scope and period for every write: a module declares what it
 * touches and cannot forget the check, because there is no separate call to forget.
 */
describe.each(testDatabases())('the write path on %s', (kind) => {
  let t: TestContext;
  let admin: TestUser;
  let officer: TestUser;
  let ownUnit: { id: string };
  let otherUnit: { id: string };

  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    ownUnit = await aUnit().inDivision(2).create(t);
    otherUnit = await aUnit().inDivision(2).create(t);
    officer = await aUser().officerOf(ownUnit).create(t);
    admin = await aUser().admin().create(t);
  });
  afterAll(() => t?.close());

  const write = (
    actor: TestUser['actor'],
    touches: Parameters<typeof runWrite>[2] & object,
    fn: () => Promise<unknown> = async () => 'written',
  ) => runWrite(t.database, actor, touches, fn);

  it('a unit in scope passes; one out of scope is 404 as if it did not exist', async () => {
    await expect(write(officer.actor, { units: [ownUnit.id] })).resolves.toBe('written');
    await expect(write(officer.actor, { units: [ownUnit.id, otherUnit.id] })).rejects.toMatchObject(
      {
        code: 'not_found',
        details: { reason: 'unit_not_found', unitIds: [otherUnit.id] },
      },
    );
    await expect(write(admin.actor, { units: [ownUnit.id, otherUnit.id] })).resolves.toBe(
      'written',
    );
  });

  it('an open period passes; a closed month or year is 423 period_locked; a missing year 422', async () => {
    const fy = await aFiscalYear().withLockedMonths(5).create(t);
    const open = { fiscalYear: fy.year, month: 4 };
    await expect(write(admin.actor, { period: open })).resolves.toBe('written');
    await expect(write(admin.actor, { period: { fiscalYear: fy.year } })).resolves.toBe('written');
    await expect(
      write(admin.actor, { period: { fiscalYear: fy.year, month: 5 } }),
    ).rejects.toMatchObject({
      code: 'locked',
      status: 423,
      details: { reason: 'period_locked', fiscalYear: fy.year, month: 5 },
    });
    await setPeriodLock(t.database, admin.actor, { fiscalYear: fy.year, month: 0, locked: true });
    for (const period of [open, { fiscalYear: fy.year }])
      await expect(write(admin.actor, { period })).rejects.toMatchObject({
        status: 423,
        details: { reason: 'period_locked', month: 0 },
      });
    await expect(write(admin.actor, { period: { fiscalYear: 2799 } })).rejects.toMatchObject({
      code: 'business_rule',
      details: { reason: 'fiscal_year_missing' },
    });
  });

  it('nothing the refused write did is kept', async () => {
    const fy = await aFiscalYear().locked().create(t);
    let ran = false;
    await expect(
      write(admin.actor, { period: { fiscalYear: fy.year, month: 1 } }, async () => {
        ran = true;
      }),
    ).rejects.toMatchObject({ status: 423 });
    expect(ran).toBe(false);
  });

  it('a period closed while a write is in flight: the closing waits, the write lands, later writes are refused', async () => {
    const fy = await aFiscalYear().create(t);
    const period = { fiscalYear: fy.year, month: 3 };
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const inFlight = write(admin.actor, { period }, async () => {
      entered();
      await gate;
      return 'landed';
    });
    await inside;
    let closed = false;
    const closing = setPeriodLock(t.database, admin.actor, { ...period, locked: true }).then(
      () => (closed = true),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(closed).toBe(false); // held by the write's FOR SHARE on the year (or PGlite's one connection)
    release();
    await expect(inFlight).resolves.toBe('landed');
    await closing;
    expect(closed).toBe(true);
    await expect(write(admin.actor, { period })).rejects.toMatchObject({
      details: { reason: 'period_locked', month: 3 },
    });
  });

  it('20 parallel writes racing a closing: each either lands before it or is refused after it', async () => {
    const fy = await aFiscalYear().create(t);
    const period = { fiscalYear: fy.year, month: 7 };
    const order: string[] = [];
    const writes = Array.from({ length: 20 }, (_, i) =>
      write(admin.actor, { period }, async () => {
        order.push(`w${i}`);
      }).then(
        () => 'ok',
        (e: { details?: { reason?: string } }) => e.details?.reason ?? 'error',
      ),
    );
    const closing = setPeriodLock(t.database, admin.actor, { ...period, locked: true }).then(() =>
      order.push('closed'),
    );
    const outcomes = await Promise.all(writes);
    await closing;
    expect(outcomes.every((o) => o === 'ok' || o === 'period_locked')).toBe(true);
    const landed = outcomes.filter((o) => o === 'ok').length;
    // every write that ran its body did so before the period closed
    expect(order.indexOf('closed')).toBe(landed);
    expect(order.slice(0, landed).every((e) => e.startsWith('w'))).toBe(true);
  });
});
