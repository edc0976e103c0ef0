import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../db/client.js';
import { loadInstallationKeys } from '../db/keys.js';
import { editCount, editRows, readBackup, text } from './backup-edit.js';
import { cliEnvironment, pbis } from './cli-runner.js';
import { ownerRows } from './fixtures.js';
import { backupTables } from '../modules/backup/format.js';

/** The tables a backup holds: every module's, less sessions and sign-in attempts. */
const TABLES = backupTables.length;

/*
 * `pbis db backup / restore` and `pbis audit verify / checkpoint` in this process, on embedded
 * databases in a temporary directory sharing one key file: what an operator sees.
 */
const { file } = cliEnvironment('pbis-backup-cli-', (d) => ({
  DATABASE_URL: undefined,
  PBIS_ADMIN_PASSWORD: undefined, // so a seeding would print a generated password
  PBIS_KEY_FILE: path.join(d, 'pbis.key'),
  PBIS_DEMO: '0',
  PBIS_LOG_LEVEL: 'silent',
}));
const KEY_FILE = file('pbis.key');

/** `pbis ARGS…` on the embedded database in DIR. */
const on = (dataDir: string, ...argv: string[]) => {
  process.env.PBIS_DATA_DIR = file(dataDir);
  return pbis(...argv);
};
const outcome = async (dataDir: string, ...argv: string[]) => {
  const r = await on(dataDir, ...argv);
  return `${r.code} ${r.stdout}${r.stderr}`;
};

