import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { AppError } from '@pbis/core';
import { migrateDatabase, openDatabase, type Database } from '../db/client.js';
import { verifyAudit } from '../modules/audit/repository.js';
import { login as signIn } from '../modules/auth/service.js';
import { backup, restore } from '../modules/backup/service.js';
import { runImport } from '../modules/imports/pipeline.js';
import { importKind } from '../modules/imports/registry.js';
import { ensureOrganization } from '../seed/seed.js';
import { editCount, editRows, readBackup, text, type Lines } from './backup-edit.js';
import {
  catalogueTables,
  countRows,
  csvText,
  ownerRows,
  snapshot,
  UNIT_COLUMNS,
  utf8,
} from './fixtures.js';
import { login, setupApp, testDatabases, type TestContext } from './harness.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pbis-backup-test-'));
const file = (name: string) => path.join(dir, name);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * What never leaves the database: session secrets, sign-in addresses and failures. Written out
 * here, not read from the code, so that a change to the list is a change to this test.
 */
const NEVER_BACKED_UP = ['login_attempt', 'sign_in_failure', 'user_session'];

/** A unit, a user, a period lock, an import: changes of every kind, each with audit rows. */
async function makeChanges(t: TestContext): Promise<void> {
  const admin = await login(t.app, 'admin');
  const unit = await admin.request('POST', '/api/v1/units', {
    code: 'BKP1',
    nameTh: 'ศูนย์ทดสอบการสำรองข้อมูล',
    kind: 'department',
    analysisDivisionNo: 3,
  });
  expect(unit.statusCode, unit.body).toBe(201);
  const user = await admin.request('POST', '/api/v1/users', {
    username: 'bkp-user',
    role: 'unit_officer',
    unitCode: 'BKP1',
    password: 'backup-user-pw',
  });
  expect(user.statusCode, user.body).toBe(201);
  const lock = await admin.request('PUT', '/api/v1/period-locks', {
    fiscalYear: 2565,
    month: 4,
    locked: true,
  });
  expect(lock.statusCode).toBe(200);
  const bytes = utf8(
    csvText([UNIT_COLUMNS, ['BKP2', 'ศูนย์นำเข้าก่อนสำรอง', 'O\'Brien "q"', '', '', '']]),
  );
  await runImport(t.database, t.system, importKind('units'), { bytes, name: 'b.csv' });
}

/** A fresh in-memory PGlite, optionally already holding another organisation. */
async function freshPglite(withData = false): Promise<Database> {
  const database = await openDatabase({});
  if (withData) {
    await migrateDatabase(database);
    await ensureOrganization(database, 'another-admin-pw');
  }
  return database;
}

/** Every backed-up table identical, the audit chain whole; sessions and sign-in attempts empty. */
async function expectRestored(target: Database, source: Database) {
  const pick = (s: Record<string, string>) =>
    Object.fromEntries(Object.entries(s).filter(([k]) => !NEVER_BACKED_UP.includes(k)));
  // The snapshots cover every table of the database's catalogue, not a list in the code.
  expect(pick(await snapshot(target))).toEqual(pick(await snapshot(source)));
  for (const t of NEVER_BACKED_UP) expect(await countRows(target, t), t).toBe(0);
  const n = await countRows(source, 'audit_log');
  expect(n).toBeGreaterThan(90);
  expect(await verifyAudit(target.db, target.keys.audit)).toEqual({ ok: true, checked: n });
}

/** What restore says of a file, and whether the target is as it was. */
async function attempt(target: Database, f: string, opts: { acceptUnsigned?: boolean } = {}) {
  const before = JSON.stringify(await snapshot(target));
  const error = await restore(target, f, opts).then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  const intact = JSON.stringify(await snapshot(target)) === before;
  return { error, intact };
}

const lastAudit = async (database: Database) => {
  const [r] = await ownerRows<{ action: string; entity: string; after: unknown }>(
    database,
    sql`select action, entity, after from audit_log order by seq desc limit 1`,
  );
  return r!;
};

