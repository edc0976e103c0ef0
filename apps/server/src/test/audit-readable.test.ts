import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityListSchema, auditListSchema, type AuditList } from '@pbis/contract';
import { ACTIVITY_LIMIT_DEFAULT } from '@pbis/contract';
import type { z } from 'zod';
import { login, setupApp, testDatabases, type Client, type TestContext } from './harness.js';

/*
 * The audit trail as a person reads it: the actor's username, who or what was changed, and a
 * name for every id in the recorded values; and the recent changes in the reader's own scope
 * (home page), where the database's row-level security decides what a scoped reader sees.
 */
type Entry = z.output<typeof auditListSchema>['items'][number];

describe.each(testDatabases())('the readable audit trail on $name', (kind) => {
  let t: TestContext;
  let admin: Client;
  let unitId: string;
  let otherUnitId: string;
  let officerId: string;
  const read = async (client: Client, query: string): Promise<Entry[]> => {
    const res = await client.get(`/api/v1/audit?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return auditListSchema.parse(res.json() as AuditList).items;
  };
  const activity = async (client: Client, query = '') => {
    const res = await client.get(`/api/v1/activity${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return activityListSchema.parse(res.json()).items;
  };

  beforeAll(async () => {
    t = await setupApp(kind);
    admin = await login(t.app, 'admin');
    // A unit of analysis division 3, a second one of division 5, an officer of the first.
    const unit = await admin.request('POST', '/api/v1/units', {
      code: 'RDB1',
      nameTh: 'ศูนย์ทดสอบการอ่านบันทึก',
      kind: 'department',
      analysisDivisionNo: 3,
    });
    expect(unit.statusCode, unit.body).toBe(201);
    unitId = unit.json().id ?? unit.json().unit?.id;
    const other = await admin.request('POST', '/api/v1/units', {
      code: 'RDB2',
      nameTh: 'ศูนย์อื่นนอกขอบเขต',
      kind: 'department',
      analysisDivisionNo: 5,
    });
    expect(other.statusCode, other.body).toBe(201);
    otherUnitId = other.json().id ?? other.json().unit?.id;
    const user = await admin.request('POST', '/api/v1/users', {
      username: 'rdb-officer',
      role: 'unit_officer',
      unitCode: 'RDB1',
      password: 'readable-officer-pw',
    });
    expect(user.statusCode, user.body).toBe(201);
    officerId = user.json().user?.id ?? user.json().id;
    const lock = await admin.request('PUT', '/api/v1/period-locks', {
      fiscalYear: 2565,
      month: 4,
      locked: true,
    });
    expect(lock.statusCode, lock.body).toBe(200);
  });
  afterAll(() => t.close());

  it('names the actor and the subject of each kind of entry', async () => {
    const [created] = await read(admin, `entity=user&entityId=${officerId}`);
    expect(created).toMatchObject({
      action: 'create',
      actorUsername: 'admin',
      subject: { username: 'rdb-officer' },
    });
    const [unit] = await read(admin, `entity=receiving_unit&entityId=${unitId}`);
    expect(unit!.subject).toEqual({ code: 'RDB1', nameTh: 'ศูนย์ทดสอบการอ่านบันทึก' });
    const [lock] = await read(admin, 'entity=period_lock&entityId=2565/4');
    expect(lock!.subject).toEqual({ fiscalYear: 2565, month: 4 });
    expect(lock!.actorUsername).toBe('admin');
  });

  it('gives a name for every id in the recorded values: user, unit, division', async () => {
    const [created] = await read(admin, `entity=user&entityId=${officerId}`);
    const after = created!.after as { id: string; unitId: string };
    expect(after.unitId).toBe(unitId);
    expect(created!.names[officerId]).toBe('rdb-officer');
    expect(created!.names[unitId]).toBe('ศูนย์ทดสอบการอ่านบันทึก');
    const [unit] = await read(admin, `entity=receiving_unit&entityId=${unitId}`);
    const divisionId = (unit!.after as { analysisDivisionId: string }).analysisDivisionId;
    expect(divisionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(unit!.names[divisionId]).toMatch(/^กองวิเคราะห์งบประมาณ/);
    // Every UUID anywhere in before/after has its name.
    for (const e of [created!, unit!]) {
      const ids =
        JSON.stringify([e.before, e.after]).match(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/g) ??
        [];
      for (const id of ids) expect(e.names[id], `${e.entity} ${id}`).toBeTruthy();
    }
  });

  it('recent changes: everything for the unscoped, 20 by default', async () => {
    const items = await activity(admin);
    expect(items.length).toBe(ACTIVITY_LIMIT_DEFAULT);
    expect(items.map((e) => e.entity)).toContain('period_lock');
    expect(items.some((e) => e.entity === 'session')).toBe(false);
    const seqs = items.map((e) => e.seq);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
    expect((await activity(admin, '?limit=3')).length).toBe(3);
  });

  it("recent changes: an officer sees their unit and its users, not another unit's", async () => {
    const officer = await login(t.app, 'rdb-officer', 'readable-officer-pw');
    // An officer whose password was set by an administrator changes it first.
    const changed = await officer.request('POST', '/api/v1/auth/password', {
      currentPassword: 'readable-officer-pw',
      newPassword: 'readable-officer-pw-2',
    });
    expect([200, 204]).toContain(changed.statusCode);
    const mine = await login(t.app, 'rdb-officer', 'readable-officer-pw-2');
    const items = await activity(mine, '?limit=100');
    const about = new Set(items.map((e) => `${e.entity}:${e.entityId}`));
    expect(about).toContain(`receiving_unit:${unitId}`);
    expect(about).toContain(`user:${officerId}`);
    expect(about).not.toContain(`receiving_unit:${otherUnitId}`);
    expect(items.every((e) => e.entity === 'receiving_unit' || e.entity === 'user')).toBe(true);
    for (const e of items) if (e.entity === 'receiving_unit') expect(e.entityId).toBe(unitId);
  });

  it("recent changes: an analyst sees their division's units only", async () => {
    const analyst = await login(t.app, 'analyst3');
    const units = (await activity(analyst, '?limit=100')).filter(
      (e) => e.entity === 'receiving_unit',
    );
    const ids = new Set(units.map((e) => e.entityId));
    expect(ids).toContain(unitId);
    expect(ids).not.toContain(otherUnitId);
    const other = await login(t.app, 'analyst5');
    const theirs = new Set((await activity(other, '?limit=100')).map((e) => e.entityId));
    expect(theirs).toContain(otherUnitId);
    expect(theirs).not.toContain(unitId);
  });

  it('the audit trail stays for its readers; recent changes need a session', async () => {
    const officer = await login(t.app, 'officer-1001');
    expect((await officer.get('/api/v1/audit')).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/activity' })).statusCode).toBe(401);
  });
});
