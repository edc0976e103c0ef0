import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { auditListSchema, auditVerifySchema } from '@pbis/contract';
import { fiscalYear } from '../db/schema.js';
import { appendAudit, verifyAudit } from '../modules/audit/repository.js';
import { runWrite } from '../write.js';
import { bangkokDay, countRows, dbFailure, ownerRows } from './fixtures.js';
import { login, setupApp, testDatabases, type Client, type TestContext } from './harness.js';

describe.each(testDatabases())('the audit trail on $name', (kind) => {
  let t: TestContext;
  let admin: Client;
  let adminId: string;
  beforeAll(async () => {
    t = await setupApp(kind);
    admin = await login(t.app, 'admin');
    adminId = (await admin.get('/api/v1/auth/me')).json().user.id;
    // Many writes of several kinds, by two people.
    for (let month = 1; month <= 12; month++) {
      for (const locked of [true, false]) {
        const res = await admin.request('PUT', '/api/v1/period-locks', {
          fiscalYear: 2565,
          month,
          locked,
        });
        expect(res.statusCode).toBe(200);
      }
    }
    for (const username of ['aud-one', 'aud-two', 'aud-three']) {
      const res = await admin.request('POST', '/api/v1/users', { username, role: 'executive' });
      expect(res.statusCode).toBe(201);
    }
    await login(t.app, 'office');
  });
  afterAll(() => t.close());

  const page = async (query: string) => {
    const res = await admin.get(`/api/v1/audit${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return auditListSchema.parse(res.json());
  };
  const verify = async () =>
    auditVerifySchema.parse((await admin.get('/api/v1/audit/verify')).json());
  const total = () => countRows(t.database, 'audit_log');

  it('the database refuses UPDATE, DELETE and TRUNCATE of audit rows', async () => {
    const before = await total();
    for (const statement of [
      sql`update audit_log set action = 'forged' where seq = 2`,
      sql`delete from audit_log where seq = 2`,
      sql`delete from audit_log`,
      sql`truncate audit_log`,
    ]) {
      expect(await dbFailure(ownerRows(t.database, statement))).toMatch(
        /audit_log is append-only \((UPDATE|DELETE|TRUNCATE) refused\)/,
      );
    }
    expect(await total()).toBe(before);
    const [row] = await ownerRows<{ action: string }>(
      t.database,
      sql`select action from audit_log where seq = 2`,
    );
    expect(row!.action).toBe('create');
  });

  it('verifies the whole chain after many writes', async () => {
    const n = await total();
    expect(n).toBeGreaterThan(100);
    expect(await verify()).toEqual({ ok: true, checked: n });
    expect(await verifyAudit(t.database.db, t.database.keys.audit, 7)).toEqual({
      ok: true,
      checked: n,
    });
  });

  it('detects a changed row, names it, and is ok again once the row is put back', async () => {
    const [target] = await ownerRows<{ seq: number; after: string }>(
      t.database,
      sql`select seq::int as seq, after::text as after from audit_log where entity = 'period_lock' and action = 'lock' order by seq limit 1 offset 5`,
    );
    const seq = target!.seq;
    const tamper = async (after: string) => {
      await ownerRows(t.database, sql`alter table audit_log disable trigger user`);
      await ownerRows(
        t.database,
        sql`update audit_log set after = ${after}::jsonb where seq = ${seq}`,
      );
      await ownerRows(t.database, sql`alter table audit_log enable trigger user`);
    };
    await tamper(target!.after.replace('"locked": true', '"locked": false'));
    const broken = {
      ok: false,
      checked: seq - 1,
      brokenSeq: seq,
      reason: 'content does not match its hash',
    };
    expect(await verify()).toEqual(broken);
    expect(await verifyAudit(t.database.db, t.database.keys.audit, 7)).toEqual(broken);
    // The triggers are back on.
    expect(
      await dbFailure(ownerRows(t.database, sql`delete from audit_log where seq = 1`)),
    ).toMatch(/append-only/);
    await tamper(target!.after);
    expect((await verify()).ok).toBe(true);
  });

  it('detects a re-linked row and a removed row', async () => {
    const n = await total();
    await ownerRows(t.database, sql`alter table audit_log disable trigger user`);
    await ownerRows(
      t.database,
      sql`update audit_log set prev_hash = ${'f'.repeat(64)} where seq = ${n - 3}`,
    );
    await ownerRows(t.database, sql`alter table audit_log enable trigger user`);
    expect(await verifyAudit(t.database.db, t.database.keys.audit)).toMatchObject({
      ok: false,
      brokenSeq: n - 3,
      reason: 'previous-hash link does not match the row before',
    });
    const [row] = await ownerRows<{ prev_hash: string }>(
      t.database,
      sql`select hash as prev_hash from audit_log where seq = ${n - 4}`,
    );
    const [saved] = await ownerRows<{ j: string }>(
      t.database,
      sql`select row_to_json(a)::text as j from audit_log a where seq = ${n - 10}`,
    );
    await ownerRows(t.database, sql`alter table audit_log disable trigger user`);
    await ownerRows(
      t.database,
      sql`update audit_log set prev_hash = ${row!.prev_hash} where seq = ${n - 3}`,
    );
    await ownerRows(t.database, sql`delete from audit_log where seq = ${n - 10}`);
    await ownerRows(t.database, sql`alter table audit_log enable trigger user`);
    expect(await verifyAudit(t.database.db, t.database.keys.audit, 4)).toEqual({
      ok: false,
      checked: n - 11,
      brokenSeq: n - 9,
      reason: `sequence gap: expected ${n - 10}`,
    });
    await ownerRows(
      t.database,
      sql`insert into audit_log select * from json_populate_record(null::audit_log, ${saved!.j}::json)`,
    );
    expect(await verify()).toEqual({ ok: true, checked: n });
  });

  it('filters by user and by entity, newest first, and lists the entities', async () => {
    const byAdmin = await page(`?userId=${adminId}&limit=500`);
    expect(byAdmin.items.length).toBe(
      await countRows(t.database, 'audit_log', sql`user_id = ${adminId}`),
    );
    expect(byAdmin.items.every((e) => e.userId === adminId && e.username === 'admin')).toBe(true);
    const seqs = byAdmin.items.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

    const locks = await page('?entity=period_lock&limit=500');
    expect(locks.items).toHaveLength(24);
    expect(locks.items.every((e) => e.entity === 'period_lock')).toBe(true);
    expect(locks.items[0]).toMatchObject({
      action: 'unlock',
      entityId: '2565/12',
      before: { locked: true },
      after: { locked: false },
    });
    const users = await page('?entity=user&action=create&limit=500');
    expect(users.items.slice(0, 3).map((e) => (e.after as { username: string }).username)).toEqual([
      'aud-three',
      'aud-two',
      'aud-one',
    ]);
    expect(locks.entities).toEqual(
      expect.arrayContaining([
        'division',
        'fiscal_year',
        'organization',
        'period_lock',
        'receiving_unit',
        'session',
        'user',
      ]),
    );
    expect((await page('?entity=no_such_entity')).items).toEqual([]);
    expect((await admin.get('/api/v1/audit?userId=not-a-uuid')).statusCode).toBe(400);
  });

  it('filters by Bangkok calendar days (from and to inclusive)', async () => {
    // Two probe rows either side of midnight in Bangkok (17:00 UTC), chained properly.
    const probe = (entityId: string, at: string) =>
      t.database.db.transaction((tx) =>
        appendAudit(
          tx,
          { organizationId: t.organizationId, userId: null, username: 'probe' },
          [{ action: 'probe', entity: 'test_probe', entityId }],
          new Date(at),
          t.database.keys.audit,
        ),
      );
    await probe('late-on-14', '2025-01-14T16:59:59.999Z');
    await probe('early-on-15', '2025-01-14T17:00:00.000Z');
    const ids = async (q: string) =>
      (await page(`?entity=test_probe${q}`)).items.map((e) => e.entityId);
    expect(await ids('&from=2025-01-14&to=2025-01-14')).toEqual(['late-on-14']);
    expect(await ids('&from=2025-01-15&to=2025-01-15')).toEqual(['early-on-15']);
    expect(await ids('&from=2025-01-14&to=2025-01-15')).toEqual(['early-on-15', 'late-on-14']);
    expect(await ids('&to=2025-01-13')).toEqual([]);
    expect(await ids('&from=2025-01-16')).toEqual([]);
    // Today's writes are found by today's date and not by yesterday's.
    const today = await page(`?entity=user&from=${bangkokDay()}&to=${bangkokDay()}&limit=500`);
    expect(today.items.length).toBe(await countRows(t.database, 'audit_log', sql`entity = 'user'`));
    expect((await page(`?entity=user&to=${bangkokDay(-1)}`)).items).toEqual([]);
    expect((await admin.get('/api/v1/audit?from=14/01/2025')).statusCode).toBe(400);
    expect((await verify()).ok).toBe(true);
  });

  // BUG (reported): an impossible day is read as another one (2025-02-30 → 2 March) instead of
  // being refused. Make this `it` when fixed.
  it('refuses an impossible calendar day in a date filter (400)', async () => {
    for (const q of ['from=2025-02-30', 'to=2025-04-31', 'from=2025-13-01'])
      expect((await admin.get(`/api/v1/audit?${q}`)).statusCode, q).toBe(400);
  });

  it('pages with beforeSeq through the whole trail without gaps or repeats', async () => {
    const all = await ownerRows<{ seq: number }>(
      t.database,
      sql`select seq::int as seq from audit_log where organization_id = ${t.organizationId} order by seq desc`,
    );
    const seen: number[] = [];
    let query = '?limit=17';
    for (let i = 0; i < 100; i++) {
      const p = await page(query);
      expect(p.items.length).toBeLessThanOrEqual(17);
      seen.push(...p.items.map((e) => e.seq));
      if (p.nextBeforeSeq === null) break;
      expect(p.nextBeforeSeq).toBe(p.items.at(-1)!.seq);
      query = `?limit=17&beforeSeq=${p.nextBeforeSeq}`;
    }
    expect(seen).toEqual(all.map((r) => r.seq));
  });

  it('a write that fails leaves neither its change nor an audit row', async () => {
    const before = await total();
    const attempt = runWrite(t.database, t.system, async ({ tx, audit }) => {
      await tx.insert(fiscalYear).values({
        organizationId: t.organizationId,
        year: 2599,
        startDate: '2055-10-01',
        endDate: '2056-09-30',
      });
      audit({ action: 'create', entity: 'fiscal_year', entityId: '2599' });
      throw new Error('boom after the insert');
    });
    await expect(attempt).rejects.toThrow('boom after the insert');
    // A database error half-way (the second insert is a duplicate) also undoes the first.
    const duplicate = runWrite(t.database, t.system, async ({ tx, audit }) => {
      const row = {
        organizationId: t.organizationId,
        year: 2598,
        startDate: '2054-10-01',
        endDate: '2055-09-30',
      };
      await tx.insert(fiscalYear).values(row);
      audit({ action: 'create', entity: 'fiscal_year', entityId: '2598' });
      await tx.insert(fiscalYear).values(row);
    });
    await expect(duplicate).rejects.toThrow();
    expect(await countRows(t.database, 'fiscal_year', sql`year in (2598, 2599)`)).toBe(0);
    expect(await total()).toBe(before);
    // A stale update over HTTP (409) leaves no audit row either.
    const u = (await admin.get('/api/v1/users?q=aud-one')).json().items[0];
    const stale = await admin.request('PATCH', `/api/v1/users/${u.id}`, {
      version: u.version + 5,
      displayName: 'x',
    });
    expect(stale.statusCode).toBe(409);
    expect(await total()).toBe(before);
    // The same write that succeeds leaves both.
    await runWrite(t.database, t.system, async ({ tx, audit }) => {
      await tx.insert(fiscalYear).values({
        organizationId: t.organizationId,
        year: 2599,
        startDate: '2055-10-01',
        endDate: '2056-09-30',
      });
      audit({ action: 'create', entity: 'fiscal_year', entityId: '2599' });
    });
    expect(await countRows(t.database, 'fiscal_year', sql`year = 2599`)).toBe(1);
    expect(await total()).toBe(before + 1);
    expect(await verify()).toEqual({ ok: true, checked: before + 1 });
  });
});
