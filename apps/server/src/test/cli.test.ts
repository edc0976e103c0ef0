import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { cliEnvironment, pbis } from './cli-runner.js';
import { openDatabase } from '../db/client.js';
import { csvText, ownerRows, UNIT_COLUMNS, utf8 } from './fixtures.js';
import { backupTables } from '../modules/backup/format.js';

/** The tables a backup holds: every module's, less sessions and sign-in attempts. */
const TABLES = backupTables.length;

/*
 * The `pbis` CLI driven in-process on an embedded database in a temporary directory: exit
 * codes 0 / 1 (a user's mistake, one line per problem) / 2 (usage), and what it prints.
 */
const { dir, file } = cliEnvironment('pbis-cli-test-', (d) => ({
  DATABASE_URL: undefined,
  PBIS_DATA_DIR: path.join(d, 'data'),
  PBIS_ADMIN_PASSWORD: 'cli-harbour-secret',
  PBIS_DEMO_PASSWORD: 'cli-demo-password',
  PBIS_LOG_LEVEL: 'silent',
}));

const write = (name: string, content: string | Uint8Array) => {
  fs.writeFileSync(file(name), content);
  return file(name);
};
const unitsFile = (name: string, rows: string[][]) =>
  write(name, utf8(csvText([UNIT_COLUMNS, ...rows])));
const exportedCodes = async () => {
  const r = await pbis('export', 'units', '--format', 'json');
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { code: string }[]).map((u) => u.code);
};

