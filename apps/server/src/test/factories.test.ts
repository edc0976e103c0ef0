import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitListSchema } from '@pbis/contract';
import { aFiscalYear, aUnit, aUser } from './factories.js';
import { auditOf, countRows } from './fixtures.js';
import { login, setupApp, testDatabases, type Client, type TestContext } from './harness.js';

/** The factories build what they say, through the services: scope, audit and sign-in included. */
describe.each(testDatabases())('test factories on $name', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
  });
  afterAll(() => t.close());

  const codes = async (c: Client) =>
    unitListSchema
      .parse((await c.get('/api/v1/units')).json())
      .items.map((u) => u.code)
      .sort();

  it('boots with the organisation and the admin only when demo is off', async () => {
    expect(await countRows(t.database, 'app_user')).toBe(1);
    expect((await login(t.app, 'admin')).username).toBe('admin');
    await expect(login(t.app, 'analyst1')).rejects.toThrow(/login analyst1 failed: 401/);
    expect(await countRows(t.database, 'receiving_unit')).toBeGreaterThan(0);
  });

  it('makes units with unique codes and names, in the division asked, audited', async () => {
    const a = await aUnit().create(t);
    const b = await aUnit().create(t);
    expect(a.code).not.toBe(b.code);
    expect(a.nameTh).not.toBe(b.nameTh);
    const dusit = await aUnit()
      .inDivision(3)
      .named('สำนักงานเขตทดสอบดุสิต')
      .ofKind('district_office')
      .create(t);
    expect(dusit).toMatchObject({
      nameTh: 'สำนักงานเขตทดสอบดุสิต',
      kind: 'district_office',
      analysisDivisionNo: 3,
      active: true,
    });
    expect((await auditOf(t.database, dusit.id)).map((r) => r.action)).toEqual(['create']);
    const off = await aUnit().deactivated().create(t);
    expect(off).toMatchObject({ active: false, version: 2 });
  });

  it('makes users of each role whose scope the server applies when they sign in', async () => {
    const unit = await aUnit().inDivision(4).create(t);
    const officer = await aUser().officerOf(unit).create(t);
    expect(officer).toMatchObject({ role: 'unit_officer', unitCode: unit.code });
    expect(await codes(await officer.signIn(t.app))).toEqual([unit.code]);

    const analyst = await aUser().analystOf(4).create(t);
    const seen = await codes(await analyst.signIn(t.app));
    const asAdmin = (await (await login(t.app, 'admin')).get('/api/v1/units?analysisDivisionNo=4'))
      .json()
      .items.map((u: { code: string }) => u.code)
      .sort();
    expect(seen).toEqual(asAdmin);
    expect(seen).toContain(unit.code);

    const admin = await aUser().admin().withPassword('a-factory-admin-pw').create(t);
    expect((await (await admin.signIn(t.app)).get('/api/v1/users')).statusCode).toBe(200);
    expect(admin.actor).toMatchObject({ kind: 'user', userId: admin.id, role: 'admin' });
    const byCode = await aUser().officerOf(unit.code).create(t);
    expect(byCode.unitId).toBe(unit.id);
    expect((await auditOf(t.database, officer.id)).map((r) => r.action)).toEqual([
      'create',
      'login',
    ]);
  });

  it('makes users who must change their password, and disabled users', async () => {
    const temp = await aUser().office().mustChangePassword().create(t);
    expect(temp.mustChangePassword).toBe(true);
    const res = await (await temp.signIn(t.app)).get('/api/v1/units');
    expect([res.statusCode, res.json().error.details]).toEqual([
      403,
      { reason: 'password_change_required' },
    ]);
    const gone = await aUser().inactive().create(t);
    expect(gone.active).toBe(false);
    await expect(gone.signIn(t.app)).rejects.toThrow(/401/);
  });

  it('opens fiscal years with the locks asked, and unique years when none is given', async () => {
    const fy = await aFiscalYear(2570).withLockedMonths(1, 2).create(t);
    expect(fy).toMatchObject({ year: 2570, startDate: '2026-10-01', endDate: '2027-09-30' });
    expect(fy.locks.months.filter((m) => m.locked).map((m) => m.month)).toEqual([1, 2]);
    expect(fy.locks.yearLocked).toBe(false);
    const closed = await aFiscalYear().locked().create(t);
    expect(closed.locks.yearLocked).toBe(true);
    expect(closed.locks.months.every((m) => m.effectiveLocked)).toBe(true);
    expect((await aFiscalYear().create(t)).year).not.toBe(closed.year);
  });
});
