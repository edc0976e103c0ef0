import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport, type ImportOptions } from '../modules/imports/pipeline.js';
import { importKind } from '../modules/imports/registry.js';
import { countRows, csvText, ownerRows, UNIT_COLUMNS, utf8 } from './fixtures.js';
import { setupApp, testDatabases, type TestContext } from './harness.js';

/*
 * Files as large as real ones (security review findings 5 and 6): thousands of rows are checked
 * against thousands of units without stalling the server, and 20,000 rows are written in one
 * transaction. The server answers GET /api/v1/health over real HTTP all the while.
 */
const units = importKind('units');

// Names that share a long prefix, like real ones (สำนักงานเขต…), and differ in coded syllables:
// each digit is three letters no other digit uses, so two names are at least 3 edits apart.
const LETTERS = 'กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภม';
const syllable = (d: number) => LETTERS[d]! + LETTERS[d + 10]! + LETTERS[d + 20]!;
const nameOf = (n: number) =>
  `หน่วยทดสอบ${String(n).padStart(5, '0').split('').map(Number).map(syllable).join('')}`;
const file = (from: number, count: number) =>
  utf8(
    csvText([
      UNIT_COLUMNS,
      ...Array.from({ length: count }, (_, i) => [
        `L${from + i}`,
        nameOf(from + i),
        '',
        '',
        '',
        '',
      ]),
    ]),
  );

describe.each(testDatabases())('large imports on $name', (dbKind) => {
  let t: TestContext;
  let base: string;
  beforeAll(async () => {
    t = await setupApp(dbKind);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  const run = (bytes: Uint8Array, name: string, options: ImportOptions = {}) =>
    runImport(t.database, t.system, units, { bytes, name }, options);

  /**
   * Runs `work` while asking GET /api/v1/health every 50 ms; a request's latency counts from when
   * it was due, so an event loop too busy to send it counts too.
   */
  async function whilePolling<T>(work: () => Promise<T>) {
    let polling = true;
    let worst = 0;
    let polls = 0;
    const poller = (async () => {
      let due = performance.now();
      while (polling) {
        const res = await fetch(`${base}/api/v1/health`);
        expect(res.status).toBe(200);
        await res.text();
        const end = performance.now();
        worst = Math.max(worst, end - due);
        polls += 1;
        due = end + 50;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const started = performance.now();
    try {
      const result = await work();
      const seconds = (performance.now() - started) / 1000;
      polling = false;
      await poller; // the request still waiting counts too
      return { result, seconds, worst, polls };
    } finally {
      polling = false;
      await poller;
    }
  }

  it('checks 5,000 rows against 5,000 units in seconds, and /health answers meanwhile', async () => {
    expect(await run(file(0, 5000), 'existing.csv')).toMatchObject({ created: 5000 });
    const dry = await whilePolling(() => run(file(50_000, 5000), 'dry.csv', { dryRun: true }));
    console.info(
      `${dbKind.name}: dry run of 5,000 rows against 5,000 units ${dry.seconds.toFixed(2)} s, worst /health ${Math.round(dry.worst)} ms over ${dry.polls} requests`,
    );
    expect(dry.result).toMatchObject({ rows: 5000, dry_run: true, created: 0 });
    expect(dry.worst).toBeLessThan(2000);
    expect(dry.seconds).toBeLessThan(20);
    // The index finds the near miss among them all.
    await expect(
      run(
        utf8(csvText([UNIT_COLUMNS, ['NEAR1', nameOf(4321).slice(0, -1), '', '', '', '']])),
        'n.csv',
      ),
    ).rejects.toMatchObject({
      issues: [
        { line: 2, reason: expect.stringContaining(`existing unit L4321 "${nameOf(4321)}"`) },
      ],
    });
  });

  it('imports 20,000 units and their audit entries in one transaction', async () => {
    const auditBefore = await countRows(t.database, 'audit_log');
    const big = await whilePolling(() => run(file(100_000, 20_000), 'big.csv'));
    console.info(
      `${dbKind.name}: import of 20,000 units ${big.seconds.toFixed(2)} s, worst /health ${Math.round(big.worst)} ms over ${big.polls} requests`,
    );
    expect(big.result).toMatchObject({ rows: 20_000, created: 20_000, updated: 0 });
    expect(big.seconds).toBeLessThan(25); // one INSERT per row took 38 s on PGlite
    expect(
      await countRows(t.database, 'receiving_unit', sql`code like 'L1%' and length(code) = 7`),
    ).toBe(20_000);
    expect(await countRows(t.database, 'audit_log')).toBe(auditBefore + 20_001);
    // PGlite has one connection: /health waits for the import's transaction to commit.
    if (dbKind.name === 'postgres') expect(big.worst).toBeLessThan(2000);
    // Every one of them changed: 20,000 updates, in statements of many rows.
    const changed = utf8(
      csvText([
        UNIT_COLUMNS,
        ...Array.from({ length: 20_000 }, (_, i) => [
          `L${100_000 + i}`,
          nameOf(100_000 + i),
          `U${i}`,
          '',
          '',
          '',
        ]),
      ]),
    );
    const started = performance.now();
    expect(await run(changed, 'changed.csv')).toMatchObject({ updated: 20_000, created: 0 });
    expect(performance.now() - started).toBeLessThan(25_000);
    const [one] = await ownerRows<{ name_en: string; version: number }>(
      t.database,
      sql`select name_en, version from receiving_unit where code = 'L119999'`,
    );
    expect(one).toEqual({ name_en: 'U19999', version: 2 });
  });
});
