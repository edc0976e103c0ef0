import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@pbis/core';
import { assertPeriodOpen } from '../modules/periods/service.js';
import { auditOf, countRows } from './fixtures.js';
import { login, setupApp, testDatabases, type Client, type TestContext } from './harness.js';

interface LockState {
  fiscalYear: number;
  yearLocked: boolean;
  yearChangedBy: string | null;
  months: {
    month: number;
    abbrTh: string;
    abbrEn: string;
    locked: boolean;
    effectiveLocked: boolean;
    changedBy: string | null;
  }[];
}

const FISCAL_ABBR_TH = [
  'ต.ค.',
  'พ.ย.',
  'ธ.ค.',
  'ม.ค.',
  'ก.พ.',
  'มี.ค.',
  'เม.ย.',
  'พ.ค.',
  'มิ.ย.',
  'ก.ค.',
  'ส.ค.',
  'ก.ย.',
];

describe.each(testDatabases())('fiscal years and period locks on $name', (kind) => {
  let t: TestContext;
  let admin: Client;
  let executive: Client;
  beforeAll(async () => {
    t = await setupApp(kind);
    admin = await login(t.app, 'admin');
    executive = await login(t.app, 'executive');
  });
  afterAll(() => t.close());

  const locks = async (c: Client, year: number | string) => {
    const res = await c.get(`/api/v1/period-locks?fiscalYear=${year}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as LockState;
  };
  const setLock = async (fiscalYear: number, month: number, locked: boolean) => {
    const res = await admin.request('PUT', '/api/v1/period-locks', { fiscalYear, month, locked });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as LockState;
  };
  const lockedMonths = (s: LockState, field: 'locked' | 'effectiveLocked') =>
    s.months.filter((m) => m[field]).map((m) => m.month);

  it('shows the 12 fiscal months of 2565, October to September, all open', async () => {
    const s = await locks(executive, 2565);
    expect(s).toMatchObject({ fiscalYear: 2565, yearLocked: false, yearChangedBy: null });
    expect(s.months.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(s.months.map((m) => m.abbrTh)).toEqual(FISCAL_ABBR_TH);
    expect(s.months[0]!.abbrEn).toBe('Oct');
    expect(s.months[11]!.abbrEn).toBe('Sep');
    expect(lockedMonths(s, 'effectiveLocked')).toEqual([]);
  });

  it('locks a month, then the year (every month effectively locked), and unlocks both', async () => {
    const m3 = await setLock(2565, 3, true);
    expect(lockedMonths(m3, 'locked')).toEqual([3]);
    expect(lockedMonths(m3, 'effectiveLocked')).toEqual([3]);
    expect(m3.months[2]).toMatchObject({ abbrTh: 'ธ.ค.', changedBy: 'admin' });
    expect(m3.yearLocked).toBe(false);
    // Everyone sees the same state.
    expect(lockedMonths(await locks(executive, '2565'), 'locked')).toEqual([3]);

    const year = await setLock(2565, 0, true);
    expect(year).toMatchObject({ yearLocked: true, yearChangedBy: 'admin' });
    expect(lockedMonths(year, 'locked')).toEqual([3]);
    expect(lockedMonths(year, 'effectiveLocked')).toHaveLength(12);
    // Other years are not touched.
    expect(lockedMonths(await locks(executive, 2566), 'effectiveLocked')).toEqual([]);

    const yearOpen = await setLock(2565, 0, false);
    expect(yearOpen.yearLocked).toBe(false);
    expect(lockedMonths(yearOpen, 'effectiveLocked')).toEqual([3]);
    const allOpen = await setLock(2565, 3, false);
    expect(lockedMonths(allOpen, 'effectiveLocked')).toEqual([]);
  });

  it('audits every lock and unlock with before and after', async () => {
    const rows = await auditOf(t.database, '2565/3');
    expect(rows.map((r) => r.action)).toEqual(['lock', 'unlock']);
    expect(rows.every((r) => r.entity === 'period_lock' && r.username === 'admin')).toBe(true);
    expect(rows[0]!.before).toBeNull();
    expect(rows[0]!.after).toMatchObject({ fiscalYear: 2565, month: 3, locked: true, version: 1 });
    expect(rows[1]!.before).toMatchObject({ locked: true, version: 1 });
    expect(rows[1]!.after).toMatchObject({ locked: false, version: 2 });
    expect((await auditOf(t.database, '2565/0')).map((r) => r.action)).toEqual(['lock', 'unlock']);
  });

  it('refuses a Common-Era year with a message that says so (400)', async () => {
    const answers = [
      await admin.get('/api/v1/period-locks?fiscalYear=2022'),
      await admin.request('PUT', '/api/v1/period-locks', {
        fiscalYear: 2022,
        month: 1,
        locked: true,
      }),
      await admin.request('POST', '/api/v1/fiscal-years', { year: 2023 }),
    ];
    for (const res of answers) {
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation');
      expect(res.json().error.message).toContain('Common-Era');
    }
    expect(answers[0]!.json().error.message).toContain('2565');
    expect(await countRows(t.database, 'period_lock')).toBe(2);
  });

  it('refuses a month outside 0–12 and a lock by a non-admin', async () => {
    const bad = await admin.request('PUT', '/api/v1/period-locks', {
      fiscalYear: 2565,
      month: 13,
      locked: true,
    });
    expect(bad.statusCode).toBe(400);
    const office = await login(t.app, 'office');
    const denied = await office.request('PUT', '/api/v1/period-locks', {
      fiscalYear: 2565,
      month: 1,
      locked: true,
    });
    expect(denied.statusCode).toBe(403);
    expect(lockedMonths(await locks(executive, 2565), 'effectiveLocked')).toEqual([]);
  });

  it('assertPeriodOpen refuses a locked year or month (business_rule) and passes otherwise', async () => {
    const org = t.organizationId;
    const db = t.database.db;
    await expect(assertPeriodOpen(db, org, 2566)).resolves.toBeUndefined();
    await expect(assertPeriodOpen(db, org, 2566, 5)).resolves.toBeUndefined();

    await setLock(2566, 5, true); // February
    const month = assertPeriodOpen(db, org, 2566, 5);
    await expect(month).rejects.toBeInstanceOf(AppError);
    await expect(month).rejects.toMatchObject({
      code: 'business_rule',
      status: 422,
      message: 'February (ก.พ.) of fiscal year 2566 is locked',
    });
    await expect(assertPeriodOpen(db, org, 2566, 4)).resolves.toBeUndefined();
    await expect(assertPeriodOpen(db, org, 2566)).resolves.toBeUndefined();
    await expect(assertPeriodOpen(db, org, 2565, 5)).resolves.toBeUndefined();

    await setLock(2566, 0, true);
    for (const m of [undefined, 1, 4, 12]) {
      await expect(assertPeriodOpen(db, org, 2566, m)).rejects.toMatchObject({
        code: 'business_rule',
        message: 'fiscal year 2566 is locked',
      });
    }
    await setLock(2566, 0, false);
    await setLock(2566, 5, false);
    await expect(assertPeriodOpen(db, org, 2566, 5)).resolves.toBeUndefined();
  });

  it('opens fiscal year 2567 from 1 October 2023 to 30 September 2024, once', async () => {
    const res = await admin.request('POST', '/api/v1/fiscal-years', { year: 2567 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      year: 2567,
      startDate: '2023-10-01',
      endDate: '2024-09-30',
      created: true,
    });
    const again = await admin.request('POST', '/api/v1/fiscal-years', { year: '2567' });
    expect(again.json()).toMatchObject({ year: 2567, created: false });
    const years = (await executive.get('/api/v1/fiscal-years')).json().items as {
      year: number;
      startDate: string;
      endDate: string;
    }[];
    expect(years.map((y) => y.year)).toEqual([2563, 2564, 2565, 2566, 2567]);
    expect(years.at(-1)).toEqual({ year: 2567, startDate: '2023-10-01', endDate: '2024-09-30' });
    expect(years[2]).toEqual({ year: 2565, startDate: '2021-10-01', endDate: '2022-09-30' });
    const audit = await auditOf(t.database, '2567');
    expect(audit.map((a) => `${a.action} ${a.entity}`)).toEqual(['create fiscal_year']);
    expect(audit[0]!.after).toMatchObject({ year: 2567, startDate: '2023-10-01' });
    expect(
      (await executive.request('POST', '/api/v1/fiscal-years', { year: 2568 })).statusCode,
    ).toBe(403);
  });
});
