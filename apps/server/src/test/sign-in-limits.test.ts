import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../db/client.js';
import { ensureOrganization } from '../seed/seed.js';
import { cliEnvironment, pbis } from './cli-runner.js';
import { DEMO_PASSWORD, login, setupApp, testDatabases, type TestContext } from './harness.js';
import { aUser } from './factories.js';
import { ownerRows } from './fixtures.js';

/*
 * Wrong passwords against the limits (review findings 3, 8, 9, 13, 14): checked and recorded
 * atomically, throttled by address before an account is locked, one password policy everywhere.
 */

const failuresOf = async (t: TestContext, username: string) =>
  Number(
    (
      await ownerRows<{ n: number }>(
        t.database,
        sql`select count(*)::int as n from login_attempt where username_lower = ${username} and not success`,
      )
    )[0]!.n,
  );

describe.each(testDatabases())('sign-in limits on $name', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await setupApp(kind);
  });
  afterAll(() => t.close());

  const signIn = (username: string, password: string, remoteAddress = '198.51.100.7') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
      remoteAddress,
    });

  it('20 parallel wrong passwords from one address: 5 are evaluated, the rest refused (finding 3)', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => signIn('analyst4', 'wrong-wrong-wrong')),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes.filter((c) => c === 401)).toHaveLength(4);
    expect(codes.filter((c) => c === 429)).toHaveLength(16);
    expect(await failuresOf(t, 'analyst4')).toBe(5);
    // the right password from that address is refused too; from elsewhere it signs in
    expect((await signIn('analyst4', DEMO_PASSWORD)).statusCode).toBe(429);
    expect((await signIn('analyst4', DEMO_PASSWORD, '198.51.100.8')).statusCode).toBe(200);
  });

  it('parallel wrong passwords from many addresses lock the account after exactly 10', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signIn('analyst5', 'wrong-wrong-wrong', `203.0.113.${i}`),
      ),
    );
    expect(await failuresOf(t, 'analyst5')).toBe(10);
    expect(answers.filter((a) => a.statusCode === 423)).toHaveLength(11);
    expect((await signIn('analyst5', DEMO_PASSWORD, '203.0.113.200')).statusCode).toBe(423);
  });

  it('one anonymous caller cannot lock out the admin (finding 9)', async () => {
    for (let i = 0; i < 30; i++) await signIn('admin', 'guess-guess-guess', '192.0.2.66');
    expect(await failuresOf(t, 'admin')).toBe(5);
    const admin = await login(t.app, 'admin');
    expect((await admin.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('an address spraying many accounts is throttled after 30 failures', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 32; i++)
      codes.push((await signIn(`nobody-${i}`, 'spray-spray-spray', '192.0.2.99')).statusCode);
    expect(codes.slice(0, 29).every((c) => c === 401)).toBe(true);
    expect(codes.slice(30)).toEqual([429, 429]);
  });

  it('a disabled account answers the right password as a wrong one (finding 14)', async () => {
    // Two disabled accounts in the same state: the right password on one, a wrong one on the other.
    const one = await aUser().withPassword('violet-meadow-river').inactive().create(t);
    const two = await aUser().withPassword('violet-meadow-river').inactive().create(t);
    const right = await signIn(one.username, 'violet-meadow-river', '192.0.2.10');
    const wrong = await signIn(two.username, 'not-the-password', '192.0.2.11');
    expect(right.statusCode).toBe(401);
    expect(right.json()).toEqual(wrong.json());
    expect(right.json().error.details).toMatchObject({ reason: 'wrong_credentials' });
  });

  describe('one password policy (finding 13)', () => {
    it.each([
      ['aaaaaaaaaa', 'too_few_distinct'],
      [' '.repeat(10), 'too_few_distinct'],
      ['😀😁😂🤣😃', 'too_short'],
      ['password123', 'common'],
      ['Password2565!', 'common'],
      ['1234567890', 'sequence'],
      ['qwertyuiop', 'common'],
      ['weak-user-x-secret', 'contains_username'],
    ])('refuses %j (%s) when an admin creates a user', async (password, problem) => {
      const admin = await login(t.app, 'admin');
      const res = await admin.request('POST', '/api/v1/users', {
        username: 'weak-user-x',
        role: 'executive',
        password,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toMatchObject({ reason: 'weak_password' });
      expect(res.json().error.details.problems).toContain(problem);
    });

    it('refuses a weak password on reset and on a change of one’s own', async () => {
      const admin = await login(t.app, 'admin');
      const office = (await admin.get('/api/v1/users?q=office')).json().items[0];
      const reset = await admin.request('POST', `/api/v1/users/${office.id}/reset-password`, {
        password: 'aaaaaaaaaa',
      });
      expect(reset.statusCode).toBe(400);
      const me = await login(t.app, 'executive');
      const change = await me.request('POST', '/api/v1/auth/password', {
        currentPassword: DEMO_PASSWORD,
        newPassword: '1234567890',
      });
      expect(change.statusCode).toBe(400);
      expect(change.json().error.details).toMatchObject({
        reason: 'weak_password',
        fields: [expect.objectContaining({ path: 'newPassword' })],
      });
    });

    it('wrong current passwords count toward the limits of sign-in', async () => {
      const me = await login(t.app, 'analyst6');
      const codes: number[] = [];
      for (let i = 0; i < 8; i++)
        codes.push(
          (
            await me.request('POST', '/api/v1/auth/password', {
              currentPassword: `not-mine-${i}`,
              newPassword: 'mauve-orchard-42',
            })
          ).statusCode,
        );
      // inject's address is 127.0.0.1 for both: the fifth wrong one throttles that address
      expect(codes).toEqual([400, 400, 400, 400, 429, 429, 429, 429]);
      expect(await failuresOf(t, 'analyst6')).toBe(5);
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'analyst6', password: DEMO_PASSWORD },
      });
      expect(again.statusCode).toBe(429);
    });
  });
});

