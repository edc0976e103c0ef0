import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@pbis/core';
import {
  createdUserSchema,
  errorBodySchema,
  meSchema,
  resetPasswordSchema,
  sessionSchema,
  userListSchema,
  userSchema,
} from '@pbis/contract';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { updateUser } from '../modules/users/service.js';
import { aUser, next } from './factories.js';
import { auditOf, auditText, countRows } from './fixtures.js';
import { login, setupApp, testDatabases, type Client, type TestContext } from './harness.js';

const refusal = (res: LightMyRequestResponse) => errorBodySchema.parse(res.json()).error;

const attempt = (app: FastifyInstance, username: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

describe.each(testDatabases())('user administration on $name', (kind) => {
  let t: TestContext;
  let admin: Client;
  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.close());

  /** Creates a user; returns the user and the generated temporary password. */
  async function create(body: Record<string, unknown>) {
    const res = await admin.request('POST', '/api/v1/users', body);
    expect(res.statusCode, res.body).toBe(201);
    return createdUserSchema.parse(res.json());
  }
  const patch = (id: string, body: Record<string, unknown>) =>
    admin.request('PATCH', `/api/v1/users/${id}`, body);
  /** The user a PATCH answered (200). */
  const patched = (res: LightMyRequestResponse) => {
    expect(res.statusCode, res.body).toBe(200);
    return userSchema.parse(res.json());
  };
  const users = async (c: Client, query = '') => {
    const res = await c.get(`/api/v1/users${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return userListSchema.parse(res.json()).items;
  };

  it('creates a user of every role with its scope, and a temporary password that signs in once shown', async () => {
    const made = {
      admin: await create({ username: 'admin-two', role: 'admin' }),
      analyst: await create({ username: 'ana-x', role: 'budget_analyst', analysisDivisionNo: 4 }),
      office: await create({ username: 'office-x', role: 'budget_office', displayName: 'สำนักงบ' }),
      officerByCode: await create({ username: 'off-dds', role: 'unit_officer', unitCode: 'DDS' }),
      executive: await create({ username: 'exec-x', role: 'executive' }),
    };
    expect(made.analyst.user).toMatchObject({
      role: 'budget_analyst',
      analysisDivisionNo: 4,
      unitId: null,
    });
    expect(made.officerByCode.user).toMatchObject({ role: 'unit_officer', unitCode: 'DDS' });
    const byId = await create({
      username: 'off-dds-2',
      role: 'unit_officer',
      unitId: made.officerByCode.user.unitId,
    });
    expect(byId.user.unitCode).toBe('DDS');
    expect(made.office.user).toMatchObject({
      displayName: 'สำนักงบ',
      unitId: null,
      analysisDivisionNo: null,
    });
    for (const m of [...Object.values(made), byId]) {
      expect(m.temporaryPassword).toMatch(/^[A-Za-z2-9]{16}$/);
      expect(m.user).toMatchObject({ active: true, mustChangePassword: true, version: 1 });
    }
    const res = await attempt(t.app, 'ana-x', made.analyst.temporaryPassword!);
    expect(res.statusCode).toBe(200);
    expect(sessionSchema.parse(res.json()).user).toMatchObject({
      username: 'ana-x',
      mustChangePassword: true,
      analysisDivisionNo: 4,
    });
    // Shown once: the list never carries a password, a hash or the temporary password.
    const list = await admin.get('/api/v1/users');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(made.analyst.temporaryPassword!);
    expect(list.body).not.toMatch(/argon2|passwordHash|temporaryPassword/i);
    // A password given by the admin is not echoed.
    const given = await create({
      username: 'exec-y',
      role: 'executive',
      password: 'a-chosen-password',
    });
    expect(given.temporaryPassword).toBeUndefined();
    expect((await attempt(t.app, 'exec-y', 'a-chosen-password')).statusCode).toBe(200);
  });

  it('refuses an analyst without an analysis division and an officer without a unit (400)', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ username: 'no-div', role: 'budget_analyst' }, /analysis division/],
      [
        { username: 'bad-div', role: 'budget_analyst', analysisDivisionNo: 9 },
        /no analysis division 9/,
      ],
      [{ username: 'no-unit', role: 'unit_officer' }, /needs a receiving unit/],
      [{ username: 'bad-unit', role: 'unit_officer', unitCode: 'NOPE' }, /no receiving unit NOPE/],
      [{ username: 'x', role: 'executive' }, /username/],
      [{ username: 'short-pw', role: 'executive', password: 'short' }, /at least 10/],
    ];
    const before = await countRows(t.database, 'app_user');
    for (const [body, message] of cases) {
      const res = await admin.request('POST', '/api/v1/users', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(refusal(res).code).toBe('validation');
      expect(refusal(res).message).toMatch(message);
    }
    expect(await countRows(t.database, 'app_user')).toBe(before);
  });

  it('refuses a username that exists in any letter case (409)', async () => {
    const taken = await aUser().username(`Taken-${next()}`).create(t);
    const before = await countRows(t.database, 'app_user');
    const variants = [taken.username.toUpperCase(), taken.username.toLowerCase(), 'ADMIN'];
    for (const username of variants) {
      const res = await admin.request('POST', '/api/v1/users', { username, role: 'executive' });
      expect(res.statusCode, username).toBe(409);
      expect(refusal(res)).toMatchObject({ code: 'conflict' });
      expect(refusal(res).message).toContain(username);
    }
    expect(await countRows(t.database, 'app_user')).toBe(before);
  });

  it('edits display name, role and scope; a stale version gets 409', async () => {
    const user = await aUser().officerOf('BDO').create(t);
    const renamed = await patch(user.id, { version: 1, displayName: 'ชื่อใหม่' });
    expect(patched(renamed)).toMatchObject({ displayName: 'ชื่อใหม่', version: 2, unitCode: 'BDO' });
    const analyst = await patch(user.id, {
      version: 2,
      role: 'budget_analyst',
      analysisDivisionNo: 3,
    });
    expect(patched(analyst)).toMatchObject({
      role: 'budget_analyst',
      analysisDivisionNo: 3,
      unitId: null,
      version: 3,
    });
    const moved = await patch(user.id, { version: 3, analysisDivisionNo: 6 });
    expect(patched(moved)).toMatchObject({ analysisDivisionNo: 6, version: 4 });
    const officer = await patch(user.id, { version: 4, role: 'unit_officer', unitCode: '1024' });
    expect(patched(officer)).toMatchObject({
      role: 'unit_officer',
      unitCode: '1024',
      analysisDivisionNo: null,
    });
    const noUnit = await patch(user.id, { version: 5, role: 'budget_analyst' });
    expect(noUnit.statusCode).toBe(400);
    const stale = await patch(user.id, { version: 2, displayName: 'ทับ' });
    expect(stale.statusCode).toBe(409);
    expect(refusal(stale).code).toBe('conflict');
    const now = await users(admin, `?q=${user.username}`);
    expect(now).toHaveLength(1);
    expect(now[0]).toMatchObject({ displayName: 'ชื่อใหม่', version: 5, unitCode: '1024' });
    const missing = await patch('00000000-0000-4000-8000-000000000000', {
      version: 1,
      displayName: 'x',
    });
    expect(missing.statusCode).toBe(404);
  });

  it('disabling ends the user’s sessions and refuses sign-in; enabling lets them in again', async () => {
    const user = await aUser().create(t);
    const session = await user.signIn(t.app);
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(200);
    const off = await patch(user.id, { version: 1, active: false });
    expect(patched(off)).toMatchObject({ active: false, version: 2 });
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
    const refused = await attempt(t.app, user.username, user.password);
    const wrong = await attempt(t.app, user.username, 'not-the-password');
    expect(refused.statusCode).toBe(401);
    // the same answer as a wrong password: it does not confirm that the password was right
    expect(refusal(refused).message).toBe(refusal(wrong).message);
    expect(refusal(refused).message).toBe('wrong username or password');
    expect((await users(admin, '?active=false')).map((u) => u.username)).toContain(user.username);
    expect((await users(admin, '?active=true')).map((u) => u.username)).not.toContain(
      user.username,
    );
    expect(patched(await patch(user.id, { version: 2, active: true }))).toMatchObject({
      active: true,
      version: 3,
    });
    expect((await attempt(t.app, user.username, user.password)).statusCode).toBe(200);
    expect((await auditOf(t.database, user.id)).map((a) => a.action)).toEqual([
      'create',
      'login',
      'disable',
      'enable',
      'login',
    ]);
  });

  it('resetting a password revokes sessions; the new password works and the old does not', async () => {
    const user = await aUser().withPassword('the-old-password').create(t);
    const session = await user.signIn(t.app);
    const res = await admin.request('POST', `/api/v1/users/${user.id}/reset-password`, {});
    expect(res.statusCode).toBe(200);
    const temp = resetPasswordSchema.parse(res.json()).temporaryPassword!;
    expect(temp).toMatch(/^[A-Za-z2-9]{16}$/);
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await attempt(t.app, user.username, 'the-old-password')).statusCode).toBe(401);
    const fresh = await attempt(t.app, user.username, temp);
    expect(fresh.statusCode).toBe(200);
    expect(sessionSchema.parse(fresh.json()).user.mustChangePassword).toBe(true);
    const chosen = await admin.request('POST', `/api/v1/users/${user.id}/reset-password`, {
      password: 'admin-chosen-pw',
    });
    expect(resetPasswordSchema.parse(chosen.json())).toEqual({});
    expect((await attempt(t.app, user.username, temp)).statusCode).toBe(401);
    expect((await attempt(t.app, user.username, 'admin-chosen-pw')).statusCode).toBe(200);
  });

  it('after 10 failed sign-ins the account is locked (423) until an admin unlocks it', async () => {
    const user = await aUser().withPassword('blue-harbour-lantern').create(t);
    const from = (ip: string, password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: user.username, password },
        remoteAddress: ip,
      });
    for (let i = 1; i <= 9; i++)
      expect((await from(`192.0.2.${i}`, 'wrong-guess')).statusCode).toBe(401);
    const tenth = await from('192.0.2.10', 'wrong-guess');
    expect(tenth.statusCode).toBe(423);
    expect(refusal(tenth).code).toBe('locked');
    expect((await from('192.0.2.11', 'blue-harbour-lantern')).statusCode).toBe(423);
    const unlock = await admin.request('POST', `/api/v1/users/${user.id}/unlock`);
    expect(unlock.statusCode).toBe(204);
    const upper = user.username.toUpperCase();
    expect((await attempt(t.app, upper, 'blue-harbour-lantern')).statusCode).toBe(200);
    const actions = (await auditOf(t.database, user.id)).map((a) => a.action);
    expect(actions).toEqual(['create', 'lockout', 'unlock', 'login']);
  });

  it('an admin cannot disable or demote themselves (422)', async () => {
    const self = await aUser().admin().create(t);
    const client = await self.signIn(t.app);
    const me = meSchema.parse((await client.get('/api/v1/auth/me')).json().user);
    expect(me.id).toBe(self.id);
    const cases = [
      [{ active: false }, 'cannot_disable_self'],
      [{ role: 'executive' }, 'cannot_demote_self'],
    ] as const;
    for (const [body, reason] of cases) {
      const res = await client.request('PATCH', `/api/v1/users/${self.id}`, {
        version: self.version,
        ...body,
      });
      expect(res.statusCode).toBe(422);
      expect(refusal(res)).toMatchObject({ code: 'business_rule', details: { reason } });
    }
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await users(admin, `?q=${self.username}`))[0]).toMatchObject({
      role: 'admin',
      active: true,
      version: self.version,
    });
  });

  it('the last active admin cannot be disabled or demoted (422)', async () => {
    const last = await aUser()
      .admin()
      .withPassword('copper-kettle-919')
      .mustChangePassword()
      .create(t);
    const three = await last.signIn(t.app);
    // An admin-set password must be replaced before anything else (server-enforced).
    const gated = await three.get('/api/v1/users');
    expect(gated.statusCode).toBe(403);
    expect(refusal(gated).details).toMatchObject({ reason: 'password_change_required' });
    const changed = await three.request('POST', '/api/v1/auth/password', {
      currentPassword: 'copper-kettle-919',
      newPassword: 'copper-kettle-920',
    });
    expect(changed.statusCode).toBe(204);
    // Disable every other active admin, as the new one.
    const others = (await users(three, '?role=admin&active=true')).filter((u) => u.id !== last.id);
    expect(others.map((u) => u.username)).toContain('admin');
    for (const a of others) {
      const off = await three.request('PATCH', `/api/v1/users/${a.id}`, {
        version: a.version,
        active: false,
      });
      expect(off.statusCode, off.body).toBe(200);
    }
    // It is now the only active admin: the system (CLI) may not remove it either.
    const { version } = (await users(three, `?q=${last.username}`))[0]!;
    for (const change of [{ active: false }, { role: 'executive' as const }]) {
      const failure = updateUser(t.database, t.system, last.id, version, change);
      await expect(failure).rejects.toBeInstanceOf(AppError);
      await expect(failure).rejects.toMatchObject({
        code: 'business_rule',
        status: 422,
        message: 'at least one active admin must remain',
      });
    }
    const still = await users(three, '?role=admin&active=true');
    expect(still.map((u) => u.username)).toEqual([last.username]);
    // Re-enabling the others restores the state the other tests expect.
    for (const a of others) {
      const back = await three.request('PATCH', `/api/v1/users/${a.id}`, {
        version: a.version + 1,
        active: true,
      });
      expect(back.statusCode, back.body).toBe(200);
    }
    admin = await login(t.app, 'admin');
    expect((await admin.get('/api/v1/users')).statusCode).toBe(200);
  });

  it('every change is audited with before and after, and the audit never holds a password hash', async () => {
    const { user } = await create({
      username: 'audited',
      role: 'unit_officer',
      unitCode: 'FIN',
      displayName: 'ก',
    });
    await patch(user.id, { version: 1, displayName: 'ข' });
    await admin.request('POST', `/api/v1/users/${user.id}/reset-password`, {});
    const rows = await auditOf(t.database, user.id);
    expect(rows.map((r) => r.action)).toEqual(['create', 'update', 'reset_password']);
    const [created, updated] = rows;
    expect(created).toMatchObject({ entity: 'user', username: 'admin', before: null });
    expect(created!.after).toMatchObject({
      username: 'audited',
      role: 'unit_officer',
      displayName: 'ก',
      version: 1,
    });
    expect(updated!.before).toMatchObject({ displayName: 'ก', version: 1 });
    expect(updated!.after).toMatchObject({ displayName: 'ข', version: 2 });
    const text = await auditText(t.database);
    expect(text).toContain('"audited"');
    expect(text).not.toMatch(/argon2/i);
    expect(text).not.toMatch(/passwordHash|password_hash/);
  });
});
