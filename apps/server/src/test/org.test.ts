import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { compareThai } from '@pbis/core';
import {
  errorBodySchema,
  organizationOverviewSchema,
  unitListSchema,
  unitSchema,
  type Unit,
} from '@pbis/contract';
import { thaiOrder } from '../db/client.js';
import { receivingUnit } from '../db/schema.js';
import { SEED_UNITS } from '../seed/organization-data.js';
import { aUnit, aUser } from './factories.js';
import { auditOf, countRows, ownerRows } from './fixtures.js';
import { login, setupApp, testDatabases, type Client, type TestContext } from './harness.js';

/** The body of a 200 answer, read with the contract's schema. */
function ok<T>(res: LightMyRequestResponse, schema: { parse(v: unknown): T }): T {
  expect(res.statusCode, res.body).toBe(200);
  return schema.parse(res.json());
}
const units = async (c: Client, query = ''): Promise<Unit[]> =>
  ok(await c.get(`/api/v1/units${query}`), unitListSchema).items;
const codes = (list: Unit[]) => list.map((u) => u.code).sort();

/** The seed organisation as it is read: nothing in this block writes. */
describe.each(testDatabases())('the seed organisation on $name', (kind) => {
  let t: TestContext;
  let admin: Client;
  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.close());

  it('shows the BMA, the 8 Budget Office divisions and the units of analysis divisions 1–6', async () => {
    const org = ok(await admin.get('/api/v1/organization'), organizationOverviewSchema);
    expect(org.organization).toMatchObject({ code: 'BMA', nameTh: 'กรุงเทพมหานคร' });
    expect(org.divisions.map((d) => d.nameTh)).toEqual([
      'สำนักงานเลขานุการ',
      'สำนักงานระบบงบประมาณ',
      ...[1, 2, 3, 4, 5, 6].map((n) => `กองวิเคราะห์งบประมาณ ${n}`),
    ]);
    const analysis = org.divisions.filter((d) => d.analysisNo !== null);
    const districts = analysis.map(
      (d) => d.units.filter((u) => u.kind === 'district_office').length,
    );
    expect(districts).toEqual([9, 10, 8, 9, 7, 7]);
    const all = analysis.flatMap((d) => d.units);
    expect(all).toHaveLength(71);
    expect(codes(all)).toEqual(SEED_UNITS.map((u) => u.code).sort());
    for (const d of analysis)
      expect(d.units.every((u) => u.analysisDivisionNo === d.analysisNo)).toBe(true);
    expect(org.unassignedUnits).toEqual([]);
  });

  it('sorts units in Thai dictionary order, on the server, in both directions', async () => {
    const list = await units(admin, '?sort=nameTh');
    expect(list).toHaveLength(71);
    const names = list.map((u) => u.nameTh);
    expect(names).toEqual([...names].sort(compareThai));
    expect(names[0]).toBe('การพาณิชย์ของกรุงเทพมหานคร');
    const desc = (await units(admin, '?sort=nameTh&order=desc')).map((u) => u.nameTh);
    expect(desc).toEqual([...names].reverse());
    const byCode = (await units(admin, '?sort=code')).map((u) => u.code);
    expect(byCode.slice(0, 3)).toEqual(['1001', '1002', '1003']);
  });

  it.runIf(kind.name === 'postgres')(
    'orders Thai text in SQL in Thai dictionary order with ICU collation (PostgreSQL)',
    async () => {
      expect(t.database.thaiCollation).toBe(true);
      const rows = await ownerRows<{ name_th: string }>(
        t.database,
        sql`select name_th from ${receivingUnit} order by ${thaiOrder(t.database, receivingUnit.nameTh)}`,
      );
      const names = rows.map((r) => r.name_th);
      expect(names).toHaveLength(71);
      expect(names).toEqual([...names].sort(compareThai));
    },
  );

  it.runIf(kind.name === 'pglite')(
    'orders by the plain column on PGlite, which has no ICU collation',
    async () => {
      expect(t.database.thaiCollation).toBe(false);
      // The fallback must not name the ICU collation, which PGlite would refuse.
      const rows = await ownerRows<{ name_th: string }>(
        t.database,
        sql`select name_th from ${receivingUnit} order by ${thaiOrder(t.database, receivingUnit.nameTh)}`,
      );
      expect(rows).toHaveLength(await countRows(t.database, 'receiving_unit'));
    },
  );

  it('searches in Thai and English, and filters by kind and analysis division', async () => {
    expect((await units(admin, `?q=${encodeURIComponent('บางกอก')}`)).map((u) => u.nameTh)).toEqual(
      ['สำนักงานเขตบางกอกน้อย', 'สำนักงานเขตบางกอกใหญ่'],
    );
    expect((await units(admin, '?q=bang%20khen')).map((u) => u.code)).toEqual(['1005']);
    expect(
      (await units(admin, `?q=${encodeURIComponent('  สำนักงบประมาณ ')}`)).map((u) => u.code),
    ).toEqual(['BDO']);
    expect(await units(admin, '?kind=district_office')).toHaveLength(50);
    expect(await units(admin, '?kind=university')).toHaveLength(1);
    const second = await units(admin, '?analysisDivisionNo=2');
    expect(codes(second)).toEqual(
      SEED_UNITS.filter((u) => u.analysisNo === 2)
        .map((u) => u.code)
        .sort(),
    );
    const castle = await admin.get('/api/v1/units?kind=castle');
    expect(castle.statusCode).toBe(400);
    expect(errorBodySchema.parse(castle.json()).error.code).toBe('validation');
  });
});

