import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditListSchema, signInFailureListSchema } from '@pbis/contract';
import { LOCKOUT_FAILURES } from '../modules/auth/service.js';
import { ownerRows } from './fixtures.js';
import { DEMO_PASSWORD, login, setupApp, testDatabases, type TestContext } from './harness.js';

/*
 * Failed sign-ins, lockouts and unlocks are recorded for the administrator — which username,
 * from which address, when — and bounded: failures are counted per username, address and hour,
 * and a name that is no account is counted as '' however many names are tried.
 */
describe.each(testDatabases())('sign-in records on $name', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await setupApp(kind);
  });
  afterAll(() => t.close());

  const signIn = (username: string, password: string, remoteAddress: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
      remoteAddress,
    });
  const failureRows = (where: ReturnType<typeof sql>) =>
    ownerRows<{ username_lower: string; ip: string; failures: number }>(
      t.database,
      sql`select username_lower, ip, failures from sign_in_failure where ${where} order by ip`,
    );

  it('12 wrong passwords: counted per address, one lockout in the trail, the unlock too', async () => {
    const addresses = ['192.0.2.10', '192.0.2.11', '192.0.2.12'];
    const codes: number[] = [];
    // Three addresses, four tries each at most: the per-address throttle (5) is never reached.
    for (let i = 0; i < 12; i++)
      codes.push((await signIn('analyst2', 'wrong-wrong-wrong', addresses[i % 3]!)).statusCode);
    expect(codes.slice(0, LOCKOUT_FAILURES - 1)).toEqual(Array(LOCKOUT_FAILURES - 1).fill(401));
    expect(codes.slice(LOCKOUT_FAILURES - 1)).toEqual(Array(13 - LOCKOUT_FAILURES).fill(423));
    const lockingAddress = addresses[(LOCKOUT_FAILURES - 1) % 3]!;

    const admin = await login(t.app, 'admin');
    // What reached the server: the attempts before the lock; the refused ones after it are not.
    const failures = signInFailureListSchema.parse(
      (await admin.get('/api/v1/audit/sign-in-failures?username=Analyst2')).json(),
    );
    expect(failures.items.map((f) => f.ip).sort()).toEqual(addresses);
    expect(failures.items.every((f) => f.username === 'analyst2')).toBe(true);
    expect(failures.items.reduce((s, f) => s + f.failures, 0)).toBe(LOCKOUT_FAILURES);
    for (const f of failures.items) {
      expect(f.firstAt.getTime()).toBeLessThanOrEqual(f.lastAt.getTime());
      expect(f.hour.getTime()).toBeLessThanOrEqual(f.firstAt.getTime());
      expect(Date.now() - f.lastAt.getTime()).toBeLessThan(10 * 60_000);
    }

    const lockouts = auditListSchema.parse(
      (await admin.get('/api/v1/audit?action=lockout')).json(),
    ).items;
    expect(lockouts).toHaveLength(1);
    const lockout = lockouts[0]!;
    expect(lockout).toMatchObject({
      entity: 'user',
      subject: { username: 'analyst2' },
      after: { username: 'analyst2', ip: lockingAddress, failures: LOCKOUT_FAILURES },
    });
    expect(lockout.names[lockout.entityId!]).toBe('analyst2');

    const unlocked = await admin.request('POST', `/api/v1/users/${lockout.entityId}/unlock`);
    expect(unlocked.statusCode).toBe(204);
    const unlocks = auditListSchema.parse(
      (await admin.get(`/api/v1/audit?action=unlock&entityId=${lockout.entityId}`)).json(),
    ).items;
    expect(unlocks).toHaveLength(1);
    expect(unlocks[0]).toMatchObject({
      actorUsername: 'admin',
      entity: 'user',
      subject: { username: 'analyst2' },
    });
    expect((await signIn('analyst2', DEMO_PASSWORD, '192.0.2.20')).statusCode).toBe(200);
  });

  it('only the administrator reads the sign-in failures', async () => {
    const office = await login(t.app, 'office');
    expect((await office.get('/api/v1/audit/sign-in-failures')).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/audit/sign-in-failures' })).statusCode).toBe(401);
  });

  it('a right password leaves no failure; a name that is no account is counted as ""', async () => {
    expect((await signIn('analyst3', DEMO_PASSWORD, '192.0.2.30')).statusCode).toBe(200);
    expect(await failureRows(sql`username_lower = 'analyst3'`)).toEqual([]);
    for (let i = 0; i < 3; i++)
      expect((await signIn('no-such-person', 'whatever-12345', '192.0.2.31')).statusCode).toBe(401);
    expect(await failureRows(sql`username_lower = 'no-such-person'`)).toEqual([]);
    expect(await failureRows(sql`ip = '192.0.2.31'`)).toEqual([
      { username_lower: '', ip: '192.0.2.31', failures: 3 },
    ]);
    // No lockout is recorded for a name that is no account.
    const [n] = await ownerRows<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from audit_log where action = 'lockout' and after->>'username' = 'no-such-person'`,
    );
    expect(n!.n).toBe(0);
  });

  it('bounded: 2,000 wrong sign-ins with random usernames from one address add a handful of rows', async () => {
    const address = '192.0.2.99';
    const [before] = await ownerRows<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from sign_in_failure`,
    );
    const codes: number[] = [];
    for (let batch = 0; batch < 40; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, () =>
          signIn(`x-${randomBytes(6).toString('hex')}`, 'wrong-wrong-wrong', address),
        ),
      );
      codes.push(...answers.map((a) => a.statusCode));
    }
    expect(codes).toHaveLength(2000);
    expect(codes.every((c) => c === 401 || c === 429)).toBe(true);
    const rows = await failureRows(sql`ip = ${address}`);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.length).toBeLessThanOrEqual(2); // an hour may turn during the test
    expect(rows.every((r) => r.username_lower === '')).toBe(true);
    const [after] = await ownerRows<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from sign_in_failure`,
    );
    expect(after!.n - before!.n).toBeLessThanOrEqual(2);
  }, 240_000);
});
