import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { AppError } from '@pbis/core';
import {
  errorBodySchema,
  fiscalYearListSchema,
  fiscalYearSchema,
  periodLocksSchema,
} from '@pbis/contract';
import type { z } from 'zod';
import { runWrite } from '../write.js';
import { aFiscalYear, aUser } from './factories.js';
import { auditOf, countRows } from './fixtures.js';
import { login, setupApp, testDatabases, type Client, type TestContext } from './harness.js';

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

/** Each test opens its own fiscal year (aFiscalYear()), so no test sees another's locks. */
describe.each(testDatabases())('fiscal years and period locks on $name', (kind) => {
  let t: TestContext;
  let admin: Client;
  let executive: Client;
  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    admin = await login(t.app, 'admin');
    executive = await (await aUser().executive().create(t)).signIn(t.app);
  });
  afterAll(() => t.close());

  type PeriodLocks = z.output<typeof periodLocksSchema>;
  const locksOf = (res: LightMyRequestResponse): PeriodLocks => {
    expect(res.statusCode, res.body).toBe(200);
    return periodLocksSchema.parse(res.json());
  };
  const locks = async (c: Client, year: number | string) =>
    locksOf(await c.get(`/api/v1/period-locks?fiscalYear=${year}`));
  const setLock = async (fiscalYear: number, month: number, locked: boolean) =>
    locksOf(await admin.request('PUT', '/api/v1/period-locks', { fiscalYear, month, locked }));
  const lockedMonths = (s: PeriodLocks, field: 'locked' | 'effectiveLocked') =>
    s.months.filter((m) => m[field]).map((m) => m.month);
  const refusal = (res: LightMyRequestResponse) => errorBodySchema.parse(res.json()).error;

  it('shows the 12 fiscal months of a year, October to September, all open', async () => {
    const { year } = await aFiscalYear().create(t);
    const s = await locks(executive, year);
    expect(s).toMatchObject({ fiscalYear: year, yearLocked: false, yearChangedBy: null });
    expect(s.months.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(s.months.map((m) => m.abbrTh)).toEqual(FISCAL_ABBR_TH);
    expect(s.months[0]!.abbrEn).toBe('Oct');
    expect(s.months[11]!.abbrEn).toBe('Sep');
    expect(lockedMonths(s, 'effectiveLocked')).toEqual([]);
  });

  it('locks a month, then the year (every month effectively locked), and unlocks both', async () => {
    const { year } = await aFiscalYear().create(t);
    const { year: other } = await aFiscalYear().create(t);
    const m3 = await setLock(year, 3, true);
    expect(lockedMonths(m3, 'locked')).toEqual([3]);
    expect(lockedMonths(m3, 'effectiveLocked')).toEqual([3]);
    expect(m3.months[2]).toMatchObject({ abbrTh: 'ธ.ค.', changedBy: 'admin' });
    expect(m3.yearLocked).toBe(false);
    // Everyone sees the same state, whichever way the year is written.
    expect(lockedMonths(await locks(executive, String(year)), 'locked')).toEqual([3]);

    const whole = await setLock(year, 0, true);
    expect(whole).toMatchObject({ yearLocked: true, yearChangedBy: 'admin' });
    expect(lockedMonths(whole, 'locked')).toEqual([3]);
    expect(lockedMonths(whole, 'effectiveLocked')).toHaveLength(12);
    // Other years are not touched.
    expect(lockedMonths(await locks(executive, other), 'effectiveLocked')).toEqual([]);

    const yearOpen = await setLock(year, 0, false);
    expect(yearOpen.yearLocked).toBe(false);
    expect(lockedMonths(yearOpen, 'effectiveLocked')).toEqual([3]);
    const allOpen = await setLock(year, 3, false);
    expect(lockedMonths(allOpen, 'effectiveLocked')).toEqual([]);
    expect(await locks(executive, year)).toEqual(allOpen);
  });

  it('audits every lock and unlock with before and after', async () => {
    const { year } = await aFiscalYear().create(t);
    await setLock(year, 3, true);
    await setLock(year, 3, false);
    await setLock(year, 0, true);
    const rows = await auditOf(t.database, `${year}/3`);
    expect(rows.map((r) => r.action)).toEqual(['lock', 'unlock']);
    expect(rows.every((r) => r.entity === 'period_lock' && r.username === 'admin')).toBe(true);
    expect(rows[0]!.before).toBeNull();
    expect(rows[0]!.after).toMatchObject({ fiscalYear: year, month: 3, locked: true, version: 1 });
    expect(rows[1]!.before).toMatchObject({ locked: true, version: 1 });
    expect(rows[1]!.after).toMatchObject({ locked: false, version: 2 });
    expect((await auditOf(t.database, `${year}/0`)).map((r) => r.action)).toEqual(['lock']);
  });

  it('refuses a Common-Era year with a message that says so (400), and writes nothing', async () => {
    const locksBefore = await countRows(t.database, 'period_lock');
    const yearsBefore = await countRows(t.database, 'fiscal_year');
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
      expect(refusal(res).code).toBe('validation');
      expect(refusal(res).message).toContain('Common-Era');
    }
    expect(refusal(answers[0]!).message).toContain('2565');
    expect(await countRows(t.database, 'period_lock')).toBe(locksBefore);
    expect(await countRows(t.database, 'fiscal_year')).toBe(yearsBefore);
  });

  it('refuses a month outside 0–12 and a lock by a non-admin', async () => {
    const { year } = await aFiscalYear().create(t);
    const bad = await admin.request('PUT', '/api/v1/period-locks', {
      fiscalYear: year,
      month: 13,
      locked: true,
    });
    expect(bad.statusCode).toBe(400);
    const office = await (await aUser().office().create(t)).signIn(t.app);
    const denied = await office.request('PUT', '/api/v1/period-locks', {
      fiscalYear: year,
      month: 1,
      locked: true,
    });
    expect(denied.statusCode).toBe(403);
    expect(lockedMonths(await locks(executive, year), 'effectiveLocked')).toEqual([]);
  });

  it('the write path refuses a write into a closed year or month (423 period_locked)', async () => {
    const { year } = await aFiscalYear().withLockedMonths(5).create(t); // 5 = February
    const { year: open } = await aFiscalYear().create(t);
    /** What a write into `period` comes to: 'written', or the refusal. */
    const writeInto = (period: { fiscalYear: number; month?: number }) =>
      runWrite(t.database, t.system, { period }, async () => 'written').catch((e: unknown) => e);
    const month = await writeInto({ fiscalYear: year, month: 5 });
    expect(month).toBeInstanceOf(AppError);
    expect(month).toMatchObject({
      code: 'locked',
      status: 423,
      message: `February (ก.พ.) of fiscal year ${year} is closed`,
      details: { reason: 'period_locked', fiscalYear: year, month: 5 },
    });
    expect(await writeInto({ fiscalYear: year, month: 4 })).toBe('written');
    expect(await writeInto({ fiscalYear: year })).toBe('written');
    expect(await writeInto({ fiscalYear: open, month: 5 })).toBe('written');

    const { year: closed } = await aFiscalYear().locked().create(t);
    for (const m of [undefined, 1, 4, 12]) {
      expect(await writeInto({ fiscalYear: closed, ...(m && { month: m }) })).toMatchObject({
        code: 'locked',
        message: `fiscal year ${closed} is closed`,
        details: { reason: 'period_locked', fiscalYear: closed },
      });
    }
    await setLock(closed, 0, false);
    expect(await writeInto({ fiscalYear: closed, month: 1 })).toBe('written');
  });

  it('opens fiscal year 2567 from 1 October 2023 to 30 September 2024, once', async () => {
    const res = await admin.request('POST', '/api/v1/fiscal-years', { year: 2567 });
    expect(res.statusCode, res.body).toBe(201);
    expect(fiscalYearSchema.parse(res.json())).toEqual({
      year: 2567,
      startDate: '2023-10-01',
      endDate: '2024-09-30',
    });
    const again = await admin.request('POST', '/api/v1/fiscal-years', { year: '2567' });
    expect(again.statusCode).toBe(409);
    expect(refusal(again)).toMatchObject({
      code: 'conflict',
      details: { reason: 'fiscal_year_exists' },
    });
    const list = await executive.get('/api/v1/fiscal-years');
    expect(list.statusCode).toBe(200);
    const years = fiscalYearListSchema.parse(list.json()).items;
    expect(years.map((y) => y.year)).toEqual([...years.map((y) => y.year)].sort((a, b) => a - b));
    expect(years).toContainEqual({ year: 2567, startDate: '2023-10-01', endDate: '2024-09-30' });
    expect(years).toContainEqual({ year: 2565, startDate: '2021-10-01', endDate: '2022-09-30' });
    const audit = await auditOf(t.database, '2567');
    expect(audit.map((a) => `${a.action} ${a.entity}`)).toEqual(['create fiscal_year']);
    expect(audit[0]!.after).toMatchObject({ year: 2567, startDate: '2023-10-01' });
    const denied = await executive.request('POST', '/api/v1/fiscal-years', { year: 2568 });
    expect(denied.statusCode).toBe(403);
    expect((await auditOf(t.database, '2568')).length).toBe(0);
  });
});