describe('the pbis command line', () => {
  it('prints help (0) and refuses unknown commands and bad usage (2)', async () => {
    const help = await pbis('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: pbis/);
    for (const c of ['start', 'db', 'import', 'export', 'report', 'score', 'users', 'audit'])
      expect(help.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    const importHelp = await pbis('import', '--help');
    expect(importHelp.code).toBe(0);
    expect(importHelp.stdout).toMatch(/--dry-run/);
    expect(importHelp.stdout).toMatch(/--json/);
    expect((await pbis('db', 'backup', '--help')).code).toBe(0);
    const unknown = await pbis('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
    expect((await pbis('import', 'units')).code).toBe(2);
    expect((await pbis('export', 'units', '--format', 'pdf')).code).toBe(2);
    expect((await pbis('score', '--result', '1')).code).toBe(2);
  });

  it('migrates (0), creating the organisation once, without printing a given admin password', async () => {
    const first = await pbis('db', 'migrate');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe(`migrated embedded (PGlite) ${path.join(dir, 'data')}\n`);
    expect(first.stderr).toMatch(/Created the organisation of the seed/);
    expect(first.stderr + first.stdout).not.toMatch(/password/i);
    const second = await pbis('db', 'migrate');
    expect(second.code).toBe(0);
    expect(second.stderr).toBe('');
  });

  it('seeds the demo accounts and lists users with role and scope', async () => {
    const seed = await pbis('db', 'seed', '--demo');
    expect(seed.code, seed.stderr).toBe(0);
    expect(seed.stdout).toMatch(/Created 79 demo accounts/);
    expect(seed.stdout).not.toMatch(/Generated/);
    expect((await pbis('db', 'seed', '--demo')).stdout).toMatch(/demo accounts already exist/);
    const list = await pbis('users', 'list');
    expect(list.code).toBe(0);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^username\s+role\s+scope$/);
    expect(lines).toHaveLength(1 + 1 + 79);
    for (let n = 1; n <= 6; n++)
      expect(list.stdout).toMatch(
        new RegExp(`^analyst${n}\\s+budget_analyst\\s+analysis division ${n}$`, 'm'),
      );
    expect(list.stdout).toMatch(/^admin\s+admin\s+all units$/m);
    expect(list.stdout).toMatch(/^office\s+budget_office\s+all units$/m);
    expect(list.stdout).toMatch(/^executive\s+executive\s+all units$/m);
    expect(list.stdout).toMatch(
      /^officer-BDO\s+unit_officer\s+unit BDO สำนักงบประมาณกรุงเทพมหานคร$/m,
    );
    const json = JSON.parse((await pbis('users', 'list', '--json')).stdout) as Record<
      string,
      unknown
    >[];
    expect(json).toHaveLength(80);
    expect(json).toContainEqual({
      username: 'officer-1024',
      role: 'unit_officer',
      scope: 'unit 1024 สำนักงานเขตราษฎร์บูรณะ',
      active: true,
    });
  });

  it('imports units with a JSON summary, and dry-runs', async () => {
    const f = unitsFile('new.csv', [
      ['CLI1', 'ศูนย์ทดสอบบรรทัดคำสั่ง', 'CLI Test Centre', '', '1', ''],
      ['CLI2', 'สำนักงานเขตทดสอบคำสั่ง', '', '', '', ''],
    ]);
    const dry = await pbis('import', 'units', f, '--dry-run', '--json');
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      kind: 'units',
      rows: 2,
      dry_run: true,
      created: 0,
    });
    const r = await pbis('import', 'units', f, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      kind: 'units',
      rows: 2,
      total_baht: '0.00',
      dry_run: false,
      already_imported: false,
      created: 2,
    });
    const again = await pbis('import', 'units', f);
    expect(again.stdout).toBe(
      'units new.csv: 2 rows, total 0.00 baht — already imported (same file); nothing changed\n',
    );
    expect(await exportedCodes()).toEqual(expect.arrayContaining(['CLI1', 'CLI2']));
  });

  it('reports every problem of a bad file as "line N: reason" (1), or as JSON errors', async () => {
    const f = unitsFile('bad.csv', [
      ['OK1', 'ศูนย์ที่ถูกต้องหนึ่ง', '', '', '', ''],
      ['bad code', 'ศูนย์ที่ผิด', '', 'castle', '', ''],
      ['OK2', 'สำนักการระบายนำ', '', '', '', ''],
    ]);
    const r = await pbis('import', 'units', f);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.slice(0, -1).every((l) => /^line \d+: \S/.test(l))).toBe(true);
    expect(lines.map((l) => l.slice(0, 7))).toEqual(['line 3:', 'line 3:', 'line 4:', '3 probl']);
    expect(lines.at(-1)).toBe('3 problems; nothing was imported');
    expect(lines[2]).toMatch(/existing unit DDS "สำนักการระบายน้ำ"/);
    const j = await pbis('import', 'units', f, '--json');
    expect(j.code).toBe(1);
    const body = JSON.parse(j.stdout) as { errors: { line: number; reason: string }[] };
    expect(body.errors.map((e) => e.line)).toEqual([3, 3, 4]);
    expect(body.errors[1]!.reason).toMatch(/kind "castle"/);
    expect(await exportedCodes()).not.toContain('OK1');
  });

  it('refuses what it cannot do: kinds of later modules and unknown kinds (2), Common-Era years (1)', async () => {
    const f = unitsFile('any.csv', [['CLI9', 'ศูนย์ไม่ควรถูกสร้าง', '', '', '', '']]);
    // A kind arrives with its module (module.ts importKinds): until then, unknown.
    const later = await pbis('import', 'plan', f);
    expect(later.code).toBe(2);
    expect(later.stderr).toMatch(
      /import: unknown kind "plan"; this version imports and exports units, budget-lines, transfers, obligations, disbursements, carry-overs, plans, indicators, results/,
    );
    const unknown = await pbis('import', 'nosuchkind', f);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown kind "nosuchkind"/);
    const exported = await pbis('export', 'plan', '--year', '2565', '--format', 'csv');
    expect(exported.code).toBe(2);
    expect(exported.stderr).toMatch(/export: unknown kind "plan"/);
    for (const argv of [
      ['import', 'units', f, '--year', '2022'],
      ['export', 'units', '--year', '2022', '--format', 'csv'],
    ]) {
      const r = await pbis(...argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/2022 looks like a Common-Era year; use 2565/);
    }
    const missing = await pbis('import', 'units', file('nope.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read/);
    const report = await pbis(
      'report',
      'scorecard',
      '--year',
      '2565',
      '--format',
      'pdf',
      '--out',
      file('r.pdf'),
    );
    expect(report.code).toBe(1);
    expect(await exportedCodes()).not.toContain('CLI9');
  });

  it('exports units as CSV, XLSX and JSON that re-import with nothing created or updated', async () => {
    const codes = await exportedCodes();
    expect(codes).toHaveLength(73);
    const csv = await pbis('export', 'units', '--format', 'csv', '--out', file('u.csv'));
    expect(csv.stderr).toMatch(/wrote .*u\.csv/);
    expect((await pbis('export', 'units', '--format', 'xlsx', '--out', file('u.xlsx'))).code).toBe(
      0,
    );
    const json = JSON.parse((await pbis('export', 'units', '--format', 'json')).stdout) as Record<
      string,
      string
    >[];
    const fromJson = unitsFile(
      'from-json.csv',
      json.map((r) => UNIT_COLUMNS.map((c) => r[c]!)),
    );
    for (const f of [file('u.csv'), file('u.xlsx'), fromJson]) {
      const r = await pbis('import', 'units', f, '--json');
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(JSON.parse(r.stdout), f).toMatchObject({
        rows: 73,
        created: 0,
        updated: 0,
        unchanged: 73,
      });
    }
    const stdoutCsv = await pbis('export', 'units');
    expect(stdoutCsv.raw.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(stdoutCsv.stdout.split('\n')[0]!.replace('\uFEFF', '').trimEnd()).toBe(
      UNIT_COLUMNS.join(','),
    );
  });

  it('verifies the audit trail: OK (0), or the first broken row (1)', async () => {
    const r = await pbis('audit', 'verify');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK: \d+ audit rows, hash chain and keyed macs intact\n$/);
    expect(Number(/OK: (\d+)/.exec(r.stdout)![1])).toBeGreaterThan(150);
    // Tamper with row 42 behind PBIS's back (the owner can switch the triggers off).
    const edit = async (statement: SQL) => {
      const database = await openDatabase({ dataDir: path.join(dir, 'data') });
      try {
        await ownerRows(database, sql`alter table audit_log disable trigger user`);
        await ownerRows(database, statement);
        await ownerRows(database, sql`alter table audit_log enable trigger user`);
      } finally {
        await database.close();
      }
    };
    await edit(sql`update audit_log set username = 'someone-else' where seq = 42`);
    const broken = await pbis('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe(
      'BROKEN at row 42: content does not match its hash (41 rows before it are intact)\n',
    );
    await edit(sql`update audit_log set username = 'pbis-seed' where seq = 42`);
    expect((await pbis('audit', 'verify')).code).toBe(0);
  });

  it('backs up and restores the database (plain and gzip)', async () => {
    const extras = [
      ['XB1', 'ศูนย์หลังสำรองข้อมูลแบบธรรมดา'],
      ['XB2', 'ศูนย์หลังสำรองข้อมูลแบบบีบอัด'],
    ];
    for (const [i, name] of ['all.jsonl', 'all.jsonl.gz'].entries()) {
      const before = await exportedCodes();
      const b = await pbis('db', 'backup', file(name));
      expect(b.code, b.stderr).toBe(0);
      expect(b.stdout).toMatch(
        new RegExp(String.raw`^backed up \d+ rows of ${TABLES} tables from embedded \(PGlite\)`),
      );
      expect(fs.statSync(file(name)).mode & 0o777).toBe(0o600);
      const extra = unitsFile(`extra-${i}.csv`, [[...extras[i]!, '', '', '', '']]);
      expect((await pbis('import', 'units', extra)).code).toBe(0);
      expect(await exportedCodes()).toHaveLength(before.length + 1);
      const r = await pbis('db', 'restore', file(name));
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(
        new RegExp(String.raw`^restored \d+ rows of ${TABLES} tables \(backup of .* from pglite\)`),
      );
      expect(await exportedCodes()).toEqual(before);
      expect((await pbis('audit', 'verify')).code).toBe(0);
    }
    const junk = await pbis('db', 'restore', write('junk.txt', 'not a backup\n'));
    expect(junk.code).toBe(1);
    expect(junk.stderr).toMatch(/not a PBIS backup/);
    expect(await exportedCodes()).toHaveLength(73);
  });

  it('scores a result against the bands of KPI 2 (SPEC §4)', async () => {
    const criteria = write(
      'kpi2.json',
      JSON.stringify({
        kind: 'bands',
        bands: [
          { level: 5, points: 20, min: 0, minInclusive: true, max: 0, maxInclusive: true },
          { level: 4, points: 18, min: 0, minInclusive: false, max: 2.0, maxInclusive: false },
          { level: 3, points: 16, min: 2.01, minInclusive: true, max: 3.0, maxInclusive: false },
          { level: 2, points: 14, min: 3.01, minInclusive: true, max: 4.0, maxInclusive: false },
          { level: 1, points: 12, min: 4.0, minInclusive: true },
        ],
      }),
    );
    const gap = await pbis('score', '--criteria', criteria, '--result', '2.00');
    expect(gap.code).toBe(1);
    expect(gap.stderr).toMatch(/^error: 2\.00 falls in a gap between .*4.* and .*3/);
    const ok = await pbis('score', '--criteria', criteria, '--result', '3.22');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout.trimEnd().split('\n')).toHaveLength(1);
    // Points print as an exact decimal (a JSON string or number); the value is what counts.
    const scored = JSON.parse(ok.stdout) as { level: number; points: string | number };
    expect([scored.level, Number(scored.points)]).toEqual([2, 14]);
    for (const [result, level, points] of [
      ['0', 5, 20],
      ['0.01', 4, 18],
      ['2.5', 3, 16],
      ['4.00', 1, 12],
      ['37', 1, 12],
    ] as const) {
      const r = await pbis('score', '--criteria', criteria, '--result', result);
      const o = JSON.parse(r.stdout) as { level: number; points: string | number };
      expect([r.code, o.level, Number(o.points)], result).toEqual([0, level, points]);
    }
    for (const result of ['3.005', 'abc', '-1'])
      expect((await pbis('score', '--criteria', criteria, '--result', result)).code, result).toBe(
        1,
      );
    expect((await pbis('score', '--criteria', file('none.json'), '--result', '1')).code).toBe(1);
  });
});