describe.each(testDatabases())('backup and restore from $name', (kind) => {
  let t: TestContext;
  let good: string;
  let parsed: Lines;
  beforeAll(async () => {
    t = await setupApp(kind);
    await makeChanges(t);
    good = file(`good-${kind.name}.jsonl`);
    await backup(t.database, good);
    parsed = readBackup(good);
  });
  afterAll(() => t.close());

  it('backs up every table but sessions to signed JSON Lines, owner-only, and restores it identically', async () => {
    const f = file(`plain-${kind.name}.jsonl`);
    const rename = vi.spyOn(fs, 'renameSync');
    const modes: number[] = [];
    rename.mockImplementation((from, to) => {
      modes.push(fs.statSync(from).mode & 0o777);
      rename.mockRestore();
      fs.renameSync(from, to);
    });
    const header = await backup(t.database, f);
    expect(modes).toEqual([0o600]); // the .partial file, before it becomes the backup
    expect(fs.statSync(f).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(`${f}.partial`)).toBe(false);
    const b = readBackup(f);
    expect(b.header).toMatchObject({
      format: 'pbis-backup',
      version: 2,
      source: kind.name,
      keyId: t.database.keys.id,
    });
    expect([...(b.header.excluded as string[])].sort()).toEqual(NEVER_BACKED_UP);
    // Every table the database has, less the excluded ones: a table the code forgets fails here.
    const catalogue = await catalogueTables(t.database);
    expect(catalogue).toEqual(expect.arrayContaining(NEVER_BACKED_UP));
    expect(header.tables.map((x) => x.name).sort()).toEqual(
      catalogue.filter((name) => !NEVER_BACKED_UP.includes(name)),
    );
    for (const table of header.tables)
      expect(table.rows, table.name).toBe(await countRows(t.database, table.name));
    expect(header.tables.find((x) => x.name === 'import_batch')!.rows).toBe(1);
    expect(JSON.parse(b.trailer!)).toMatchObject({
      format: 'pbis-backup-trailer',
      lines: 1 + b.chunks.length,
    });
    // No session secret or sign-in address leaves the database.
    const [session] = await ownerRows<{ id: string; csrf_token: string }>(
      t.database,
      sql`select id, csrf_token from user_session limit 1`,
    );
    const content = fs.readFileSync(f, 'utf8');
    expect(content).not.toContain(session!.id);
    expect(content).not.toContain(session!.csrf_token);
    expect(content).not.toContain('"table":"login_attempt"');
    const target = await freshPglite();
    try {
      const summary = await restore(target, f);
      expect(summary).toMatchObject({ signed: true, resealed: 0, tables: header.tables.length });
      await expectRestored(target, t.database);
    } finally {
      await target.close();
    }
  });

  it('backs up gzipped and restores over another database, which then works', async () => {
    const f = file(`zipped-${kind.name}.jsonl.gz`);
    await backup(t.database, f);
    const bytes = fs.readFileSync(f);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(zlib.gunzipSync(bytes).toString('utf8')).toContain('"pbis-backup"');
    const target = await freshPglite(true);
    try {
      await restore(target, f);
      await expectRestored(target, t.database);
      const { session } = await signIn(
        target,
        { username: 'bkp-user', password: 'backup-user-pw', ip: null, userAgent: null },
        8,
      );
      expect(session.me).toMatchObject({ username: 'bkp-user', unitCode: 'BKP1' });
      expect((await verifyAudit(target.db, target.keys.audit)).ok).toBe(true);
    } finally {
      await target.close();
    }
  });

  it('refuses a damaged, cut, edited or misfitting backup before it replaces anything, and says why', async () => {
    const key = t.database.keys.backup; // re-signed cases: only the check after the signature stops them
    const users = (fn: (u: Record<string, unknown>) => Record<string, unknown>) =>
      editRows(parsed, 'app_user', (rows) => rows.map(fn));
    const byName = (name: string, change: Record<string, unknown>) =>
      users((u) => (u.username === name ? { ...u, ...change } : u));
    const userRows = parsed.header.tables.find((x) => x.name === 'app_user')!.rows;
    const otherHash = (
      JSON.parse(parsed.chunks.find((c) => c.includes('"bkp-user"'))!) as {
        rows: { username: string; password_hash: string }[];
      }
    ).rows.find((u) => u.username === 'bkp-user')!.password_hash;
    const auditEdited = editRows(parsed, 'audit_log', (rows) =>
      rows.map((r) => (r.seq === 5 ? { ...r, username: 'someone-else' } : r)),
    );
    const withoutLast = { ...parsed, chunks: parsed.chunks.slice(0, -1) };
    const fiscalYearless = (() => {
      const header = structuredClone(parsed.header);
      header.tables = header.tables.filter((x) => x.name !== 'fiscal_year');
      const chunks = parsed.chunks.filter((c) => !c.startsWith('{"table":"fiscal_year"'));
      return { ...parsed, header, chunks };
    })();
    const extraColumn = (() => {
      const b = users((u) => ({ ...u, is_superuser: true }));
      const header = structuredClone(b.header);
      header.tables.find((x) => x.name === 'app_user')!.columns.push('is_superuser');
      return { ...b, header };
    })();
    const v1 = text({ ...parsed, header: { ...parsed.header, version: 1 } }, { trailer: 'none' });
    const [head, first] = [JSON.stringify(parsed.header), parsed.chunks[0]!];
    const cases: [string, string | Buffer, RegExp][] = [
      ['text.txt', 'hello, this is not a backup\n', /is not a PBIS backup/],
      ['empty.jsonl', '', /is not a PBIS backup/],
      ['other.json', '{"format":"something-else","version":1}\n', /is not a PBIS backup$/],
      ['newer.jsonl', `${head.replace('"version":2', '"version":99')}\n`, /format 99 is newer/],
      ['junk.gz', zlib.gzipSync('no header here\n'), /is not a PBIS backup/],
      [
        'damaged.jsonl',
        `${head}\n${first}\nthis line is not a chunk\n`,
        /line 3 is not a table chunk/,
      ],
      ['mid-line.jsonl', `${head}\n${first.slice(0, 200)}\n`, /line 2 is not a table chunk/],
      [
        'header-only.jsonl',
        `${head}\n`,
        /cut short: it has no trailer line \(it ends after line 1\)/,
      ],
      ['cut-at-line.jsonl', text(withoutLast, { trailer: 'none' }), /cut short: it has no trailer/],
      ['no-trailer.jsonl', text(parsed, { trailer: 'none' }), /cut short: it has no trailer/],
      [
        'count-edited.jsonl',
        text(editCount(parsed, 'app_user', userRows + 1)),
        /content does not match the SHA-256 digest/,
      ],
      [
        'count-redigested.jsonl',
        text(editCount(parsed, 'app_user', userRows + 1), { trailer: 'redigest' }),
        new RegExp(`table app_user has ${userRows} rows, its header says ${userRows + 1}`),
      ],
      [
        'count-resigned.jsonl',
        text(editCount(parsed, 'audit_log', 0), { key }),
        /incomplete or was edited: table audit_log has \d+ rows, its header says 0/,
      ],
      [
        'role-edited.jsonl',
        text(byName('executive', { role: 'admin' })),
        /does not match the SHA-256 digest/,
      ],
      [
        'role-redigested.jsonl',
        text(byName('executive', { role: 'admin' }), { trailer: 'redigest' }),
        /not signed with this installation's key: it was edited after it was signed; nothing was restored\. .*--accept-unsigned/,
      ],
      [
        'admin-hash.jsonl',
        text(byName('admin', { password_hash: otherHash }), { trailer: 'redigest' }),
        /not signed with this installation's key/,
      ],
      [
        'audit-edited.jsonl',
        text(auditEdited, { trailer: 'redigest' }),
        /not signed with this installation's key/,
      ],
      ['v1.jsonl', v1, /version-1 backup, which is not signed.*--accept-unsigned/],
      [
        'unknown-table.jsonl',
        text({ ...parsed, chunks: [...parsed.chunks, '{"table":"secrets","rows":[]}'] }, { key }),
        /holds rows of table secrets, which its header does not list/,
      ],
      [
        'no-fiscal-year.jsonl',
        text(fiscalYearless, { key }),
        /does not fit this version of PBIS: it has no table fiscal_year/,
      ],
      [
        'extra-column.jsonl',
        text(extraColumn, { key }),
        /does not fit this version of PBIS: table app_user has column is_superuser that this database does not have/,
      ],
      [
        'audit-resigned.jsonl',
        text(auditEdited, { key }),
        /holds a broken audit trail \(row 5: content does not match its hash\); nothing was restored$/,
      ],
    ];
    // A duplicated user (its header count raised too), signed: the database refuses it.
    const dup = editRows(editCount(parsed, 'app_user', userRows + 1), 'app_user', (rows) => [
      ...rows,
      rows[0]!,
    ]);
    cases.push([
      'duplicate-user.jsonl',
      text(dup, { key }),
      /^restore failed in table app_user: duplicate key value violates unique constraint "app_user_pkey" \(SQLSTATE 23505, constraint app_user_pkey\); nothing was restored$/,
    ]);
    const target = await freshPglite();
    try {
      await restore(target, good);
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const [name, content, reason] of [
        ...cases,
        ['missing.jsonl', null, /^no such file: /] as const,
      ]) {
        if (content !== null) fs.writeFileSync(file(name), content);
        const { error, intact } = await attempt(target, file(name));
        const message = error?.message ?? 'accepted';
        const ok = error instanceof AppError && error.code === 'validation' && reason.test(message);
        outcomes.push(
          `${name}: ${ok ? 'refused as expected' : message}, ${intact ? 'intact' : 'CHANGED'}`,
        );
        expected.push(`${name}: refused as expected, intact`);
        // Finding 17: the reason, never the rows (92 password hashes were printed once).
        expect(message, name).not.toMatch(/\$argon2|password_hash|Failed query|params/);
        expect(message.length, name).toBeLessThan(600);
        if (!intact) await restore(target, good); // so the next case starts from the same state
      }
      expect(outcomes).toEqual(expected);
    } finally {
      await target.close();
    }
  });

  it('restores an unsigned backup only when accepted: still checked, audit rows re-sealed, the acceptance recorded', async () => {
    // Another installation: its own key file, so its audit macs and its signature are not ours.
    const other = await openDatabase({ keyFile: file(`other-${kind.name}.key`) });
    const theirs = file(`theirs-${kind.name}.jsonl`);
    try {
      await migrateDatabase(other);
      await ensureOrganization(other, 'other-admin-pw');
      await backup(other, theirs);
    } finally {
      await other.close();
    }
    const edited = file(`role-${kind.name}.jsonl`);
    const asAdmin = editRows(parsed, 'app_user', (rows) =>
      rows.map((u) => (u.username === 'executive' ? { ...u, role: 'admin' } : u)),
    );
    fs.writeFileSync(edited, text(asAdmin, { trailer: 'redigest' }));
    const target = await freshPglite();
    try {
      await restore(target, good);
      const refused = await attempt(target, theirs);
      expect(refused.intact).toBe(true);
      expect(refused.error?.message).toMatch(
        new RegExp(
          `signed with another installation key \\(${other.keys.id}; this installation's is ${target.keys.id}\\)`,
        ),
      );
      const n = readBackup(theirs).header.tables.find((x) => x.name === 'audit_log')!.rows;
      const summary = await restore(target, theirs, { acceptUnsigned: true });
      expect(summary).toMatchObject({ signed: false, resealed: n });
      expect(await verifyAudit(target.db, target.keys.audit)).toEqual({ ok: true, checked: n + 1 });
      expect(await lastAudit(target)).toMatchObject({
        action: 'restore_unsigned',
        entity: 'backup',
        after: { keyId: other.keys.id, version: 2, resealedAuditRows: n },
      });

      // An edited file, its digest recomputed: accepted only when asked, and then recorded.
      expect((await attempt(target, edited)).error?.message).toMatch(/not signed/);
      await restore(target, edited, { acceptUnsigned: true });
      const [role] = await ownerRows<{ role: string }>(
        target,
        sql`select role from app_user where username = 'executive'`,
      );
      expect(role!.role).toBe('admin');
      expect((await lastAudit(target)).action).toBe('restore_unsigned');
      expect((await verifyAudit(target.db, target.keys.audit)).ok).toBe(true);

      // Accepting unsigned does not skip the other checks.
      await restore(target, good);
      const still: [string, string, RegExp][] = [
        ['u-digest.jsonl', text(asAdmin), /does not match the SHA-256 digest/],
        ['u-header-only.jsonl', `${JSON.stringify(parsed.header)}\n`, /cut short/],
        [
          'u-count.jsonl',
          text(editCount(parsed, 'app_user', 1), { trailer: 'redigest' }),
          /table app_user has \d+ rows, its header says 1/,
        ],
        [
          'u-audit.jsonl',
          text(
            editRows(parsed, 'audit_log', (rows) =>
              rows.map((r) => (r.seq === 7 ? { ...r, action: 'forged' } : r)),
            ),
            { trailer: 'redigest' },
          ),
          /holds a broken audit trail \(row 7: content does not match its hash\)/,
        ],
      ];
      for (const [name, content, reason] of still) {
        fs.writeFileSync(file(name), content);
        const r = await attempt(target, file(name), { acceptUnsigned: true });
        expect([r.error?.message, r.intact], name).toEqual([expect.stringMatching(reason), true]);
      }

      // A version-1 backup (no trailer, sessions included, no macs) restores when accepted.
      const v1Header = structuredClone(parsed.header) as Lines['header'];
      v1Header.version = 1;
      delete v1Header.keyId;
      delete v1Header.excluded;
      v1Header.tables.find((x) => x.name === 'audit_log')!.columns = v1Header.tables
        .find((x) => x.name === 'audit_log')!
        .columns.filter((c) => c !== 'mac');
      v1Header.tables.splice(4, 0, {
        name: 'user_session',
        columns: ['id', 'user_id', 'csrf_token', 'created_at', 'expires_at'],
        rows: 1,
      });
      const v1 = editRows({ ...parsed, header: v1Header }, 'audit_log', (rows) =>
        rows.map(({ mac: _mac, ...r }) => r),
      );
      v1.chunks.push(
        '{"table":"user_session","rows":[{"id":"x","user_id":"00000000-0000-0000-0000-000000000000","csrf_token":"t","created_at":"2025-01-01T00:00:00Z","expires_at":"2025-01-02T00:00:00Z"}]}',
      );
      fs.writeFileSync(file('v1.jsonl'), text(v1, { trailer: 'none' }));
      expect((await attempt(target, file('v1.jsonl'))).error?.message).toMatch(/version-1/);
      const old = await restore(target, file('v1.jsonl'), { acceptUnsigned: true });
      const audited = await countRows(t.database, 'audit_log');
      expect(old).toMatchObject({
        signed: false,
        resealed: audited,
        tables: parsed.header.tables.length,
      });
      expect(await countRows(target, 'user_session')).toBe(0);
      expect(await verifyAudit(target.db, target.keys.audit)).toEqual({
        ok: true,
        checked: audited + 1,
      });
    } finally {
      await target.close();
    }
  });
});

