import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  login,
  setupApp,
  testDatabases,
  type TestContext,
} from './harness.js';
import { errorBodySchema, healthSchema, sessionSchema, userListSchema } from '@pbis/contract';
import { ownerRows } from './fixtures.js';

describe.each(testDatabases())('sign-in, sessions and request safety on $name', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await setupApp(kind);
  });
  afterAll(() => t.close());

  const attempt = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

  it('signs in with an HttpOnly SameSite session cookie and a readable CSRF cookie', async () => {
    const res = await attempt('admin', ADMIN_PASSWORD);
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name === 'pbis_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(session.path).toBe('/');
    expect(session.secure).toBeFalsy(); // plain HTTP here; Secure when the request is HTTPS
    const csrf = res.cookies.find((c) => c.name === 'pbis_csrf')!;
    expect(csrf.httpOnly).toBeFalsy();
    const signedIn = sessionSchema.parse(res.json());
    expect(signedIn.user).toMatchObject({ username: 'admin', role: 'admin' });
    expect(signedIn.csrfToken).toBe(csrf.value);
  });

  it('accepts the username in any case and refuses a wrong password with 401', async () => {
    expect((await attempt('ADMIN', ADMIN_PASSWORD)).statusCode).toBe(200);
    const bad = await attempt('office', 'wrong-password');
    expect(bad.statusCode).toBe(401);
    expect(errorBodySchema.parse(bad.json())).toEqual({
      error: {
        code: 'unauthenticated',
        message: 'wrong username or password',
        details: { reason: 'wrong_credentials', attemptsLeft: 9 },
      },
    });
    expect((await attempt('nobody-here', 'whatever-pw')).json().error.message).toBe(
      'wrong username or password',
    );
  });

  it('throttles an address after 5 wrong passwords (429) and locks the account after 10 from anywhere (423)', async () => {
    const from = (ip: string, password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'analyst2', password },
        remoteAddress: ip,
      });
    for (let i = 0; i < 4; i++)
      expect((await from('10.0.0.1', 'nope-nope-nope')).statusCode).toBe(401);
    const fifth = await from('10.0.0.1', 'nope-nope-nope');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().error.details.reason).toBe('address_throttled');
    expect(fifth.headers['retry-after']).toBe('900');
    // that address is refused even the right password; the account itself is not locked
    expect((await from('10.0.0.1', DEMO_PASSWORD)).statusCode).toBe(429);
    expect((await from('10.0.0.2', DEMO_PASSWORD)).statusCode).toBe(200);
    // ten failures from several addresses lock the account for everyone
    for (let i = 0; i < 9; i++)
      expect((await from(`10.0.1.${i}`, 'nope-nope-nope')).statusCode).toBe(401);
    const tenth = await from('10.0.2.1', 'nope-nope-nope');
    expect(tenth.statusCode).toBe(423);
    expect(tenth.json().error.message).toMatch(/locked after 10 failed sign-ins/);
    expect((await from('10.0.3.1', DEMO_PASSWORD)).statusCode).toBe(423);
    const admin = await login(t.app, 'admin');
    const listed = userListSchema.parse((await admin.get('/api/v1/users?q=analyst')).json()).items;
    expect(listed.find((u) => u.username === 'analyst2')!.lockedUntil).not.toBeNull();
    expect(listed.find((u) => u.username === 'analyst1')!.lockedUntil).toBeNull();
    // Failures older than the window no longer count.
    await ownerRows(
      t.database,
      sql`update login_attempt set at = at - interval '16 minutes' where username_lower = 'analyst2'`,
    );
    expect((await from('10.0.0.1', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('a success resets the failure count', async () => {
    for (let i = 0; i < 4; i++) await attempt('analyst3', 'nope-nope-nope');
    expect((await attempt('analyst3', DEMO_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++)
      expect((await attempt('analyst3', 'nope-nope-nope')).statusCode).toBe(401);
  });

  it('logout revokes the session server-side', async () => {
    const c = await login(t.app, 'executive');
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await c.request('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('an expired session is refused', async () => {
    const c = await login(t.app, 'analyst4');
    await ownerRows(
      t.database,
      sql`update user_session set expires_at = now() - interval '1 second' where revoked_at is null and user_id = (select id from app_user where username = 'analyst4')`,
    );
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('refuses a cookie-authenticated write without the right CSRF header', async () => {
    const c = await login(t.app, 'admin');
    const body = { fiscalYear: 2565, month: 1, locked: true };
    const none = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/period-locks',
      headers: { cookie: c.cookie },
      payload: body,
    });
    expect(none.statusCode).toBe(403);
    expect(none.json().error.message).toMatch(/x-csrf-token/);
    const wrong = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/period-locks',
      headers: { cookie: c.cookie, 'x-csrf-token': 'x'.repeat(32) },
      payload: body,
    });
    expect(wrong.statusCode).toBe(403);
    expect((await c.request('PUT', '/api/v1/period-locks', body)).statusCode).toBe(200);
  });

  it('changes the own password, keeping this session and ending the others', async () => {
    const a = await login(t.app, 'analyst5');
    const b = await login(t.app, 'analyst5');
    expect(
      (
        await a.request('POST', '/api/v1/auth/password', {
          currentPassword: 'wrong',
          newPassword: 'a-new-password-1',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await a.request('POST', '/api/v1/auth/password', {
          currentPassword: DEMO_PASSWORD,
          newPassword: 'short',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await a.request('POST', '/api/v1/auth/password', {
          currentPassword: DEMO_PASSWORD,
          newPassword: 'a-new-password-1',
        })
      ).statusCode,
    ).toBe(204);
    expect((await a.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await b.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await attempt('analyst5', 'a-new-password-1')).statusCode).toBe(200);
  });

  it('answers a user mistake with the error shape and the right status, never 500', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('validation');
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toMatch(/password/);
    const tooBig = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'a', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(tooBig.statusCode).toBe(413);
    const nowhere = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.json().error.code).toBe('not_found');
    const c = await login(t.app, 'admin');
    expect((await c.get('/api/v1/units/not-a-uuid')).statusCode).toBe(400);
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(healthSchema.parse(res.json())).toEqual({ status: 'ok', database: kind.name });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('sign-in rate limit', () => {
  it('answers 429 with the error shape beyond the limit per minute', async () => {
    const t = await setupApp(testDatabases()[0]!, { loginRateLimit: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++)
        codes.push(
          (
            await t.app.inject({
              method: 'POST',
              url: '/api/v1/auth/login',
              payload: { username: 'x-user', password: 'y' },
            })
          ).statusCode,
        );
      expect(codes).toEqual([401, 401, 401, 429]);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'x-user', password: 'y' },
      });
      expect(res.json().error.code).toBe('rate_limited');
      expect(res.headers['retry-after']).toBeDefined();
    } finally {
      await t.close();
    }
  });
});
