import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/client.js';
import { testDatabaseUrl } from '../env.js';
import { ownerRows, snapshot } from './fixtures.js';

/*
 * kill -9 during a large import (issue 15, "Done means"): `pbis import disbursements FILE` runs as
 * a child process against a PGlite data directory and against PostgreSQL; once it has parsed the
 * file it is killed with SIGKILL while it writes (at two delays), and the database must hold
 * nothing of the file — no disbursement, no import batch, every table as it was — and a re-run of
 * the same file must then import all of it with exact totals.
 *
 * The write phase is found, not guessed: the CLI's progress line says when the file is parsed
 * (stderr is made to look like a terminal); then the disbursement rows' size on disk is polled
 * (uncommitted rows take pages too) and the child killed once it has grown — by a byte, and by
 * 2 MiB (of about 8) — so the kill lands in the write whatever the machine's speed.
 */

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../..');
const BIN = path.join(ROOT, 'apps/server/bin/pbis.mjs');
const ROWS = 50_000;
const UNIT = 'KILL9';
const LINES_CSV =
  'fiscal_year,unit_code,unit_name,programme,output,project_code,project,expense_category,strategy_code,amount\n' +
  `2565,${UNIT},ศูนย์ทดสอบการหยุดกลางคัน,แผนงานทดสอบ,,,งานทดสอบการหยุด,operating,,100000000.00\n`;

/** ROWS disbursements on one line, every one a document of its own; the total in satang. */
function disbursementFile(): { csv: string; totalSatang: bigint } {
  const parts = [
    'fiscal_year,unit_code,unit_name,line_code,project_code,project,expense_category,fund_source,expense_item,document_no,date,amount,obligation_no\n',
  ];
  let total = 0n;
  for (let i = 0; i < ROWS; i++) {
    const satang = BigInt(100 + (i % 7) * 100 + 25); // 1.25 … 7.25 baht
    total += satang;
    const day = String(1 + (i % 28)).padStart(2, '0');
    parts.push(
      `2565,${UNIT},,,,งานทดสอบการหยุด,operating,,,K9-${i},2022-03-${day},${satang / 100n}.${String(satang % 100n).padStart(2, '0')},\n`,
    );
  }
  return { csv: parts.join(''), totalSatang: total };
}