const kinds = testDatabases();
describe.runIf(kinds.length > 1)('PGlite → PostgreSQL → PGlite', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await setupApp(kinds[0]!);
    await makeChanges(t);
  });
  afterAll(() => t.close());

  it('moves every row to a PostgreSQL server and back, identical', async () => {
    const there = file('to-postgres.jsonl.gz');
    const back = file('from-postgres.jsonl');
    await backup(t.database, there);
    const pg = await kinds[1]!.open();
    try {
      expect(pg.dialect).toBe('postgres');
      await restore(pg, there);
      await expectRestored(pg, t.database);
      expect((await backup(pg, back)).source).toBe('postgres');
    } finally {
      await pg.close();
    }
    const home = await freshPglite();
    try {
      await restore(home, back);
      await expectRestored(home, t.database);
    } finally {
      await home.close();
    }
  });
});

describe('restore from the command line', () => {
  const pbisBin = fileURLToPath(new URL('../../bin/pbis.mjs', import.meta.url));
  const pbis = (dataDir: string, ...args: string[]) =>
    promisify(execFile)(process.execPath, [pbisBin, ...args], {
      env: {
        ...process.env,
        DATABASE_URL: '',
        PBIS_DATA_DIR: dataDir,
        PBIS_ADMIN_PASSWORD: 'cli-harbour-secret',
        PBIS_DEMO: '0',
      },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  // BUG (reported): a gzip backup cut short crashes `pbis db restore` with an unhandled 'error'
  // event (Z_BUF_ERROR) and a stack trace instead of one line of reason. Make this `it` when fixed.
  it('refuses a truncated gzip backup with one line of reason, not a crash', async () => {
    const dataDir = path.join(dir, 'cli-data');
    expect((await pbis(dataDir, 'db', 'migrate')).code).toBe(0);
    const made = await pbis(dataDir, 'db', 'backup', file('cli.jsonl.gz'));
    expect(made.code, made.stderr).toBe(0);
    const gz = fs.readFileSync(file('cli.jsonl.gz'));
    fs.writeFileSync(file('cut.jsonl.gz'), gz.subarray(0, Math.floor(gz.length * 0.6)));
    const r = await pbis(dataDir, 'db', 'restore', file('cut.jsonl.gz'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*cut\.jsonl\.gz.*\n$/);
    expect(r.stderr).not.toMatch(/Unhandled|at /);
    const verify = await pbis(dataDir, 'audit', 'verify');
    expect(verify.stdout).toMatch(/^OK: /);
  });
});
