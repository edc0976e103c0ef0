import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.js';
import { receivingUnit } from '../db/schema.js';
import { withScope } from '../db/scoped.js';
import { aUnit, aUser, type TestUser } from './factories.js';
import { ownerRows } from './fixtures.js';
import { setupApp, testDatabases, type TestContext } from './harness.js';

/*
 * PostgreSQL's read pool (db/client.ts) keeps each connection's scope for its session. A
 * connection the server drops (a restart, an administrator's terminate) must neither crash the
 * process nor leave a read in a wrong scope: the pool replaces it, and the new connection gets
 * its scope set again before its first read.
 */
const postgres = testDatabases().filter((k) => k.name === 'postgres');

describe.runIf(postgres.length > 0)('the read pool after dropped connections', () => {
  let t: TestContext;
  let officer: TestUser;
  let ward: { id: string };

  beforeAll(async () => {
    t = await setupApp(postgres[0]!, { demo: false });
    ward = await aUnit().inDivision(1).create(t);
    await aUnit().inDivision(1).create(t);
    officer = await aUser().officerOf(ward).create(t);
  });
  afterAll(() => t?.close());

  const unitsSeen = () =>
    withScope(t.database, officer.actor, (db) =>
      db.select({ id: receivingUnit.id }).from(receivingUnit),
    );

  it('answers in the right scope once the server has dropped every connection', async () => {
    // Warm several read connections, all in the officer's scope.
    await Promise.all(Array.from({ length: 6 }, unitsSeen));
    const [killed] = await ownerRows<{ n: number }>(
      t.database,
      sql`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()`,
    );
    expect(killed!.n).toBeGreaterThanOrEqual(1);
    // The pool learns of the closed sockets; a read that still gets a dying one fails cleanly.
    await new Promise((r) => setTimeout(r, 200));
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, unitsSeen));
    for (const o of outcomes)
      if (o.status === 'fulfilled') expect(o.value.map((u) => u.id)).toEqual([ward.id]);
    // And after that, every read answers, in scope.
    for (let i = 0; i < 6; i++) expect((await unitsSeen()).map((u) => u.id)).toEqual([ward.id]);
    // Nothing outside a scope sees a row, on a fresh connection of the main pool either.
    expect(await queryRows(t.database.db, sql`select id from receiving_unit`)).toEqual([]);
  });
});
