import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase, migrationsFolder } from '../db/client.js';
import { receivingUnit } from '../db/schema.js';
import { withScope } from '../db/scoped.js';
import { systemActor } from '../modules/auth/actor.js';
import { findActiveSession } from '../modules/auth/repository.js';
import { ensureOrganization } from '../seed/seed.js';
import { aUnit, aUser } from './factories.js';
import { ownerRows } from './fixtures.js';
import { testDatabases } from './harness.js';

/*
 * A database that landed at migration 0004 (row-level security as first shipped) upgrades to
 * 0005 (the settings read once per query, the session lookup in PL/pgSQL) with its data, and the
 * policies still hold afterwards.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pbis-upgrade-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A copy of the migrations folder holding only those before `idx`. */
function migrationsBefore(idx: number, name: string): string {
  const folder = path.join(dir, name);
  fs.cpSync(migrationsFolder, folder, { recursive: true });
  const journalFile = path.join(folder, 'meta/_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  for (const e of journal.entries.filter((e) => e.idx >= idx))
    fs.rmSync(path.join(folder, `${e.tag}.sql`));
  journal.entries = journal.entries.filter((e) => e.idx < idx);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

describe.each(testDatabases())('upgrade from migration 0004 on $name', (kind) => {
  it('keeps the data, reads the scope once per query, and still shows each user only their rows', async () => {
    const database = await kind.open();
    try {
      await migrateDatabase(database, migrationsBefore(5, `0004-${kind.name}`));
      const { organizationId } = await ensureOrganization(database, 'upgrade-admin-password');
      const ctx = { database, organizationId, system: systemActor(organizationId, 'test') };
      const ward = await aUnit().inDivision(3).create(ctx);
      const other = await aUnit().inDivision(4).create(ctx);
      const officer = await aUser().officerOf(ward).create(ctx);
      const sessionId = 'a'.repeat(64);
      await ownerRows(
        database,
        sql`insert into user_session (id, user_id, csrf_token, created_at, expires_at)
            values (${sessionId}, ${officer.id}, 'csrf', now(), now() + interval '1 hour')`,
      );
      const language = () =>
        ownerRows<{ lang: string }>(
          database,
          sql`select l.lanname as lang from pg_proc p join pg_language l on l.oid = p.prolang
              where p.proname = 'pbis_active_session'`,
        );
      expect(await language()).toEqual([{ lang: 'sql' }]);

      await migrateDatabase(database);

      expect(await language()).toEqual([{ lang: 'plpgsql' }]);
      const policies = await ownerRows<{ name: string; qual: string }>(
        database,
        sql`select policyname as name, qual from pg_policies
            where tablename in ('app_user', 'division', 'receiving_unit') order by policyname`,
      );
      expect(policies.map((p) => p.name)).toEqual([
        'app_user_in_scope',
        'division_in_scope',
        'receiving_unit_in_scope',
      ]);
      for (const p of policies) expect(p.qual, p.name).toMatch(/\(\s*SELECT pbis_scope\(\)/);
      const found = await findActiveSession(database.db, sessionId, new Date());
      expect(found?.user.username).toBe(officer.username);
      expect(found?.unitCode).toBe(ward.code);
      const seen = await withScope(database, officer.actor, (db) =>
        db.select({ id: receivingUnit.id }).from(receivingUnit),
      );
      expect(seen.map((u) => u.id)).toEqual([ward.id]);
      expect(seen.map((u) => u.id)).not.toContain(other.id);
    } finally {
      await database.close();
    }
  });
});
