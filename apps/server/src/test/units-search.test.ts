import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitListSchema } from '@pbis/contract';
import { login, setupApp, testDatabases, type Client, type TestContext } from './harness.js';

/** GET /units?q= forgives what people type (@pbis/core forgiving-search), in the caller's scope. */
describe.each(testDatabases())('searching units on %s', (kind) => {
  let t: TestContext;
  let admin: Client;
  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t?.close());

  const names = async (q: string) => {
    const res = await admin.get(`/api/v1/units?q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBe(200);
    return unitListSchema.parse(res.json()).items.map((u) => u.nameTh);
  };

  it.each([
    ['a near miss', 'พยาไท', 'สำนักงานเขตพญาไท'],
    ['an abbreviation', 'สนง.เขตพญาไท', 'สำนักงานเขตพญาไท'],
    ['a missing tone mark', 'บางกอกนอย', 'สำนักงานเขตบางกอกน้อย'],
    ['กทม for กรุงเทพมหานคร', 'สำนักงบประมาณ กทม', 'สำนักงบประมาณกรุงเทพมหานคร'],
    ['the English name', 'budget office', 'สำนักงบประมาณกรุงเทพมหานคร'],
  ])('finds %s (%s)', async (_what, q, expected) => {
    expect(await names(q)).toContain(expected);
  });

  it('a search that matches exactly is not padded with near misses', async () => {
    expect(await names('สำนักงานเขตพญาไท')).toEqual(['สำนักงานเขตพญาไท']);
  });

  it('finds nothing for nonsense', async () => {
    expect(await names('zzqqxx')).toEqual([]);
  });
});
