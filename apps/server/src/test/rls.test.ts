import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Executor } from '../db/client.js';
import { appUser, division, receivingUnit } from '../db/schema.js';
import { withScope } from '../db/scoped.js';
import { runWrite } from '../write.js';
import { aUnit, aUser, type TestUser } from './factories.js';
import { ownerRows } from './fixtures.js';
import { setupApp, testDatabases, type TestContext } from './harness.js';

/*
 * Row-level security, the second lock behind modules/org/scope.ts (ADR 0008): queries written
 * with the scope condition deliberately left out still see only the actor's rows, on PGlite and
 * PostgreSQL alike, because the database itself filters them.
 */
describe.each(testDatabases())('row-level security on %s', (kind) => {
  let t: TestContext;
  let wardA: { id: string; analysisDivisionId: string | null };
  let wardB: { id: string; analysisDivisionId: string | null };
  let otherDivisionUnit: { id: string };
  let officerA: TestUser;
  let officerB: TestUser;
  let analyst4: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    wardA = await aUnit().inDivision(4).ofKind('district_office').create(t);
    wardB = await aUnit().inDivision(4).ofKind('district_office').create(t);
    otherDivisionUnit = await aUnit().inDivision(5).create(t);
    officerA = await aUser().officerOf(wardA).create(t);
    officerB = await aUser().officerOf(wardB).create(t);
    await aUser().officerOf(otherDivisionUnit).create(t);
    analyst4 = await aUser().analystOf(4).create(t);
    admin = await aUser().admin().create(t);
  });
  afterAll(() => t?.close());

  /** Every row of a table, with no condition at all: what a forgotten `where` would return. */
  const allUnits = (tx: Executor) => tx.select().from(receivingUnit);
  const allUsers = (tx: Executor) => tx.select().from(appUser);
  const allDivisions = (tx: Executor) => tx.select().from(division);

  it('the server queries as a role that is neither superuser nor exempt from row security', async () => {
    const [who] = await withScope(t.database, admin.actor, (tx) =>
      queryRows<{ user: string; superuser: boolean; bypass: boolean }>(
        tx,
        sql`select current_user as user, rolsuper as superuser, rolbypassrls as bypass
            from pg_roles where rolname = current_user`,
      ),
    );
    expect(who).toEqual({ user: 'pbis_app', superuser: false, bypass: false });
    // and so does a query outside any scoped transaction
    const [plain] = await queryRows<{ user: string }>(
      t.database.db,
      sql`select current_user as user`,
    );
    expect(plain!.user).toBe('pbis_app');
  });

  it('every table that carries a unit_id, and receiving_unit, forces its policies', async () => {
    const tables = await ownerRows<{
      table: string;
      rls: boolean;
      forced: boolean;
      policies: number;
    }>(
      t.database,
      sql`select c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
                 (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r'
            and (c.relname = 'receiving_unit' or exists (
              select 1 from pg_attribute a
              where a.attrelid = c.oid and a.attname = 'unit_id' and not a.attisdropped))
          order by c.relname`,
    );
    expect(tables.map((r) => r.table)).toEqual(
      expect.arrayContaining(['app_user', 'division', 'receiving_unit']),
    );
    for (const r of tables) expect(r, r.table).toMatchObject({ rls: true, forced: true });
    for (const r of tables) expect(r.policies, r.table).toBeGreaterThan(0);
  });

  it('a unit officer who forgets the where sees only their unit, its users and its analysis division', async () => {
    const units = await withScope(t.database, officerA.actor, allUnits);
    expect(units.map((u) => u.id)).toEqual([wardA.id]);
    const users = await withScope(t.database, officerA.actor, allUsers);
    expect(users.map((u) => u.username).sort()).toEqual([officerA.username]);
    const divisions = await withScope(t.database, officerA.actor, allDivisions);
    expect(divisions.map((d) => d.id)).toEqual([wardA.analysisDivisionId]);
  });

  it('an analyst who forgets the where sees only the units of their division', async () => {
    const units = await withScope(t.database, analyst4.actor, allUnits);
    expect(units.length).toBeGreaterThanOrEqual(2);
    expect(units.map((u) => u.id)).toEqual(expect.arrayContaining([wardA.id, wardB.id]));
    expect(units.every((u) => u.analysisDivisionId === wardA.analysisDivisionId)).toBe(true);
    expect(units.map((u) => u.id)).not.toContain(otherDivisionUnit.id);
    const users = await withScope(t.database, analyst4.actor, allUsers);
    expect(users.map((u) => u.username)).toEqual(
      expect.arrayContaining([analyst4.username, officerA.username, officerB.username]),
    );
    expect(users.every((u) => u.id === analyst4.id || u.unitId !== otherDivisionUnit.id)).toBe(
      true,
    );
  });

  it('all-unit roles and the system see every row', async () => {
    const all = await ownerRows<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from receiving_unit`,
    );
    for (const actor of [admin.actor, t.system]) {
      const units = await withScope(t.database, actor, allUnits);
      expect(units.length).toBe(all[0]!.n);
    }
  });

  it('outside a scoped transaction the unit-owned tables answer no rows at all', async () => {
    for (const table of ['receiving_unit', 'division', 'app_user'])
      expect(await queryRows(t.database.db, sql`select * from ${sql.raw(table)}`), table).toEqual(
        [],
      );
  });

  it('writes are held to the scope too: an update without a where changes only rows in scope', async () => {
    const changed = await runWrite(t.database, officerA.actor, ({ tx }) =>
      queryRows<{ id: string }>(tx, sql`update receiving_unit set name_en = name_en returning id`),
    );
    expect(changed.map((r) => r.id)).toEqual([wardA.id]);
    // Another unit's user cannot be reached by a write, and no row can be added to another unit.
    const other = await runWrite(t.database, officerA.actor, ({ tx }) =>
      queryRows(
        tx,
        sql`update app_user set display_name = 'x' where id = ${officerB.id} returning id`,
      ),
    );
    expect(other).toEqual([]);
    await expect(
      runWrite(t.database, officerA.actor, ({ tx }) =>
        tx.execute(
          sql`insert into app_user (organization_id, username, password_hash, role, unit_id)
              values (${t.organizationId}, 'intruder', 'x', 'unit_officer', ${wardB.id})`,
        ),
      ),
    ).rejects.toSatisfy((e: Error) =>
      /row-level security/.test(String((e.cause as Error | undefined)?.message ?? e.message)),
    );
    const [intruders] = await ownerRows<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from app_user where username = 'intruder'`,
    );
    expect(intruders!.n).toBe(0);
  });

  it('a read in scope cannot write: the database refuses it, and nothing changes', async () => {
    await expect(
      withScope(t.database, admin.actor, (db) =>
        queryRows(db, sql`update receiving_unit set name_en = 'changed by a read' returning id`),
      ),
    ).rejects.toSatisfy((e: Error) =>
      /read-only transaction/.test(String((e.cause as Error | undefined)?.message ?? e.message)),
    );
    const [changed] = await ownerRows<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from receiving_unit where name_en = 'changed by a read'`,
    );
    expect(changed!.n).toBe(0);
  });

  it('reads in different scopes at once each see their own rows, and leave nothing behind', async () => {
    // Sixty reads, three scopes interleaved, all in flight together: on PostgreSQL they share
    // the read pool's connections, which keep the last scope set on them (client.ts).
    const actors = [officerA, officerB, analyst4];
    const expected = new Map<TestUser, string[]>();
    for (const a of actors)
      expected.set(a, (await withScope(t.database, a.actor, allUnits)).map((u) => u.id).sort());
    expect(expected.get(officerA)).toEqual([wardA.id]);
    expect(expected.get(officerB)).toEqual([wardB.id]);
    const reads = Array.from({ length: 60 }, (_, i) => actors[i % 3]!).map(async (a) => ({
      a,
      ids: (await withScope(t.database, a.actor, allUnits)).map((u) => u.id).sort(),
    }));
    for (const { a, ids } of await Promise.all(reads))
      expect(ids, a.username).toEqual(expected.get(a));
    // A query outside any scope, after all of them, still sees nothing.
    expect(await queryRows(t.database.db, sql`select id from receiving_unit`)).toEqual([]);
  });

  it('a read that fails leaves its connection usable, in the right scope for the next read', async () => {
    for (let i = 0; i < 12; i++)
      await expect(
        withScope(t.database, officerA.actor, (db) => queryRows(db, sql`select 1/0`)),
      ).rejects.toThrow();
    const ids = await Promise.all(
      Array.from({ length: 12 }, () =>
        withScope(t.database, officerB.actor, allUnits).then((r) => r.map((u) => u.id)),
      ),
    );
    for (const r of ids) expect(r).toEqual([wardB.id]);
  });

  it('through HTTP, an officer listing units or the organisation sees only their unit', async () => {
    const c = await officerB.signIn(t.app);
    const units = (await c.get('/api/v1/units')).json() as { items: { id: string }[] };
    expect(units.items.map((u) => u.id)).toEqual([wardB.id]);
    const org = (await c.get('/api/v1/organization')).json() as {
      divisions: { units: { id: string }[] }[];
      unassignedUnits: { id: string }[];
    };
    const seen = [...org.divisions.flatMap((d) => d.units), ...org.unassignedUnits];
    expect(seen.map((u) => u.id)).toEqual([wardB.id]);
  });
});