interface Engine {
  name: 'pglite' | 'postgres';
  /** The environment of the CLI for this database. */
  env: Record<string, string | undefined>;
  open(): Promise<Database>;
  /**
   * Bytes the disbursement rows take on disk so far, committed or not: they grow while the
   * child's transaction writes (compared with the figure taken when parsing ended).
   */
  written(): Promise<number>;
  /** Waits until the killed child's connection is gone (PostgreSQL rolls its transaction back). */
  settle(): Promise<void>;
  dispose(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function pgliteEngine(dir: string): Engine {
  const dataDir = path.join(dir, 'data');
  /** The relation files' size: inserted rows grow them (the WAL is preallocated, so not it). */
  const written = () => {
    let bytes = 0;
    const walk = (p: string) => {
      for (const e of fs.readdirSync(p, { withFileTypes: true })) {
        const q = path.join(p, e.name);
        if (e.isDirectory()) walk(q);
        else bytes += fs.statSync(q).size;
      }
    };
    walk(path.join(dataDir, 'base'));
    return Promise.resolve(bytes);
  };
  return {
    name: 'pglite',
    env: { PBIS_DATA_DIR: dataDir, DATABASE_URL: undefined },
    open: () => openDatabase({ dataDir, keyFile: path.join(dir, 'pbis.key') }),
    written,
    settle: () => Promise.resolve(),
    dispose: () => Promise.resolve(),
  };
}

function postgresEngine(dir: string, url: string): Engine {
  const name = `pbis_kill_${randomBytes(6).toString('hex')}`;
  const u = new URL(url);
  u.pathname = `/${name}`;
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>, own = false) => {
    const c = new pg.Client({ connectionString: own ? u.toString() : url });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  const backends = (where: string) =>
    admin(async (c) => {
      const r = await c.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity where datname = $1 ${where}`,
        [name],
      );
      return r.rows[0]!.n;
    });
  let created = false;
  return {
    name: 'postgres',
    env: { PBIS_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: u.toString() },
    open: async () => {
      if (!created) {
        await admin((c) => c.query(`create database ${name}`));
        created = true;
      }
      return openDatabase({ databaseUrl: u.toString(), keyFile: path.join(dir, 'pbis.key') });
    },
    // Uncommitted rows take their pages too, so the table grows while the transaction writes.
    written: () =>
      admin(async (c) => {
        const r = await c.query<{ n: string }>(
          `select pg_total_relation_size('disbursement')::text as n`,
        );
        return Number(r.rows[0]!.n);
      }, true),
    settle: async () => {
      for (let i = 0; i < 400 && (await backends('')) > 0; i++) await sleep(50);
    },
    dispose: async () => {
      if (created) await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

interface Child {
  /** Resolves when stderr has said the whole file is parsed (the progress line at ROWS/ROWS). */
  parsed: Promise<void>;
  exit: Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>;
  kill(): boolean;
  running(): boolean;
}

/** `pbis ARGS…` as a child process, its stderr looking like a terminal (so it shows progress). */
function runPbis(dir: string, engine: Engine, args: string[]): Child {
  const preload = path.join(dir, 'tty-stderr.mjs');
  fs.writeFileSync(preload, "Object.defineProperty(process.stderr, 'isTTY', { value: true });\n");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PBIS_KEY_FILE: path.join(dir, 'pbis.key'),
    PBIS_ADMIN_PASSWORD: 'kill-test-pass-123',
    PBIS_LOG_LEVEL: 'silent',
  };
  for (const [k, v] of Object.entries(engine.env)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const child = spawn(process.execPath, ['--import', preload, BIN, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let exited = false;
  let onParsed: () => void = () => undefined;
  const parsed = new Promise<void>((resolve) => (onParsed = resolve));
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => {
    stderr += b.toString();
    if (stderr.includes(`: ${ROWS}/${ROWS} rows`)) onParsed();
  });
  const exit = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) =>
    child.on('close', (code, signal) => {
      exited = true;
      resolve({ code, signal, stdout, stderr });
    }),
  );
  return {
    parsed,
    exit,
    kill: () => child.kill('SIGKILL'),
    running: () => !exited,
  };
}

const engines = (dir: string): Engine[] => {
  const list = [pgliteEngine(path.join(dir, 'pglite'))];
  const url = testDatabaseUrl();
  if (url) list.push(postgresEngine(path.join(dir, 'postgres'), url));
  return list;
};

const ROOT_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'pbis-kill-'));
afterAll(() => fs.rmSync(ROOT_DIR, { recursive: true, force: true }));

describe.each(engines(ROOT_DIR))('kill -9 during a large import on $name', (engine) => {
  const dir = path.join(ROOT_DIR, engine.name);
  const linesFile = path.join(dir, 'lines.csv');
  const disbFile = path.join(dir, 'disbursements.csv');
  let totalSatang = 0n;
  let before: Record<string, string> = {};

  /** The database's tables, read in this process while no child holds the database. */
  async function readBack<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    const db = await engine.open();
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  }
  const counts = (db: Database) =>
    ownerRows<{ disbursements: number; batches: number; satang: string; rollup: string }>(
      db,
      sql`select
            (select count(*)::int from disbursement) as disbursements,
            (select count(*)::int from import_batch where kind = 'disbursements') as batches,
            (select coalesce(sum(amount_satang), 0)::text from disbursement) as satang,
            (select coalesce(sum(disbursed_satang), 0)::text from budget_line_month) as rollup`,
    ).then((r) => r[0]!);

  beforeAll(async () => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(linesFile, LINES_CSV);
    const file = disbursementFile();
    fs.writeFileSync(disbFile, file.csv);
    totalSatang = file.totalSatang;
    // The database is created (PostgreSQL) and migrated, the organisation and the line made.
    await readBack(() => Promise.resolve());
    const setup = await runPbis(dir, engine, [
      'import',
      'budget-lines',
      linesFile,
      '--create-units',
    ]).exit;
    expect(setup.code, setup.stderr).toBe(0);
    before = await readBack(snapshot);
  }, 240_000);

  afterAll(() => engine.dispose());

  it.each([
    ['at its first rows written', 1],
    ['deep in the write (2 MiB of rows written)', 2 * 1024 * 1024],
  ])(
    'SIGKILL %s leaves nothing of the file',
    async (_when, bytes) => {
      const child = runPbis(dir, engine, ['import', 'disbursements', disbFile]);
      const done = child.exit.then(() => 'exited' as const);
      expect(await Promise.race([child.parsed.then(() => 'parsed' as const), done])).toBe('parsed');
      // Parsed; the checks read the database, then the one transaction writes. Wait for it.
      const mark = await engine.written();
      let writing = false;
      for (let i = 0; i < 2400 && child.running() && !writing; i++) {
        await sleep(25);
        writing = (await engine.written()) - mark >= bytes;
      }
      expect(writing, 'no write was seen before the import ended').toBe(true);
      expect(child.running(), 'the import finished before the kill').toBe(true);
      child.kill();
      const end = await child.exit;
      expect(end.signal).toBe('SIGKILL');
      await engine.settle();
      const after = await readBack(async (db) => ({
        counts: await counts(db),
        all: await snapshot(db),
      }));
      expect(after.counts).toEqual({ disbursements: 0, batches: 0, satang: '0', rollup: '0' });
      expect(after.all).toEqual(before);
    },
    180_000,
  );

  it('the same import run again goes through completely, with exact totals', async () => {
    const run = await runPbis(dir, engine, ['import', 'disbursements', disbFile, '--json']).exit;
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      rows: number;
      total_baht: string;
      created: number;
      already_imported: boolean;
    };
    const baht = `${totalSatang / 100n}.${String(totalSatang % 100n).padStart(2, '0')}`;
    expect(summary).toMatchObject({
      rows: ROWS,
      total_baht: baht,
      created: ROWS,
      already_imported: false,
    });
    const after = await readBack(counts);
    expect(after).toEqual({
      disbursements: ROWS,
      batches: 1,
      satang: String(totalSatang),
      rollup: String(totalSatang),
    });
  }, 180_000);
});
