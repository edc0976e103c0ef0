import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildApp } from '../app.js';
import { loadConfig } from '../env.js';
import { login, setupApp, testDatabases, type Client, type TestContext } from './harness.js';
import { ownerRows } from './fixtures.js';

/*
 * The HTTP boundary as an attacker meets it (review findings 1, 4, 10, 11, 15): access decided
 * from the route that matched, one error shape for everything, no control characters inside.
 */

/** A built web UI stand-in, so the SPA's catch-all route is there as in production. */
function fakeWebDist(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pbis-web-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><body>PBIS</body></html>');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}

const isErrorShape = (body: unknown, code: string) =>
  expect(body).toMatchObject({ error: { code, message: expect.any(String) } });

describe.each(testDatabases())('the HTTP boundary on $name', (kind) => {
  let t: TestContext;
  let officer: Client;
  let admin: Client;
  let unitId: string;
  beforeAll(async () => {
    t = await setupApp(kind, { webDist: fakeWebDist() });
    officer = await login(t.app, 'officer-BDO');
    admin = await login(t.app, 'admin');
    unitId = (await admin.get('/api/v1/units'))
      .json()
      .items.find((u: { code: string }) => u.code === '1001').id;
  });
  afterAll(() => t.close());

  describe('percent-encoded paths are checked like the route they reach (finding 1)', () => {
    it.each([
      '/%61pi/v1/audit/verify',
      '/%61pi/v1/users',
      '/api/v1/%75sers',
      '/%61%70%69/v1/audit',
    ])('anonymous GET %s → 401', async (url) => {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(401);
      isErrorShape(res.json(), 'unauthenticated');
    });

    it('anonymous GET of a unit by an encoded path → 401, not 500', async () => {
      const res = await t.app.inject({ method: 'GET', url: `/%61pi/v1/units/${unitId}` });
      expect(res.statusCode).toBe(401);
    });

    it('a unit officer reaching an admin route by an encoded path → 403', async () => {
      const res = await officer.get('/%61pi/v1/users');
      expect(res.statusCode).toBe(403);
      const audit = await officer.get('/%61pi/v1/audit/verify');
      expect(audit.statusCode).toBe(403);
    });

    it('an encoded write still needs the CSRF header', async () => {
      const res = await t.app.inject({
        method: 'PUT',
        url: '/%61pi/v1/period-locks',
        headers: { cookie: admin.cookie },
        payload: { fiscalYear: 2565, month: 2, locked: true },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toMatch(/CSRF/);
    });

    it('an encoded path does not skip the must-change-password gate', async () => {
      const created = await admin.request('POST', '/api/v1/users', {
        username: 'gate-check',
        role: 'executive',
      });
      const temp = created.json().temporaryPassword as string;
      const gated = await login(t.app, 'gate-check', temp);
      const res = await gated.get('/%61pi/v1/units');
      expect(res.statusCode).toBe(403);
      expect(res.json().error.details.reason).toBe('password_change_required');
    });
  });

  describe('unknown routes are 404 in the error shape, signed in or not (finding 10)', () => {
    it.each(['/api/v1/nonexistent', '/api/v2/units', '/api', '/%61pi/v1/nonexistent'])(
      'GET %s',
      async (url) => {
        for (const res of [await officer.get(url), await t.app.inject({ method: 'GET', url })]) {
          expect(res.statusCode).toBe(404);
          isErrorShape(res.json(), 'not_found');
        }
      },
    );

    it('the web UI is still served, to everyone', async () => {
      const page = await t.app.inject({ method: 'GET', url: '/units' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(/<html>/);
      const asset = await t.app.inject({ method: 'GET', url: '/assets/app.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).not.toBe('no-store');
    });

    it('a route without an access declaration cannot be reached', async () => {
      const app = await buildApp({
        database: t.database,
        config: loadConfig({ PBIS_LOG_LEVEL: 'silent', PBIS_WEB_DIST: '/nonexistent' }),
        logger: false,
      });
      app.get('/api/v1/forgot-to-declare', async () => ({ secret: true }));
      await app.ready();
      try {
        const res = await app.inject({ method: 'GET', url: '/api/v1/forgot-to-declare' });
        expect(res.statusCode).toBe(404);
        expect(res.body).not.toMatch(/secret/);
      } finally {
        await app.close();
      }
    });
  });

  describe('control characters are refused with 400 at the boundary (finding 4)', () => {
    const NUL = '\u0000';
    it('in sign-in', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: `admin${NUL}`, password: 'whatever-it-is' },
      });
      expect(res.statusCode).toBe(400);
      isErrorShape(res.json(), 'validation');
      expect(res.json().error.message).toMatch(/username contains a control character/);
    });

    it('in unit names, user names and display names', async () => {
      const unit = await admin.request('POST', '/api/v1/units', {
        code: 'NUL1',
        nameTh: `หน่วย${NUL}ทดสอบ`,
        kind: 'department',
      });
      expect(unit.statusCode).toBe(400);
      const user = await admin.request('POST', '/api/v1/users', {
        username: `nul${NUL}user`,
        role: 'executive',
      });
      expect(user.statusCode).toBe(400);
      const display = await admin.request('POST', '/api/v1/users', {
        username: 'nul-display',
        displayName: `ชื่อ${NUL}`,
        role: 'executive',
      });
      expect(display.statusCode).toBe(400);
      const bell = await admin.request('POST', '/api/v1/users', {
        username: 'bell-display',
        displayName: 'ชื่อ\u0007',
        role: 'executive',
      });
      expect(bell.statusCode).toBe(400);
    });

    it('in q, path parameters and the audit filters', async () => {
      for (const url of [
        '/api/v1/units?q=%00',
        '/api/v1/users?q=a%00b',
        '/api/v1/audit?entity=%00',
        '/api/v1/audit?action=x%00',
        '/api/v1/audit?entityId=%1b',
        `/api/v1/units/%00`,
      ]) {
        const res = await admin.get(url);
        expect(res.statusCode, url).toBe(400);
        isErrorShape(res.json(), 'validation');
      }
    });

    it('a failed insert never writes row values or SQL parameters to the log', async () => {
      const log = new PassThrough();
      let written = '';
      log.on('data', (d: Buffer) => (written += d.toString()));
      const logged = await setupApp(kind, { logStream: log, env: { PBIS_LOG_LEVEL: 'info' } });
      try {
        // An unexpected database failure inside the insert of a new user.
        await ownerRows(
          logged.database,
          sql`
          create or replace function pbis_test_refuse() returns trigger language plpgsql as
          $$ begin raise exception 'refused by a test trigger'; end $$`,
        );
        await ownerRows(
          logged.database,
          sql`
          create trigger pbis_test_refuse before insert on app_user
          for each row execute function pbis_test_refuse()`,
        );
        const a = await login(logged.app, 'admin');
        const res = await a.request('POST', '/api/v1/users', {
          username: 'logged-user',
          displayName: 'ชื่อที่ไม่ควรอยู่ใน log',
          role: 'executive',
          password: 'log-secret-password-77',
        });
        expect(res.statusCode).toBe(500);
        isErrorShape(res.json(), 'internal');
        expect(written).toMatch(/unhandled error/);
        expect(written).toMatch(/refused by a test trigger/);
        expect(written).not.toMatch(/\$argon2/);
        expect(written).not.toMatch(/logged-user|ชื่อที่ไม่ควร/);
        expect(written).not.toMatch(/insert into/i);
      } finally {
        await logged.close();
      }
    });
  });

  describe('names are stored without invisible characters (finding 11)', () => {
    it('a name of only zero-width characters is refused as empty', async () => {
      const res = await admin.request('POST', '/api/v1/units', {
        code: 'ZW1',
        nameTh: '\u200B\u200C\u200D\uFEFF',
        kind: 'department',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/nameTh: is empty/);
    });

    it('a leading U+202E does not make a look-alike of an existing unit', async () => {
      const existing = (await admin.get(`/api/v1/units/${unitId}`)).json();
      const res = await admin.request('POST', '/api/v1/units', {
        code: 'RLO1',
        nameTh: `\u202E${existing.nameTh}`,
        kind: 'district_office',
      });
      expect(res.statusCode).toBe(409);
      const renamed = await admin.request('POST', '/api/v1/units', {
        code: 'RLO2',
        nameTh: '\u202Eหน่วยทดสอบ\u200Bใหม่\u2066',
        kind: 'department',
      });
      expect(renamed.statusCode).toBe(201);
      expect(renamed.json().nameTh).toBe('หน่วยทดสอบใหม่');
    });

    it('a display name is cleaned the same way', async () => {
      const res = await admin.request('POST', '/api/v1/users', {
        username: 'clean-display',
        displayName: '\u202Eสมชาย\u200B  ใจดี ',
        role: 'executive',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().user.displayName).toBe('สมชาย ใจดี');
    });
  });

  describe('every error has the one shape (finding 15)', () => {
    it('a bad percent-encoding', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/units/%E0%A4%A' });
      expect(res.statusCode).toBe(400);
      isErrorShape(res.json(), 'validation');
    });

    it('a 100,000-deep JSON body', async () => {
      const deep = '['.repeat(100_000) + ']'.repeat(100_000);
      const res = await admin.request('POST', '/api/v1/units', undefined);
      expect(res.statusCode).toBe(400);
      const deepRes = await t.app.inject({
        method: 'POST',
        url: '/api/v1/units',
        headers: {
          cookie: admin.cookie,
          'x-csrf-token': admin.csrfToken,
          'content-type': 'application/json',
        },
        payload: deep,
      });
      expect(deepRes.statusCode).toBe(400);
      isErrorShape(deepRes.json(), 'validation');
      expect(deepRes.json().error.message).toMatch(/deeper than/);
    });

    it('an unsupported media type is 415', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'text/plain' },
        payload: 'username=admin',
      });
      expect(res.statusCode).toBe(415);
      isErrorShape(res.json(), 'unsupported_media_type');
    });

    it('a multipart upload cut short, or without a boundary, is 400', async () => {
      const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken };
      const truncated = await t.app.inject({
        method: 'POST',
        url: '/api/v1/imports/units?dryRun=true',
        headers: { ...headers, 'content-type': 'multipart/form-data; boundary=XyZ' },
        payload:
          '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="u.csv"\r\nContent-Type: text/csv\r\n\r\ncode,name_th\r\n1,ก',
      });
      expect(truncated.statusCode).toBe(400);
      isErrorShape(truncated.json(), 'validation');
      const noBoundary = await t.app.inject({
        method: 'POST',
        url: '/api/v1/imports/units?dryRun=true',
        headers: { ...headers, 'content-type': 'multipart/form-data' },
        payload: 'whatever',
      });
      expect(noBoundary.statusCode).toBe(400);
      isErrorShape(noBoundary.json(), 'validation');
    });
  });
});
