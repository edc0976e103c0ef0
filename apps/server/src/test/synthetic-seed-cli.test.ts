import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../db/client.js';
import { testDatabaseUrl } from '../env.js';
import { cliEnvironment, pbis } from './cli-runner.js';
import { ownerRows } from './fixtures.js';

/*
 * `pbis db seed --synthetic --transactions N` from the command line, on an embedded database and
 * (when PBIS_TEST_DATABASE_URL is set) on a fresh PostgreSQL database: the ledger's running totals
 * equal the sums of its entries, checked by SQL of the test's own over the raw rows; a second
 * run tops up or adds nothing; two databases seeded alike hold the same ledger.
 */
const { file } = cliEnvironment('pbis-synthetic-cli-', (d) => ({
  DATABASE_URL: undefined,
  PBIS_DATA_DIR: undefined,
  PBIS_ADMIN_PASSWORD: 'cli-harbour-secret',
  PBIS_KEY_FILE: path.join(d, 'pbis.key'),
  PBIS_LOG_LEVEL: 'silent',
}));

interface Target {
  name: string;
  /** Points the CLI at the database; answers how to open it for the checks. */
  use(): Promise<() => Promise<Database>>;
}

const created: string[] = [];
const targets: Target[] = [
  {
    name: 'pglite',
    use: async () => {
      const dir = file(`data-${randomBytes(3).toString('hex')}`);
      delete process.env.DATABASE_URL;
      process.env.PBIS_DATA_DIR = dir;
      return () => openDatabase({ dataDir: dir, keyFile: process.env.PBIS_KEY_FILE });
    },
  },
];
const url = testDatabaseUrl();
if (url)
  targets.push({
    name: 'postgres',
    use: async () => {
      const name = `pbis_test_syn_${randomBytes(5).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      created.push(name);
      const u = new URL(url);
      u.pathname = `/${name}`;
      process.env.DATABASE_URL = u.toString();
      return () => openDatabase({ databaseUrl: u.toString(), keyFile: process.env.PBIS_KEY_FILE });
    },
  });

afterAll(async () => {
  if (!url || created.length === 0) return;
  const a = new pg.Client({ connectionString: url });
  await a.connect();
  for (const name of created) await a.query(`drop database if exists ${name} with (force)`);
  await a.end();
});

/** Lines and months whose running totals differ from the sums of their entries (should be none). */
async function mismatches(database: Database) {
  const lines = await ownerRows(
    database,
    sql`select l.id from budget_line l
      left join (select line_id, sum(amount_satang) as o from commitment where kind = 'obligation'
        group by line_id) c on c.line_id = l.id
      left join (select line_id, sum(amount_satang) as d,
          coalesce(sum(amount_satang) filter (where obligation_id is null), 0) as dd
        from disbursement group by line_id) d on d.line_id = l.id
      where l.obligated_satang <> coalesce(c.o, 0) or l.disbursed_satang <> coalesce(d.d, 0)
        or l.disbursed_direct_satang <> coalesce(d.dd, 0)
        or l.enacted_satang + l.transfer_net_satang - l.reserved_satang - l.obligated_satang
           - l.disbursed_direct_satang < 0`,
  );
  const months = await ownerRows(
    database,
    sql`with e as (
        select line_id, fiscal_month, sum(o) as o, sum(d) as d from (
          select line_id, fiscal_month, amount_satang as o, 0::bigint as d from commitment
            where kind = 'obligation'
          union all select line_id, fiscal_month, 0, amount_satang from disbursement) x
        group by line_id, fiscal_month)
      select coalesce(m.line_id, e.line_id) as line_id from budget_line_month m
        full join e on e.line_id = m.line_id and e.fiscal_month = m.fiscal_month
      where coalesce(m.obligated_satang, 0) <> coalesce(e.o, 0)
        or coalesce(m.disbursed_satang, 0) <> coalesce(e.d, 0)`,
  );
  return { lines: lines.length, months: months.length };
}

/** The synthetic entries, as text independent of generated ids (identity keys hold unit ids). */
async function ledger(database: Database) {
  const rows = await ownerRows<{ e: string }>(
    database,
    sql`select concat_ws('|', k, x.document_no, x.date, x.fiscal_month, x.amount_satang, u.code,
          l.fiscal_year, l.project, l.expense_category, l.expense_item) as e
      from (select 'o' as k, line_id, unit_id, document_no, date, fiscal_month, amount_satang
              from commitment
            union all select 'd', line_id, unit_id, document_no, date, fiscal_month, amount_satang
              from disbursement) x
        join budget_line l on l.id = x.line_id join receiving_unit u on u.id = x.unit_id
      where x.document_no like 'SYN-TX%' order by x.document_no`,
  );
  return rows.map((r) => r.e);
}

describe('pbis db seed --synthetic: usage', () => {
  it('refuses a missing, malformed or orphan --transactions (2) before opening a database', async () => {
    const cases: [string[], RegExp][] = [
      [['--synthetic'], /--synthetic needs --transactions N/],
      [['--synthetic', '--transactions', 'many'], /--transactions must be a whole number/],
      [['--synthetic', '--transactions', '-5'], /--transactions must be a whole number/],
      [['--synthetic', '--transactions', '1e3'], /--transactions must be a whole number/],
      [['--synthetic', '--transactions', '10', '--seed', 'x'], /--seed must be a whole number/],
      [['--transactions', '10'], /--transactions and --seed go with --synthetic/],
    ];
    for (const [args, message] of cases) {
      const r = await pbis('db', 'seed', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });
});

describe.each(targets)('pbis db seed --synthetic on $name', (target) => {
  it('writes N entries whose totals are exactly the sums of the entries, deterministically', async () => {
    const open = await target.use();
    const first = await pbis('db', 'seed', '--synthetic', '--transactions', '3000');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /synthetic ledger \(seed 1\): 3000 entries added \(\d+ obligations, \d+ disbursements on \d+ lines of FY2563–2565, labelled ข้อมูลสังเคราะห์\), 3000 in all/,
    );
    const again = await pbis('db', 'seed', '--synthetic', '--transactions', '3000');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/already 3000 entries, nothing added/);
    const more = await pbis('db', 'seed', '--synthetic', '--transactions', '3500');
    expect(more.code, more.stderr).toBe(0);
    expect(more.stdout).toMatch(/500 entries added .*3500 in all/);
    const verify = await pbis('audit', 'verify');
    expect(verify.code, verify.stderr).toBe(0);

    const database = await open();
    try {
      expect(await mismatches(database)).toEqual({ lines: 0, months: 0 });
      const entries = await ledger(database);
      expect(entries).toHaveLength(3500);
      expect(new Set(entries.map((e) => e.split('|')[0]))).toEqual(new Set(['o', 'd']));
      // Every entry within its fiscal year (FY2563–2565) and positive.
      for (const e of entries) {
        const [, , date, , amount] = e.split('|');
        expect(BigInt(amount!)).toBeGreaterThanOrEqual(100n);
        expect(date! >= '2019-10-01' && date! <= '2022-09-30').toBe(true);
      }
      const batches = await ownerRows<{ n: number }>(
        database,
        sql`select count(*)::int as n from audit_log where entity = 'synthetic_transactions'`,
      );
      expect(batches[0]!.n).toBe(2);
      if (target.name !== 'pglite') return;
      // Deterministic: a second database given the same two commands holds the same ledger.
      const open2 = await target.use();
      expect((await pbis('db', 'seed', '--synthetic', '--transactions', '3000')).code).toBe(0);
      expect((await pbis('db', 'seed', '--synthetic', '--transactions', '3500')).code).toBe(0);
      const other = await open2();
      try {
        expect(await ledger(other)).toEqual(entries);
      } finally {
        await other.close();
      }
    } finally {
      await database.close();
    }
  }, 300_000);
});
