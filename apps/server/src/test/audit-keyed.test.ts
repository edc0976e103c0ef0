import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { migrateDatabase, migrationsFolder, type Database } from '../db/client.js';
import { loadInstallationKeys } from '../db/keys.js';
import {
  makeCheckpoint,
  parseCheckpoint,
  verifyWithCheckpoint,
} from '../modules/audit/checkpoint.js';
import { auditHash, auditMac, GENESIS_HASH } from '../modules/audit/hash.js';
import { verifyAudit } from '../modules/audit/repository.js';
import { sealLegacyAudit } from '../modules/audit/seal.js';
import { countRows, ownerRows } from './fixtures.js';
import { login, setupApp, testDatabases, type Client, type TestContext } from './harness.js';

/*
 * The keyed audit chain (mac = HMAC(audit key, hash)) and signed checkpoints: what a rewrite by
 * someone who can write the database but not read the key file cannot hide.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pbis-audit-keyed-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Row {
  seq: number;
  at: string;
  organization_id: string | null;
  user_id: string | null;
  username: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
  mac: string | null;
}

const rowsFrom = (database: Database, seq: number) =>
  ownerRows<Row>(
    database,
    sql`select seq::int as seq, to_json(at)#>>'{}' as at, organization_id, user_id, username, action, entity, entity_id, before, after, prev_hash, hash, mac from audit_log where seq >= ${seq} order by seq`,
  );

const ownerDoes = async (database: Database, fn: () => Promise<unknown>) => {
  await ownerRows(database, sql`alter table audit_log disable trigger user`);
  try {
    await fn();
  } finally {
    await ownerRows(database, sql`alter table audit_log enable trigger user`);
  }
};

/**
 * What the database's owner can do without the key: edit row `seq` and recompute every SHA-256
 * hash from it onward, so the bare chain verifies again. With `key`, also the macs.
 */
async function rewriteFrom(database: Database, seq: number, edit: Partial<Row>, key?: Buffer) {
  const rows = await rowsFrom(database, seq);
  const [before] = await ownerRows<{ hash: string }>(
    database,
    sql`select hash from audit_log where seq = ${seq - 1}`,
  );
  let prev = before?.hash ?? GENESIS_HASH;
  await ownerDoes(database, async () => {
    for (const r of rows) {
      const row = r.seq === seq ? { ...r, ...edit } : r;
      const hash = auditHash(prev, {
        seq: row.seq,
        at: new Date(row.at),
        organizationId: row.organization_id,
        userId: row.user_id,
        username: row.username,
        action: row.action,
        entity: row.entity,
        entityId: row.entity_id,
        before: row.before,
        after: row.after,
      });
      const mac = key ? auditMac(key, hash) : row.mac;
      await ownerRows(
        database,
        sql`update audit_log set username = ${row.username}, action = ${row.action}, prev_hash = ${prev}, hash = ${hash}, mac = ${mac} where seq = ${row.seq}`,
      );
      prev = hash;
    }
  });
  return rows;
}

async function putBack(database: Database, rows: Row[]) {
  await ownerDoes(database, async () => {
    for (const r of rows)
      await ownerRows(
        database,
        sql`update audit_log set username = ${r.username}, action = ${r.action}, prev_hash = ${r.prev_hash}, hash = ${r.hash}, mac = ${r.mac} where seq = ${r.seq}`,
      );
  });
}