/** Each test builds the units and users it needs with the factories. */
describe.each(testDatabases())('units and unit scope on $name', (kind) => {
  let t: TestContext;
  let admin: Client;
  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.close());

  it('scopes an analyst to their division and an officer to their unit, in the server', async () => {
    const mine = await aUnit().inDivision(1).create(t);
    const elsewhere = await aUnit().inDivision(2).create(t);
    const analyst = await (await aUser().analystOf(1).create(t)).signIn(t.app);
    const seen = await units(analyst);
    expect(codes(seen)).toEqual(codes(await units(admin, '?analysisDivisionNo=1')));
    expect(codes(seen)).toEqual(expect.arrayContaining([mine.code, 'DDS', 'ENV', '1001', '1045']));
    expect(codes(seen)).not.toContain(elsewhere.code);
    const org = ok(await analyst.get('/api/v1/organization'), organizationOverviewSchema);
    expect(codes(org.divisions.flatMap((d) => d.units))).toEqual(codes(seen));

    const officer = await (await aUser().officerOf(mine).create(t)).signIn(t.app);
    expect(codes(await units(officer))).toEqual([mine.code]);
    expect((await officer.get(`/api/v1/units/${elsewhere.id}`)).statusCode).toBe(404);
    expect(ok(await officer.get(`/api/v1/units/${mine.id}`), unitSchema).code).toBe(mine.code);
    expect((await analyst.get(`/api/v1/units/${mine.id}`)).statusCode).toBe(200);
    expect((await analyst.get(`/api/v1/units/${elsewhere.id}`)).statusCode).toBe(404);

    const executive = await (await aUser().executive().create(t)).signIn(t.app);
    expect(codes(await units(executive))).toEqual(codes(await units(admin)));
    expect(codes(await units(executive))).toEqual(
      expect.arrayContaining([mine.code, elsewhere.code]),
    );
  });

  it('creates and edits a unit with optimistic concurrency and an audit trail', async () => {
    const officeUser = await aUser().office().create(t);
    const office = await officeUser.signIn(t.app);
    const code = `TST-${officeUser.id.slice(0, 4)}`;
    const created = await office.request('POST', '/api/v1/units', {
      code,
      nameTh: ' สำนักทดสอบ  ระบบ ',
      nameEn: 'Test Department',
      kind: 'department',
      analysisDivisionNo: 3,
    });
    expect(created.statusCode, created.body).toBe(201);
    const unit = unitSchema.parse(created.json());
    expect(unit).toMatchObject({
      code,
      nameTh: 'สำนักทดสอบ ระบบ',
      analysisDivisionNo: 3,
      version: 1,
    });
    const sameCode = await office.request('POST', '/api/v1/units', {
      code,
      nameTh: 'อื่น',
      kind: 'department',
    });
    expect(sameCode.statusCode).toBe(409);
    const sameName = await office.request('POST', '/api/v1/units', {
      code: `${code}-2`,
      nameTh: 'สำนักทดสอบระบบ',
      kind: 'department',
    });
    expect(sameName.statusCode).toBe(409);
    const moved = await office.request('PATCH', `/api/v1/units/${unit.id}`, {
      version: 1,
      analysisDivisionNo: 5,
    });
    expect(ok(moved, unitSchema)).toMatchObject({
      analysisDivisionNo: 5,
      version: 2,
      nameEn: 'Test Department',
    });
    const stale = await office.request('PATCH', `/api/v1/units/${unit.id}`, {
      version: 1,
      nameEn: 'Stale',
    });
    expect(stale.statusCode).toBe(409);
    expect(errorBodySchema.parse(stale.json()).error.code).toBe('conflict');
    const analyst5 = await (await aUser().analystOf(5).create(t)).signIn(t.app);
    expect(codes(await units(analyst5))).toContain(code);
    const denied = await analyst5.request('PATCH', `/api/v1/units/${unit.id}`, {
      version: 2,
      nameEn: 'x',
    });
    expect(denied.statusCode).toBe(403);
    const audit = await auditOf(t.database, unit.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit.map((a) => a.username)).toEqual([officeUser.username, officeUser.username]);
    expect(audit[1]!.before!.analysisDivisionId).not.toBe(audit[1]!.after!.analysisDivisionId);
    expect(audit[1]!.after).toMatchObject({ nameEn: 'Test Department', version: 2 });
  });
});
