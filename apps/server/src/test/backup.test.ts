import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@pbis/core';
import { migrateDatabase, openDatabase, type Database } from '../db/client.js';
import { tablesInLoadOrder } from '../db/schema.js';
import { verifyAudit } from '../modules/audit/repository.js';
import { login as signIn } from '../modules/auth/service.js';
import { backup, restore } from '../modules/backup/service.js';
import { runImport } from '../modules/imports/pipeline.js';
import { importKind } from '../modules/imports/registry.js';
import { ensureOrganization } from '../seed/seed.js';
import { countRows, csvText, snapshot, UNIT_COLUMNS, utf8 } from './fixtures.js';
import { login, setupApp, testDatabases, type TestContext } from './harness.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pbis-backup-test-'));
const file = (name: string) => path.join(dir, name);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

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

async function expectRestored(target: Database, source: Database) {
  expect(await snapshot(target)).toEqual(await snapshot(source));
  const n = await countRows(source, 'audit_log');
  expect(n).toBeGreaterThan(90);
  expect(await verifyAudit(target.db)).toEqual({ ok: true, checked: n });
}

describe.each(testDatabases())('backup and restore from $name', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await setupApp(kind);
    await makeChanges(t);
  });
  afterAll(() => t.close());

  it('backs up every table to JSON Lines and restores it identically into a fresh PGlite', async () => {
    const f = file(`plain-${kind.name}.jsonl`);
    const header = await backup(t.database, f);
    const first = JSON.parse(fs.readFileSync(f, 'utf8').split('\n')[0]!);
    expect(first).toMatchObject({ format: 'pbis-backup', version: 1, source: kind.name });
    expect(header.tables.map((x) => x.name)).toEqual([...tablesInLoadOrder]);
    for (const table of header.tables)
      expect(table.rows, table.name).toBe(await countRows(t.database, table.name));
    expect(header.tables.find((x) => x.name === 'import_batch')!.rows).toBe(1);
    expect(fs.existsSync(`${f}.partial`)).toBe(false);
    const target = await freshPglite();
    try {
      await restore(target, f);
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
      expect((await verifyAudit(target.db)).ok).toBe(true);
    } finally {
      await target.close();
    }
  });

  it('refuses a file that is not a good backup and leaves the target untouched', async () => {
    const good = file(`good-${kind.name}.jsonl`);
    await backup(t.database, good);
    const [head, ...body] = fs.readFileSync(good, 'utf8').trimEnd().split('\n');
    const bad: [string, string | Buffer][] = [
      ['text.txt', 'hello, this is not a backup\n'],
      ['empty.jsonl', ''],
      ['other.json', '{"format":"something-else","version":1}\n'],
      ['newer.jsonl', `${head!.replace('"version":1', '"version":99')}\n`],
      ['junk.gz', zlib.gzipSync('no header here\n')],
      ['damaged.jsonl', `${head}\n${body[0]}\nthis line is not a chunk\n`],
      ['unknown.jsonl', `${head}\n${body[0]}\n{"table":"secrets","rows":[]}\n`],
      ['truncated.jsonl', `${head}\n${body[0]!.slice(0, 200)}\n`],
    ];
    const target = await freshPglite();
    try {
      await restore(target, good);
      const before = await snapshot(target);
      const outcomes: string[] = [];
      for (const [name, content] of [...bad, ['missing.jsonl', null] as const]) {
        if (content !== null) fs.writeFileSync(file(name), content);
        const error = await restore(target, file(name)).then(
          () => new Error('accepted'),
          (e: unknown) => e as Error,
        );
        const intact = JSON.stringify(await snapshot(target)) === JSON.stringify(before);
        const kindOk = error instanceof AppError && error.code === 'validation';
        outcomes.push(
          `${name}: ${kindOk ? 'validation' : error.message}, ${intact ? 'intact' : 'CHANGED'}`,
        );
        if (!intact) await restore(target, good); // so the next case starts from the same state
      }
      expect(outcomes).toEqual(
        [...bad.map(([n]) => n), 'missing.jsonl'].map((n) => `${n}: validation, intact`),
      );
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
        PBIS_ADMIN_PASSWORD: 'cli-admin-password',
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