describe.each(testDatabases())('the keyed audit chain on $name', (kind) => {
  let t: TestContext;
  let admin: Client;
  const verify = () => verifyAudit(t.database.db, t.database.keys.audit);
  beforeAll(async () => {
    t = await setupApp(kind);
    admin = await login(t.app, 'admin');
    for (const month of [1, 2, 3, 4, 5, 6])
      expect(
        (
          await admin.request('PUT', '/api/v1/period-locks', {
            fiscalYear: 2566,
            month,
            locked: true,
          })
        ).statusCode,
      ).toBe(200);
  });
  afterAll(() => t.close());

  it('seals every row it writes with the installation key', async () => {
    const rows = await rowsFrom(t.database, 1);
    expect(rows.length).toBeGreaterThan(50);
    for (const r of rows)
      expect(r.mac, `row ${r.seq}`).toBe(auditMac(t.database.keys.audit, r.hash));
    expect(await verify()).toEqual({ ok: true, checked: rows.length });
  });

  it('names the first row of a chain rewritten with recomputed SHA-256 hashes (function, API)', async () => {
    const n = await countRows(t.database, 'audit_log');
    const seq = n - 4;
    const saved = await rewriteFrom(t.database, seq, { username: 'someone-else' });
    // The bare hash chain is whole again: that is what the key adds.
    expect(await verifyAudit(t.database.db, null)).toEqual({ ok: true, checked: n });
    const broken = {
      ok: false,
      checked: seq - 1,
      brokenSeq: seq,
      reason: 'mac does not match: the row was written or rewritten without the installation key',
    };
    expect(await verify()).toEqual(broken);
    expect((await admin.get('/api/v1/audit/verify')).json()).toEqual(broken);
    await putBack(t.database, saved);
    expect(await verify()).toEqual({ ok: true, checked: n });
  });

  it('reports a row without a mac', async () => {
    const [row] = await rowsFrom(t.database, 3);
    await ownerDoes(t.database, () =>
      ownerRows(t.database, sql`update audit_log set mac = null where seq = 3`),
    );
    expect(await verify()).toMatchObject({
      ok: false,
      brokenSeq: 3,
      reason: expect.stringMatching(/^no mac/),
    });
    await putBack(t.database, [row!]);
    expect((await verify()).ok).toBe(true);
  });

  it('a signed checkpoint catches the newest rows deleted and a rewrite with the key', async () => {
    const n = await countRows(t.database, 'audit_log');
    const checkpoint = await makeCheckpoint(t.database);
    expect(checkpoint).toMatchObject({
      format: 'pbis-audit-checkpoint',
      seq: n,
      count: n,
      keyId: t.database.keys.id,
    });
    expect(await verifyWithCheckpoint(t.database, checkpoint)).toMatchObject({
      ok: true,
      checked: n,
    });

    // The newest three rows deleted: the chain that is left is whole, the checkpoint is not.
    const newest = await rowsFrom(t.database, n - 2);
    await ownerDoes(t.database, () =>
      ownerRows(t.database, sql`delete from audit_log where seq > ${n - 3}`),
    );
    expect(await verify()).toEqual({ ok: true, checked: n - 3 });
    expect(await verifyWithCheckpoint(t.database, checkpoint)).toEqual({
      ok: false,
      message: `row ${n} of the checkpoint of ${checkpoint.at} is gone: the trail now ends at row ${n - 3} (its newest rows were deleted)`,
    });
    await ownerDoes(t.database, async () => {
      for (const r of newest)
        await ownerRows(
          t.database,
          sql`insert into audit_log select * from json_populate_record(null::audit_log, ${JSON.stringify(r)}::json)`,
        );
    });
    expect((await verifyWithCheckpoint(t.database, checkpoint)).ok).toBe(true);

    // Even someone holding the key cannot rewrite what the checkpoint vouches for.
    const saved = await rewriteFrom(t.database, n - 1, { action: 'forged' }, t.database.keys.audit);
    expect((await verify()).ok).toBe(true);
    expect(await verifyWithCheckpoint(t.database, checkpoint)).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        new RegExp(`^row ${n} no longer has the hash of the checkpoint`),
      ),
    });
    await putBack(t.database, saved);

    // An edited checkpoint, or one of another installation, is refused.
    const edited = { ...checkpoint, seq: checkpoint.seq - 3, hash: saved[0]!.prev_hash };
    expect(await verifyWithCheckpoint(t.database, edited)).toEqual({
      ok: false,
      message: 'the checkpoint was edited: its signature does not match',
    });
    const elsewhere = await loadInstallationKeys(path.join(dir, `elsewhere-${kind.name}.key`));
    const foreign = await makeCheckpoint({ ...t.database, keys: elsewhere }).catch((e: Error) => e);
    // Its rows are sealed with our key, so the other key sees a broken trail and refuses to vouch.
    expect(foreign).toBeInstanceOf(Error);
    const signedElsewhere = { ...checkpoint, keyId: elsewhere.id };
    expect((await verifyWithCheckpoint(t.database, signedElsewhere)).ok).toBe(false);
    expect(() => parseCheckpoint('{"format":"pbis-audit-checkpoint"}', 'cp.json')).toThrow(
      /cp\.json is not a PBIS audit checkpoint/,
    );
  });

  it('seals the rows of a trail written before keyed macs once, with the key file, and records it', async () => {
    // A database at migration 0001: audit rows without a mac column.
    const old = path.join(dir, `migrations-0001-${kind.name}`);
    fs.cpSync(migrationsFolder, old, { recursive: true });
    fs.rmSync(path.join(old, '0002_audit_mac.sql'));
    const journal = JSON.parse(fs.readFileSync(path.join(old, 'meta/_journal.json'), 'utf8'));
    journal.entries = journal.entries.filter((e: { idx: number }) => e.idx < 2);
    fs.writeFileSync(path.join(old, 'meta/_journal.json'), JSON.stringify(journal));
    const opened = await kind.open();
    const keys = await loadInstallationKeys(path.join(dir, `installation-${kind.name}.key`));
    const database: Database = { ...opened, keys };
    try {
      await migrateDatabase(database, old);
      let prev = GENESIS_HASH;
      for (let seq = 1; seq <= 5; seq++) {
        const content = {
          seq,
          at: new Date(Date.UTC(2024, 0, seq)),
          organizationId: null,
          userId: null,
          username: 'legacy',
          action: 'create',
          entity: 'test_legacy',
          entityId: String(seq),
          before: null,
          after: { n: seq },
        };
        const hash = auditHash(prev, content);
        await ownerRows(
          database,
          sql`insert into audit_log (seq, at, username, action, entity, entity_id, after, prev_hash, hash) values (${seq}, ${content.at}, 'legacy', 'create', 'test_legacy', ${String(seq)}, ${JSON.stringify(content.after)}::jsonb, ${prev}, ${hash})`,
        );
        prev = hash;
      }
      await migrateDatabase(database);
      expect((await verifyAudit(database.db, keys.audit)).ok).toBe(false);
      // A per-process key never seals: a throwaway key would break the trail for good.
      expect(await sealLegacyAudit(opened)).toBeUndefined();
      expect(await sealLegacyAudit(database)).toEqual({ sealed: 5, throughSeq: 5 });
      expect(await verifyAudit(database.db, keys.audit)).toEqual({ ok: true, checked: 6 });
      const [entry] = await ownerRows<{ action: string; entity: string; after: unknown }>(
        database,
        sql`select action, entity, after from audit_log where seq = 6`,
      );
      expect(entry).toEqual({
        action: 'seal',
        entity: 'audit_log',
        after: { rows: 5, throughSeq: 5, keyId: keys.id },
      });
      // Once only: a mac removed later is a break, not something to seal again.
      expect(await sealLegacyAudit(database)).toBeUndefined();
      await ownerDoes(database, () =>
        ownerRows(database, sql`update audit_log set mac = null where seq = 2`),
      );
      expect(await sealLegacyAudit(database)).toBeUndefined();
      expect(await verifyAudit(database.db, keys.audit)).toMatchObject({ ok: false, brokenSeq: 2 });
      // The append-only triggers are still there.
      await expect(ownerRows(database, sql`delete from audit_log where seq = 1`)).rejects.toThrow();
    } finally {
      await opened.close();
    }
  });
});
