import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUnit, aUser, type TestUser } from './factories.js';
import { setupApp, testDatabases, type TestContext } from './harness.js';

/*
 * Database round trips per authenticated request, counted on PostgreSQL (where each is a network
 * round trip): every call of pg's Client#query is one message and one answer. The session and its
 * actor are one statement; a scoped read adds only its own queries (no BEGIN, no COMMIT, and no
 * settings statement when its connection already holds the reader's scope; db/client.ts).
 */
const postgres = testDatabases().filter((k) => k.name === 'postgres');

describe.runIf(postgres.length > 0)('round trips per request on PostgreSQL', () => {
  let t: TestContext;
  let analyst: TestUser;
  let officer: TestUser;
  let count = 0;
  const query = pg.Client.prototype.query;

  beforeAll(async () => {
    t = await setupApp(postgres[0]!, { demo: false });
    const unit = await aUnit().inDivision(2).create(t);
    await aUnit().inDivision(2).create(t);
    analyst = await aUser().analystOf(2).create(t);
    officer = await aUser().officerOf(unit).create(t);
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      count++;
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
  });
  afterAll(async () => {
    pg.Client.prototype.query = query;
    await t?.close();
  });

  /** Round trips of one GET, after the same user has made it once (connections warmed). */
  async function roundTrips(user: TestUser, url: string) {
    const c = await user.signIn(t.app);
    expect((await c.get(url)).statusCode).toBe(200);
    count = 0;
    const res = await c.get(url);
    expect(res.statusCode, res.body).toBe(200);
    return count;
  }

  it.each([
    ['/api/v1/auth/me', 1], // the session with its actor
    ['/api/v1/units', 2], // + the units
    ['/api/v1/organization', 4], // + organisation, divisions, units
  ])('%s takes %i', async (url, expected) => {
    expect(await roundTrips(analyst, url)).toBe(expected);
    expect(await roundTrips(officer, url)).toBe(expected);
  });

  it('a read after another scope’s read sets the scope once: one round trip more, not three', async () => {
    const a = await analyst.signIn(t.app);
    const o = await officer.signIn(t.app);
    await a.get('/api/v1/units');
    // Sequential requests reuse the same idle connection of the read pool, now in the analyst's scope.
    count = 0;
    expect((await o.get('/api/v1/units')).statusCode).toBe(200);
    expect(count).toBe(3);
  });
});
