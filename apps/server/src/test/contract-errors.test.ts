import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { errorBodySchema, userListSchema, type ErrorBody } from '@pbis/contract';
import { aUnit, aUser } from './factories.js';
import { login, setupApp, testDatabases, type Client, type TestContext } from './harness.js';

/*
 * The refusals a user meets in the UI answer with a machine-readable reason (and, for one field,
 * a field error) in the contract's error shape; the users list filters by status and pages.
 */
const errorOf = (res: LightMyRequestResponse): ErrorBody['error'] =>
  errorBodySchema.parse(res.json()).error;

describe.each(testDatabases())('reasons and field errors on $name', (kind) => {
  let t: TestContext;
  let admin: Client;

  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t?.close());

  it('a schema failure names each field and its rule', async () => {
    const res = await admin.request('POST', '/api/v1/users', {
      username: 'a b',
      role: 'wizard',
      displayName: 'x'.repeat(201),
    });
    expect(res.statusCode).toBe(400);
    const e = errorOf(res);
    expect(e.details?.reason).toBe('invalid_request');
    expect(e.details?.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'username', reason: 'invalid_format' }),
        expect.objectContaining({ path: 'role', reason: 'invalid_option' }),
        {
          path: 'displayName',
          reason: 'too_long',
          params: expect.objectContaining({ maximum: 200 }),
        },
      ]),
    );
    const missing = errorOf(await admin.request('POST', '/api/v1/units', { nameTh: 'ก' }));
    expect(missing.details?.fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'code', reason: 'required' })]),
    );
  });

  it('a taken unit code, unit name and username are errors on their fields', async () => {
    const unit = await aUnit().create(t);
    const code = errorOf(
      await admin.request('POST', '/api/v1/units', {
        code: unit.code,
        nameTh: 'ชื่อใหม่ที่ไม่ซ้ำ',
        kind: 'department',
      }),
    );
    expect(code).toMatchObject({
      code: 'conflict',
      details: {
        reason: 'unit_code_taken',
        fields: [{ path: 'code', reason: 'unit_code_taken', params: { code: unit.code } }],
      },
    });
    const name = errorOf(
      await admin.request('POST', '/api/v1/units', {
        code: 'NEW-1',
        nameTh: unit.nameTh,
        kind: 'department',
      }),
    );
    expect(name.details).toMatchObject({
      reason: 'unit_name_taken',
      fields: [{ path: 'nameTh', params: { name: unit.nameTh, code: unit.code } }],
    });
    const user = await aUser().create(t);
    const taken = errorOf(
      await admin.request('POST', '/api/v1/users', { username: user.username, role: 'executive' }),
    );
    expect(taken.details).toMatchObject({
      reason: 'username_taken',
      fields: [{ path: 'username', reason: 'username_taken' }],
    });
  });

  it('a weak password is one field error per rule broken', async () => {
    const res = await admin.request('POST', '/api/v1/users', {
      username: 'weak.pw',
      role: 'executive',
      password: 'aaaa',
    });
    expect(errorOf(res).details).toMatchObject({
      reason: 'weak_password',
      fields: expect.arrayContaining([
        { path: 'password', reason: 'password_too_short', params: { min: 10 } },
        { path: 'password', reason: 'password_too_few_distinct', params: { distinct: 5 } },
      ]),
    });
  });

  it('an admin cannot disable or demote themselves, and the reasons differ', async () => {
    const boss = await aUser().admin().create(t);
    const client = await boss.signIn(t.app);
    const disable = await client.request('PATCH', `/api/v1/users/${boss.id}`, {
      active: false,
      version: boss.version,
    });
    expect(disable.statusCode).toBe(422);
    expect(errorOf(disable).details?.reason).toBe('cannot_disable_self');
    const demote = await client.request('PATCH', `/api/v1/users/${boss.id}`, {
      role: 'executive',
      version: boss.version,
    });
    expect(errorOf(demote).details?.reason).toBe('cannot_demote_self');
  });

  it('a wrong password says how many tries are left, the same for an unknown username', async () => {
    const user = await aUser().create(t);
    const attempt = (username: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: 'not-the-password' },
        remoteAddress: `10.9.${Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 200)}`,
      });
    const left: unknown[] = [];
    for (let i = 0; i < 3; i++) left.push(errorOf(await attempt(user.username)).details);
    expect(left).toEqual([
      { reason: 'wrong_credentials', attemptsLeft: 9 },
      { reason: 'wrong_credentials', attemptsLeft: 8 },
      { reason: 'wrong_credentials', attemptsLeft: 7 },
    ]);
    const nobody = await attempt('no-such-user-anywhere');
    expect(nobody.statusCode).toBe(401);
    expect(errorOf(nobody).details).toEqual({ reason: 'wrong_credentials', attemptsLeft: 9 });
  });

  it('an existing fiscal year is 409 fiscal_year_exists; a new one 201', async () => {
    const created = await admin.request('POST', '/api/v1/fiscal-years', { year: 2569 });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toEqual({
      year: 2569,
      startDate: '2025-10-01',
      endDate: '2026-09-30',
    });
    const again = await admin.request('POST', '/api/v1/fiscal-years', { year: '2569' });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).details).toMatchObject({
      reason: 'fiscal_year_exists',
      fields: [{ path: 'year', reason: 'fiscal_year_exists', params: { year: 2569 } }],
    });
    const ce = errorOf(await admin.request('POST', '/api/v1/fiscal-years', { year: 2026 }));
    expect(ce.details).toMatchObject({ reason: 'common_era_year', suggestion: 2569 });
  });

  it('lists users by status, one page at a time, with the total', async () => {
    const off = await aUser().inactive().create(t);
    const fresh = await aUser().mustChangePassword().create(t);
    const page = async (q: string) => {
      const res = await admin.get(`/api/v1/users?${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return userListSchema.parse(res.json());
    };
    const disabled = await page('status=disabled&limit=200');
    expect(disabled.items.map((u) => u.username)).toContain(off.username);
    expect(disabled.items.every((u) => !u.active)).toBe(true);
    expect(disabled.total).toBe(disabled.items.length);
    const lockedOut = await aUser().create(t);
    for (let i = 0; i < 10; i++)
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: lockedOut.username, password: 'not-the-password' },
        remoteAddress: `10.8.0.${i}`,
      });
    const locked = await page('status=locked&limit=200');
    expect(locked.items.map((u) => u.username)).toEqual([lockedOut.username]);
    expect(locked.items[0]!.lockedUntil).toEqual(expect.any(Date));
    expect((await page('status=active&limit=200')).items.map((u) => u.username)).not.toContain(
      lockedOut.username,
    );
    const must = await page('status=must_change_password&limit=200');
    expect(must.items.map((u) => u.username)).toContain(fresh.username);
    expect(must.items.map((u) => u.username)).not.toContain(off.username);

    const all = await page('limit=200');
    expect(all.total).toBeGreaterThan(3);
    const first = await page('limit=2&offset=0');
    const second = await page('limit=2&offset=2');
    expect(first.total).toBe(all.total);
    expect(first.items.map((u) => u.id)).toEqual(all.items.slice(0, 2).map((u) => u.id));
    expect(second.items.map((u) => u.id)).toEqual(all.items.slice(2, 4).map((u) => u.id));
    expect((await admin.get('/api/v1/users?limit=201')).statusCode).toBe(400);
  });
});