describe('backup, restore and the audit trail from the command line', () => {
  const source = file('source.jsonl');
  beforeAll(async () => {
    const m = await on('a', 'db', 'migrate');
    expect(m.code, m.stderr).toBe(0);
    const b = await on('a', 'db', 'backup', source);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(
      new RegExp(
        String.raw`^backed up \d+ rows of ${TABLES} tables from embedded \(PGlite\) .* \(signed with installation key [0-9a-f]{16}; sessions and sign-in attempts are not included\)\n$`,
      ),
    );
  });

  it('restores into an empty database without seeding it or printing a password', async () => {
    const r = await on('empty', 'db', 'restore', source);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(
      new RegExp(
        String.raw`^restored \d+ rows of ${TABLES} tables \(backup of .*, from pglite\) into embedded \(PGlite\) .*; all sessions ended, everyone signs in again\n$`,
      ),
    );
    const users = await on('empty', 'users', 'list', '--json');
    expect(users.stderr).toBe('');
    expect(JSON.parse(users.stdout)).toEqual([expect.objectContaining({ username: 'admin' })]);
    expect(await outcome('empty', 'audit', 'verify')).toMatch(
      /^0 OK: \d+ audit rows, hash chain and keyed macs intact\n$/,
    );
  });

  it('refuses a header-only, a cut and an edited backup with one line each; nothing changes', async () => {
    const b = readBackup(source);
    const edited = editRows(b, 'app_user', (rows) =>
      rows.map((u) => (u.username === 'admin' ? { ...u, role: 'executive' } : u)),
    );
    const cases: [string, string, RegExp][] = [
      [
        'header-only.jsonl',
        `${JSON.stringify(b.header)}\n`,
        /^1 error: .*header-only\.jsonl is cut short: it has no trailer line \(it ends after line 1\); nothing was restored\n$/,
      ],
      [
        'cut.jsonl',
        text({ ...b, chunks: b.chunks.slice(0, -1) }, { trailer: 'none' }),
        /^1 error: .*cut\.jsonl is cut short: it has no trailer line \(it ends after line \d+\); nothing was restored\n$/,
      ],
      [
        'edited.jsonl',
        text(edited),
        /^1 error: .*edited\.jsonl is damaged or was edited: its content does not match the SHA-256 digest in its trailer; nothing was restored\n$/,
      ],
      [
        'edited-redigested.jsonl',
        text(edited, { trailer: 'redigest' }),
        /^1 error: .*edited-redigested\.jsonl is not signed with this installation's key: it was edited after it was signed; nothing was restored\. Set PBIS_KEY_FILE .* --accept-unsigned\n$/,
      ],
    ];
    const before = await on('empty', 'users', 'list', '--json');
    for (const [name, content, expected] of cases) {
      fs.writeFileSync(file(name), content);
      expect(await outcome('empty', 'db', 'restore', file(name)), name).toMatch(expected);
      expect(await outcome('empty', 'audit', 'verify'), name).toMatch(/^0 OK: /);
    }
    expect((await on('empty', 'users', 'list', '--json')).stdout).toBe(before.stdout);

    // A row the database refuses: its reason and table in one short line, no row values.
    const key = (await loadInstallationKeys(KEY_FILE)).backup;
    const users = b.header.tables.find((t) => t.name === 'app_user')!.rows;
    const dup = editRows(editCount(b, 'app_user', users + 1), 'app_user', (rows) => [
      ...rows,
      rows[0]!,
    ]);
    fs.writeFileSync(file('dup.jsonl'), text(dup, { key }));
    const r = await on('empty', 'db', 'restore', file('dup.jsonl'));
    expect(`${r.code} ${r.stderr}`).toBe(
      '1 error: restore failed in table app_user: duplicate key value violates unique constraint "app_user_pkey" (SQLSTATE 23505, constraint app_user_pkey); nothing was restored\n',
    );
  });

  it('restores an edited backup only with --accept-unsigned, and says so', async () => {
    const edited = editRows(readBackup(source), 'app_user', (rows) =>
      rows.map((u) => (u.username === 'admin' ? { ...u, display_name: 'แก้ไขแล้ว' } : u)),
    );
    fs.writeFileSync(file('accepted.jsonl'), text(edited, { trailer: 'redigest' }));
    expect((await on('b', 'db', 'restore', file('accepted.jsonl'))).code).toBe(1);
    const r = await on('b', 'db', 'restore', file('accepted.jsonl'), '--accept-unsigned');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /^warning: .*accepted\.jsonl is not signed by this installation; accepted with --accept-unsigned: its digest, row counts and audit chain were checked, its \d+ audit rows re-sealed with this installation's key, and the acceptance recorded in the audit trail\n$/,
    );
    expect(await outcome('b', 'audit', 'verify')).toMatch(/^0 OK: /);
  });

  it('checkpoints the trail; verify --checkpoint catches its newest rows deleted', async () => {
    const cp = file('checkpoint.json');
    const made = await on('a', 'audit', 'checkpoint', '--out', cp);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/^wrote the checkpoint of row (\d+) \(\1 audit rows\) to /);
    const printed = await on('a', 'audit', 'checkpoint');
    const c = JSON.parse(printed.stdout) as { seq: number; at: string; format: string };
    expect(c).toMatchObject({ format: 'pbis-audit-checkpoint' });
    const seq = c.seq;
    expect(await outcome('a', 'audit', 'verify', '--checkpoint', cp)).toMatch(
      new RegExp(
        `^0 OK: ${seq} audit rows, hash chain and keyed macs intact; row ${seq} of the checkpoint of .* is present and unchanged\\n$`,
      ),
    );
    const database = await openDatabase({ dataDir: file('a') });
    try {
      await ownerRows(database, sql`alter table audit_log disable trigger user`);
      await ownerRows(database, sql`delete from audit_log where seq > ${seq - 2}`);
      await ownerRows(database, sql`alter table audit_log enable trigger user`);
    } finally {
      await database.close();
    }
    expect(await outcome('a', 'audit', 'verify')).toBe(
      `0 OK: ${seq - 2} audit rows, hash chain and keyed macs intact\n`,
    );
    expect(await outcome('a', 'audit', 'verify', '--checkpoint', cp)).toMatch(
      new RegExp(
        `^1 BROKEN: row ${seq} of the checkpoint of .* is gone: the trail now ends at row ${seq - 2} \\(its newest rows were deleted\\)\\n$`,
      ),
    );
    fs.writeFileSync(file('junk.json'), '{}');
    expect(await outcome('a', 'audit', 'verify', '--checkpoint', file('junk.json'))).toMatch(
      /^1 error: .*junk\.json is not a PBIS audit checkpoint\n$/,
    );
  });

  it('a key file created anew over a sealed trail stops the start and says what to do', async () => {
    const lostKey = file('new-machine.key');
    process.env.PBIS_KEY_FILE = lostKey;
    try {
      const r = await on('a', 'audit', 'verify');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /new-machine\.key \(PBIS_KEY_FILE\) was just created, but this database's audit trail is sealed with another key/,
      );
    } finally {
      process.env.PBIS_KEY_FILE = KEY_FILE;
    }
    // the new key was taken away again: the next start refuses the same way, never writes with it
    expect(fs.existsSync(lostKey)).toBe(false);
    expect(await outcome('a', 'audit', 'verify')).toMatch(/^0 OK/);
  });

  it('a new installation says where its key was created', async () => {
    process.env.PBIS_KEY_FILE = file('fresh.key');
    try {
      const r = await on('fresh', 'db', 'migrate');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(
        /Created the installation key .*fresh\.key: it seals the audit trail/,
      );
    } finally {
      process.env.PBIS_KEY_FILE = KEY_FILE;
    }
  });
});