describe('the client address behind a proxy (finding 8)', () => {
  const attempts = async (trust: string, forwarded: (i: number) => string) => {
    const t = await setupApp(testDatabases()[0]!, { env: { PBIS_TRUST_PROXY: trust } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 6; i++)
        codes.push(
          (
            await t.app.inject({
              method: 'POST',
              url: '/api/v1/auth/login',
              payload: { username: 'office', password: 'wrong-wrong-wrong' },
              remoteAddress: '127.0.0.1',
              headers: { 'x-forwarded-for': forwarded(i) },
            })
          ).statusCode,
        );
      const ips = (
        await ownerRows<{ ip: string }>(
          t.database,
          sql`select distinct ip from login_attempt where username_lower = 'office'`,
        )
      ).map((r) => r.ip);
      return { codes, ips };
    } finally {
      await t.close();
    }
  };

  it('with one trusted hop, a forged first X-Forwarded-For entry neither rotates the address nor is recorded', async () => {
    // the proxy appends the address it saw; the client forged what came before it
    const r = await attempts('1', (i) => `10.9.9.${i}, 203.0.113.50`);
    expect(r.codes).toEqual([401, 401, 401, 401, 429, 429]);
    expect(r.ips).toEqual(['203.0.113.50']);
  });

  it('with a trusted proxy address list, the same', async () => {
    const r = await attempts('127.0.0.1/8', (i) => `10.9.9.${i}, 203.0.113.51`);
    expect(r.ips).toEqual(['203.0.113.51']);
    expect(r.codes.at(-1)).toBe(429);
  });

  it('without a trusted proxy, X-Forwarded-For is ignored', async () => {
    const r = await attempts('0', (i) => `10.9.9.${i}`);
    expect(r.ips).toEqual(['127.0.0.1']);
    expect(r.codes.at(-1)).toBe(429);
  });

  it('PBIS_TRUST_PROXY refuses anything but a hop count or addresses', async () => {
    await expect(
      setupApp(testDatabases()[0]!, { env: { PBIS_TRUST_PROXY: 'yes' } }),
    ).rejects.toThrow(/PBIS_TRUST_PROXY/);
  });
});

