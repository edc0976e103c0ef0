import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.js';
import { withScope } from '../db/scoped.js';
import { backupTables, EXCLUDED_TABLES } from '../modules/backup/format.js';
import { backup, restore } from '../modules/backup/service.js';
import { serverModules, tablesInLoadOrder } from '../modules/index.js';
import { migrateDatabase } from '../db/client.js';
import { setupApp, testDatabases, type TestContext } from './harness.js';

/*
 * The backup holds every table by construction: the modules declare their tables (module.ts),
 * and this compares that list with the database's own catalogue after every migration, so a
 * table added by a migration but declared by no module fails here, on either database.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pbis-catalogue-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.each(testDatabases())('backup catalogue on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
  });
  afterAll(() => t?.close());

  const catalogue = async () =>
    (
      await t.database.rows<{ tablename: string }>(
        sql`select tablename from pg_tables where schemaname = 'public' and tablename <> '__drizzle_migrations' order by tablename`,
      )
    ).map((r) => r.tablename);

  it('the modules declare every table of the database, once, and no table it lacks', async () => {
    const tables = await catalogue();
    expect(tables.length).toBeGreaterThan(0);
    expect([...tablesInLoadOrder].sort()).toEqual(tables);
    expect(new Set(tablesInLoadOrder).size).toBe(tablesInLoadOrder.length);
    // Each table has one owner module.
    const owners = serverModules.flatMap((m) => (m.tables ?? []).map((x) => [x, m.name]));
    expect(owners).toHaveLength(tables.length);
  });

  it('backs up every table but the excluded ones, and excludes only tables that exist', async () => {
    const tables = await catalogue();
    for (const x of EXCLUDED_TABLES) expect(tables).toContain(x);
    expect([...backupTables, ...EXCLUDED_TABLES].sort()).toEqual(tables);
    const header = await backup(t.database, path.join(dir, `${kind.name}.jsonl`));
    expect(header.tables.map((x) => x.name).sort()).toEqual(
      tables.filter((x) => !EXCLUDED_TABLES.includes(x)),
    );
    expect([...(header.excluded ?? [])].sort()).toEqual([...EXCLUDED_TABLES].sort());
  });

  it('loads tables in foreign-key order: a table after every table it references', async () => {
    const fks = await queryRows<{ child: string; parent: string; deferrable: boolean }>(
      t.database.db,
      sql`select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent,
                 c.condeferrable as deferrable
          from pg_constraint c join pg_namespace n on n.oid = c.connamespace
          where c.contype = 'f' and n.nspname = 'public'`,
    );
    expect(fks.length).toBeGreaterThan(0);
    const at = (name: string) => tablesInLoadOrder.indexOf(name.replace(/^"|"$/g, ''));
    // A deferrable key (receiving_unit → division, a cycle) is checked at commit instead.
    for (const fk of fks.filter((f) => !f.deferrable && f.child !== f.parent))
      expect(at(fk.parent), `${fk.child} → ${fk.parent}`).toBeLessThan(at(fk.child));
  });

  it('backs up and restores the row-level-secured tables whole, as the owner seeing all', async () => {
    const counts = () =>
      withScope(t.database, t.system, async (tx) =>
        Object.fromEntries(
          await Promise.all(
            ['receiving_unit', 'division', 'app_user'].map(async (table) => {
              const [r] = await queryRows<{ n: number }>(
                tx,
                sql`select count(*)::int as n from ${sql.identifier(table)}`,
              );
              return [table, r!.n] as const;
            }),
          ),
        ),
      );
    const before = await counts();
    expect(before.receiving_unit).toBeGreaterThan(0);
    const file = path.join(dir, `${kind.name}-rls.jsonl`);
    const header = await backup(t.database, file);
    for (const [table, n] of Object.entries(before))
      expect(header.tables.find((x) => x.name === table)!.rows, table).toBe(n);
    // Without a scope the application role sees none of those rows: the policies are on.
    if (t.database.appRole) {
      const [unscoped] = await t.database.rows<{ n: number }>(
        sql`select count(*)::int as n from receiving_unit`,
      );
      expect(unscoped!.n).toBe(0);
    }
    await migrateDatabase(t.database);
    const summary = await restore(t.database, file);
    expect(summary.signed).toBe(true);
    expect(await counts()).toEqual(before);
  });
});
