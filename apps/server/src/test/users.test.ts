import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@pbis/core';
import type { FastifyInstance } from 'fastify';
import { updateUser } from '../modules/users/service.js';
import { auditOf, auditText, countRows } from './fixtures.js';
import { login, setupApp, testDatabases, type Client, type TestContext } from './harness.js';

interface User {
  id: string;
  username: string;
  displayName: string;
  role: string;
  unitId: string | null;
  unitCode: string | null;
  analysisDivisionNo: number | null;
  active: boolean;
  mustChangePassword: boolean;
  version: number;
}

const attempt = (app: FastifyInstance, username: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

describe.each(testDatabases())('user administration on $name', (kind) => {
  let t: TestContext;
  let admin: Client;
  beforeAll(async () => {
    t = await setupApp(kind);
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.close());

  /** Creates a user; returns the user and the generated temporary password. */
  async function create(body: Record<string, unknown>) {
    const res = await admin.request('POST', '/api/v1/users', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { user: User; temporaryPassword?: string };
  }
  const patch = (id: string, body: Record<string, unknown>) =>
    admin.request('PATCH', `/api/v1/users/${id}`, body);

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
    expect(res.json().user).toMatchObject({
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
      expect(res.json().error.code).toBe('validation');
      expect(res.json().error.message).toMatch(message);
    }
    expect(await countRows(t.database, 'app_user')).toBe(before);
  });

  it('refuses a username that exists in any letter case (409)', async () => {
    for (const username of ['Analyst1', 'ADMIN', 'Officer-bdo']) {
      const res = await admin.request('POST', '/api/v1/users', { username, role: 'executive' });
      expect(res.statusCode, username).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'conflict' });
      expect(res.json().error.message).toContain(username);
    }
  });

  it('edits display name, role and scope; a stale version gets 409', async () => {
    const { user } = await create({ username: 'editee', role: 'unit_officer', unitCode: 'BDO' });
    const renamed = await patch(user.id, { version: 1, displayName: 'ชื่อใหม่' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ displayName: 'ชื่อใหม่', version: 2, unitCode: 'BDO' });
    const analyst = await patch(user.id, {
      version: 2,
      role: 'budget_analyst',
      analysisDivisionNo: 3,
    });
    expect(analyst.statusCode, analyst.body).toBe(200);
    expect(analyst.json()).toMatchObject({
      role: 'budget_analyst',
      analysisDivisionNo: 3,
      unitId: null,
      version: 3,
    });
    const moved = await patch(user.id, { version: 3, analysisDivisionNo: 6 });
    expect(moved.json()).toMatchObject({ analysisDivisionNo: 6, version: 4 });
    const officer = await patch(user.id, { version: 4, role: 'unit_officer', unitCode: '1024' });
    expect(officer.json()).toMatchObject({
      role: 'unit_officer',
      unitCode: '1024',
      analysisDivisionNo: null,
    });
    const noUnit = await patch(user.id, { version: 5, role: 'budget_analyst' });
    expect(noUnit.statusCode).toBe(400);
    const stale = await patch(user.id, { version: 2, displayName: 'ทับ' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict');
    const now = (await admin.get('/api/v1/users?q=editee')).json().items[0] as User;
    expect(now).toMatchObject({ displayName: 'ชื่อใหม่', version: 5, unitCode: '1024' });
    const missing = await patch('00000000-0000-4000-8000-000000000000', {
      version: 1,
      displayName: 'x',
    });
    expect(missing.statusCode).toBe(404);
  });

  it('disabling ends the user’s sessions and refuses sign-in; enabling lets them in again', async () => {
    const { user } = await create({
      username: 'to-disable',
      role: 'executive',
      password: 'disable-me-pw',
    });
    const session = await login(t.app, 'to-disable', 'disable-me-pw');
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(200);
    const off = await patch(user.id, { version: 1, active: false });
    expect(off.json()).toMatchObject({ active: false, version: 2 });
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
    const refused = await attempt(t.app, 'to-disable', 'disable-me-pw');
    expect(refused.statusCode).toBe(401);
    // the same answer as a wrong password: it does not confirm that the password was right
    expect(refused.json().error.message).toBe('wrong username or password');
    expect(
      (await admin.get('/api/v1/users?active=false')).json().items.map((u: User) => u.username),
    ).toContain('to-disable');
    expect((await patch(user.id, { version: 2, active: true })).json()).toMatchObject({
      active: true,
      version: 3,
    });
    expect((await attempt(t.app, 'to-disable', 'disable-me-pw')).statusCode).toBe(200);
    expect((await auditOf(t.database, user.id)).map((a) => a.action)).toEqual([
      'create',
      'login',
      'disable',
      'enable',
      'login',
    ]);
  });

  it('resetting a password revokes sessions; the new password works and the old does not', async () => {
    const { user } = await create({
      username: 'resettee',
      role: 'executive',
      password: 'the-old-password',
    });
    const session = await login(t.app, 'resettee', 'the-old-password');
    const res = await admin.request('POST', `/api/v1/users/${user.id}/reset-password`, {});
    expect(res.statusCode).toBe(200);
    const temp = res.json().temporaryPassword as string;
    expect(temp).toMatch(/^[A-Za-z2-9]{16}$/);
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await attempt(t.app, 'resettee', 'the-old-password')).statusCode).toBe(401);
    const fresh = await attempt(t.app, 'resettee', temp);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().user.mustChangePassword).toBe(true);
    const chosen = await admin.request('POST', `/api/v1/users/${user.id}/reset-password`, {
      password: 'admin-chosen-pw',
    });
    expect(chosen.json()).toEqual({});
    expect((await attempt(t.app, 'resettee', temp)).statusCode).toBe(401);
    expect((await attempt(t.app, 'resettee', 'admin-chosen-pw')).statusCode).toBe(200);
  });

  it('after 10 failed sign-ins the account is locked (423) until an admin unlocks it', async () => {
    const { user } = await create({
      username: 'lockee',
      role: 'executive',
      password: 'blue-harbour-lantern',
    });
    const from = (ip: string, password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'lockee', password },
        remoteAddress: ip,
      });
    for (let i = 1; i <= 9; i++)
      expect((await from(`192.0.2.${i}`, 'wrong-guess')).statusCode).toBe(401);
    const tenth = await from('192.0.2.10', 'wrong-guess');
    expect(tenth.statusCode).toBe(423);
    expect(tenth.json().error.code).toBe('locked');
    expect((await from('192.0.2.11', 'blue-harbour-lantern')).statusCode).toBe(423);
    const unlock = await admin.request('POST', `/api/v1/users/${user.id}/unlock`);
    expect(unlock.statusCode).toBe(204);
    expect((await attempt(t.app, 'LOCKEE', 'blue-harbour-lantern')).statusCode).toBe(200);
    const actions = (await auditOf(t.database, user.id)).map((a) => a.action);
    expect(actions).toEqual(['create', 'unlock', 'login']);
  });

  it('an admin cannot disable or demote themselves (422)', async () => {
    const me = (await admin.get('/api/v1/auth/me')).json().user as { id: string };
    const row = (await admin.get('/api/v1/users?q=admin&role=admin'))
      .json()
      .items.find((u: User) => u.username === 'admin') as User;
    for (const body of [{ active: false }, { role: 'executive' }]) {
      const res = await patch(me.id, { version: row.version, ...body });
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'business_rule' });
      expect(res.json().error.message).toMatch(/cannot disable yourself/);
    }
    expect((await admin.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('the last active admin cannot be disabled or demoted (422)', async () => {
    const other = await create({
      username: 'admin-three',
      role: 'admin',
      password: 'copper-kettle-919',
    });
    const three = await login(t.app, 'admin-three', 'copper-kettle-919');
    // An admin-set password must be replaced before anything else (server-enforced).
    expect((await three.get('/api/v1/users')).statusCode).toBe(403);
    expect((await three.get('/api/v1/users')).json().error.details).toEqual({
      reason: 'password_change_required',
    });
    const changed = await three.request('POST', '/api/v1/auth/password', {
      currentPassword: 'copper-kettle-919',
      newPassword: 'copper-kettle-920',
    });
    expect(changed.statusCode).toBe(204);
    // Disable every other admin, as admin-three.
    const admins = (await three.get('/api/v1/users?role=admin&active=true')).json().items as User[];
    for (const a of admins.filter((u) => u.username !== 'admin-three' && u.username !== 'admin')) {
      expect(
        (
          await three.request('PATCH', `/api/v1/users/${a.id}`, {
            version: a.version,
            active: false,
          })
        ).statusCode,
      ).toBe(200);
    }
    const first = admins.find((u) => u.username === 'admin')!;
    expect(
      (
        await three.request('PATCH', `/api/v1/users/${first.id}`, {
          version: first.version,
          active: false,
        })
      ).statusCode,
    ).toBe(200);
    // admin-three is now the only active admin: the system (CLI) may not remove it either.
    for (const change of [{ active: false }, { role: 'executive' as const }]) {
      // version 2: the password change above made version 2.
      const failure = updateUser(t.database, t.system, other.user.id, 2, change);
      await expect(failure).rejects.toBeInstanceOf(AppError);
      await expect(failure).rejects.toMatchObject({
        code: 'business_rule',
        status: 422,
        message: 'at least one active admin must remain',
      });
    }
    const still = (await three.get('/api/v1/users?role=admin&active=true')).json().items as User[];
    expect(still.map((u) => u.username)).toEqual(['admin-three']);
    // Re-enabling the first admin restores the usual state.
    const back = await three.request('PATCH', `/api/v1/users/${first.id}`, {
      version: first.version + 1,
      active: true,
    });
    expect(back.statusCode).toBe(200);
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