describe('the initial admin password (finding 13)', () => {
  const adminAfterSeed = async (password: string | undefined) => {
    const database = await openDatabase({});
    try {
      await migrateDatabase(database);
      const { report } = await ensureOrganization(database, password);
      const [row] = await ownerRows<{ must_change_password: boolean }>(
        database,
        sql`select must_change_password from app_user where username = 'admin'`,
      );
      return { mustChange: row!.must_change_password, report };
    } finally {
      await database.close();
    }
  };

  it('a weak PBIS_ADMIN_PASSWORD must be changed at the first sign-in, with a warning', async () => {
    const r = await adminAfterSeed('a');
    expect(r.mustChange).toBe(true);
    expect(r.report.weakPasswordWarning).toMatch(/PBIS_ADMIN_PASSWORD is weak/);
  });

  it('a generated password must be changed too; a strong chosen one need not', async () => {
    expect((await adminAfterSeed(undefined)).mustChange).toBe(true);
    const strong = await adminAfterSeed('correct-horse-battery');
    expect(strong.mustChange).toBe(false);
    expect(strong.report.weakPasswordWarning).toBeUndefined();
  });
});

describe('pbis users unlock / reset-password (finding 9)', () => {
  const { file } = cliEnvironment('pbis-cli-users-', (d) => ({
    DATABASE_URL: undefined,
    PBIS_DATA_DIR: path.join(d, 'data'),
    PBIS_ADMIN_PASSWORD: 'cli-harbour-secret',
    PBIS_LOG_LEVEL: 'silent',
  }));

  /** Locks admin the hard way: ten wrong passwords from ten addresses, on the CLI's database. */
  async function lockAdmin() {
    const database = await openDatabase({
      dataDir: process.env.PBIS_DATA_DIR,
      keyFile: file('pbis.key'),
    });
    try {
      await migrateDatabase(database);
      await ensureOrganization(database, process.env.PBIS_ADMIN_PASSWORD);
      for (let i = 0; i < 10; i++)
        await ownerRows(
          database,
          sql`insert into login_attempt (username_lower, at, success, ip) values ('admin', now(), false, ${`192.0.2.${i}`})`,
        );
    } finally {
      await database.close();
    }
  }

  it('unlock clears the lockout of the only admin', async () => {
    await lockAdmin();
    const listed = await pbis('users', 'unlock', 'ADMIN');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/unlocked admin/);
    const unknown = await pbis('users', 'unlock', 'no-such-user');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/there is no user "no-such-user"/);
  });

  it('reset-password prints a temporary password once and the account must change it', async () => {
    await lockAdmin();
    const r = await pbis('users', 'reset-password', 'admin');
    expect(r.code, r.stderr).toBe(0);
    const temp = /: ([A-Za-z2-9]{16})$/m.exec(r.stdout)?.[1];
    expect(temp).toBeDefined();
    const database = await openDatabase({
      dataDir: process.env.PBIS_DATA_DIR,
      keyFile: file('pbis.key'),
    });
    try {
      const [row] = await ownerRows<{ must_change_password: boolean }>(
        database,
        sql`select must_change_password from app_user where username = 'admin'`,
      );
      expect(row!.must_change_password).toBe(true);
      const audit = await ownerRows<{ action: string; username: string }>(
        database,
        sql`select action, username from audit_log order by seq desc limit 1`,
      );
      expect(audit[0]).toMatchObject({ action: 'reset_password', username: 'pbis-cli' });
    } finally {
      await database.close();
    }
    expect((await pbis('users', 'reset-password')).code).toBe(2);
  });
});
