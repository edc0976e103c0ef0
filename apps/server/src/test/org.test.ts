import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { compareThai } from '@pbis/core';
import { thaiOrder } from '../db/client.js';
import { receivingUnit } from '../db/schema.js';
import { login, setupApp, testDatabases, type Client, type TestContext } from './harness.js';

interface Unit {
  id: string;
  code: string;
  nameTh: string;
  nameEn: string;
  kind: string;
  analysisDivisionNo: number | null;
  version: number;
}

describe.each(testDatabases())('organisation and unit scope on $name', (kind) => {
  let t: TestContext;
  let admin: Client;
  beforeAll(async () => {
    t = await setupApp(kind);
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.close());

  const units = async (c: Client, query = '') =>
    (await c.get(`/api/v1/units${query}`)).json().items as Unit[];

  it('shows the BMA, the 8 Budget Office divisions and the units of analysis divisions 1–6', async () => {
    const org = (await admin.get('/api/v1/organization')).json();
    expect(org.organization).toMatchObject({ code: 'BMA', nameTh: 'กรุงเทพมหานคร' });
    expect(org.divisions.map((d: { nameTh: string }) => d.nameTh)).toEqual([
      'สำนักงานเลขานุการ',
      'สำนักงานระบบงบประมาณ',
      ...[1, 2, 3, 4, 5, 6].map((n) => `กองวิเคราะห์งบประมาณ ${n}`),
    ]);
    const analysis = org.divisions.filter(
      (d: { analysisNo: number | null }) => d.analysisNo !== null,
    );
    const districts = analysis.map(
      (d: { units: Unit[] }) => d.units.filter((u) => u.kind === 'district_office').length,
    );
    expect(districts).toEqual([9, 10, 8, 9, 7, 7]);
    const all = analysis.flatMap((d: { units: Unit[] }) => d.units);
    expect(all).toHaveLength(71);
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

  it('orders Thai text in SQL the same way where the database has ICU collation', async () => {
    const rows = await t.database.rows<{ name_th: string }>(
      sql`select name_th from ${receivingUnit} order by ${thaiOrder(t.database, receivingUnit.nameTh)}`,
    );
    const names = rows.map((r) => r.name_th);
    if (t.database.thaiCollation) expect(names).toEqual([...names].sort(compareThai));
    else expect(kind.name).toBe('pglite');
  });

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
    expect(await units(admin, '?analysisDivisionNo=2')).toHaveLength(13);
    expect((await admin.get('/api/v1/units?kind=castle')).statusCode).toBe(400);
  });

  it('scopes an analyst to their division and an officer to their unit, in the server', async () => {
    const analyst1 = await login(t.app, 'analyst1');
    const mine = await units(analyst1);
    expect(mine.map((u) => u.code).sort()).toEqual([
      '1001',
      '1002',
      '1008',
      '1013',
      '1014',
      '1017',
      '1026',
      '1037',
      '1045',
      'DDS',
      'ENV',
    ]);
    const org = (await analyst1.get('/api/v1/organization')).json();
    expect(org.divisions.flatMap((d: { units: Unit[] }) => d.units)).toHaveLength(11);
    const officer = await login(t.app, 'officer-BDO');
    const own = await units(officer);
    expect(own.map((u) => u.code)).toEqual(['BDO']);
    const other = (await units(admin, '?q=DDS'))[0]!;
    expect((await officer.get(`/api/v1/units/${other.id}`)).statusCode).toBe(404);
    expect((await analyst1.get(`/api/v1/units/${other.id}`)).statusCode).toBe(200);
    expect((await officer.get(`/api/v1/units/${own[0]!.id}`)).statusCode).toBe(200);
    const executive = await login(t.app, 'executive');
    expect(await units(executive)).toHaveLength(71);
  });

  it('creates and edits a unit with optimistic concurrency and an audit trail', async () => {
    const office = await login(t.app, 'office');
    const created = await office.request('POST', '/api/v1/units', {
      code: 'TST',
      nameTh: ' สำนักทดสอบ  ระบบ ',
      nameEn: 'Test Department',
      kind: 'department',
      analysisDivisionNo: 3,
    });
    expect(created.statusCode).toBe(201);
    const unit = created.json() as Unit;
    expect(unit).toMatchObject({
      code: 'TST',
      nameTh: 'สำนักทดสอบ ระบบ',
      analysisDivisionNo: 3,
      version: 1,
    });
    expect(
      (
        await office.request('POST', '/api/v1/units', {
          code: 'TST',
          nameTh: 'อื่น',
          kind: 'department',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await office.request('POST', '/api/v1/units', {
          code: 'TS2',
          nameTh: 'สำนักทดสอบระบบ',
          kind: 'department',
        })
      ).statusCode,
    ).toBe(409);
    const moved = await office.request('PATCH', `/api/v1/units/${unit.id}`, {
      version: 1,
      analysisDivisionNo: 5,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      analysisDivisionNo: 5,
      version: 2,
      nameEn: 'Test Department',
    });
    const stale = await office.request('PATCH', `/api/v1/units/${unit.id}`, {
      version: 1,
      nameEn: 'Stale',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict');
    const analyst5 = await login(t.app, 'analyst5');
    expect((await units(analyst5)).map((u) => u.code)).toContain('TST');
    expect(
      (await analyst5.request('PATCH', `/api/v1/units/${unit.id}`, { version: 2, nameEn: 'x' }))
        .statusCode,
    ).toBe(403);
    const audit = (
      await admin.get(`/api/v1/audit?entity=receiving_unit&entityId=${unit.id}`)
    ).json().items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['update', 'create']);
    expect(audit[0].before.analysisDivisionId).not.toBe(audit[0].after.analysisDivisionId);
    expect(audit[0].username).toBe('office');
    const trail = (await office.get('/api/v1/audit?limit=1')).json();
    expect(trail.users.map((u: { username: string }) => u.username)).toEqual(
      expect.arrayContaining(['admin', 'office']),
    );
    expect(trail.entities).toEqual(expect.arrayContaining(['receiving_unit', 'session', 'user']));
  });
});
