import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerRows } from './fixtures.js';
import { setupApp, testDatabases, type TestContext } from './harness.js';

/** Sign-in attempts do not pile up: the first sign-in of the hour prunes those older than a day. */
describe.each(testDatabases())('sign-in attempts are pruned on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
  });
  afterAll(() => t?.close());

  it('keeps the last day of attempts and removes the older ones', async () => {
    await ownerRows(
      t.database,
      sql`insert into login_attempt (username_lower, at, success, ip) values
            ('old-one', now() - interval '2 days', false, '192.0.2.1'),
            ('recent-one', now() - interval '2 hours', false, '192.0.2.1')`,
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody', password: 'wrong-password-here' },
    });
    expect(res.statusCode).toBe(401);
    const left = await ownerRows<{ username_lower: string }>(
      t.database,
      sql`select username_lower from login_attempt where username_lower in ('old-one', 'recent-one')`,
    );
    expect(left.map((r) => r.username_lower)).toEqual(['recent-one']);
  });
});
