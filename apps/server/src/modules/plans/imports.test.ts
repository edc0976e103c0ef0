import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@pbis/core';
import { queryRows } from '../../db/client.js';
import { withSystemScope } from '../../db/scoped.js';
import { aUnit, aUser, type TestUser } from '../../test/factories.js';
import { csvText, snapshot, utf8, windows874, withBom } from '../../test/fixtures.js';
import { setupApp, testDatabases, type TestContext } from '../../test/harness.js';
import { exportKind } from '../imports/export.js';
import { ImportRejected, runImport, type ImportOptions } from '../imports/pipeline.js';
import { importKind } from '../imports/registry.js';
import type { Actor } from '../auth/actor.js';
import { BUDGET_OFFICE_PLAN_2565, syntheticPlan } from './demo.js';
import { INDICATORS_COLUMNS, PLANS_COLUMNS, RESULTS_COLUMNS } from './imports.js';
import { loadPlanSeed } from './seed-loader.js';

const row = (columns: readonly string[], values: Record<string, string>) =>
  columns.map((c) => values[c] ?? '');
const file = (columns: readonly string[], rows: Record<string, string>[]) =>
  withBom(utf8(csvText([[...columns], ...rows.map((r) => row(columns, r))])));

describe.each(testDatabases())('plans, indicators and results files on $name', (kind) => {
  let t: TestContext;
  let unitA: { id: string; code: string; nameTh: string };
  let office: TestUser;
  let officerA: TestUser;
  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    unitA = await aUnit().inDivision(4).create(t);
    await loadPlanSeed(t.database, t.organizationId, BUDGET_OFFICE_PLAN_2565);
    await loadPlanSeed(t.database, t.organizationId, syntheticPlan(unitA, 7));
    office = await aUser().office().create(t);
    officerA = await aUser().officerOf(unitA).create(t);
  });
  afterAll(() => t?.close());

  let n = 0;
  const run = (
    kindName: string,
    bytes: Uint8Array,
    options: ImportOptions = {},
    actor: Actor = office.actor,
  ) => runImport(t.database, actor, importKind(kindName), { bytes, name: `f${++n}.csv` }, options);
  /** The issues of a refused file, and proof that nothing was written. */
  async function refused(kindName: string, bytes: Uint8Array, actor: Actor = office.actor) {
    const before = await snapshot(t.database);
    const e = await run(kindName, bytes, {}, actor).then(
      () => expect.fail('the file was accepted'),
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ImportRejected);
    expect(await snapshot(t.database)).toEqual(before);
    return (e as ImportRejected).issues.map((i) => `line ${i.line}: ${i.reason}`);
  }
  const exported = async (kindName: string, format: 'csv' | 'xlsx' | 'json' = 'csv') =>
    exportKind(t.database, office.actor, importKind(kindName), format, 2565);

  it('an export re-imports to the same data: nothing created or changed, CSV and XLSX', async () => {
    for (const k of ['plans', 'indicators', 'results']) {
      const csv = await exported(k);
      const lines = (JSON.parse((await exported(k, 'json')).toString()) as unknown[]).length;
      expect(lines, k).toBeGreaterThan(0);
      const again = await run(k, csv);
      expect(again, k).toMatchObject({
        kind: k,
        rows: lines,
        created: 0,
        updated: 0,
        unchanged: lines,
      });
      expect(await exported(k)).toEqual(csv);
      const xlsx = await exported(k, 'xlsx');
      const fromXlsx = await runImport(t.database, office.actor, importKind(k), {
        bytes: xlsx,
        name: `${k}.xlsx`,
      });
      expect(fromXlsx, k).toMatchObject({
        format: 'xlsx',
        created: 0,
        updated: 0,
        unchanged: lines,
      });
    }
    const plans = (await exported('plans')).toString('utf8');
    expect(plans).toContain('10991500.00');
    expect(plans.split('\n')[0]).toBe(`\uFEFF${PLANS_COLUMNS.join(',')}`);
  });

  it('re-importing an export puts changed data back; the same file twice is already imported', async () => {
    const csv = await exported('plans');
    const json = await exported('plans', 'json');
    await withSystemScope(t.database, (tx) =>
      queryRows(
        tx,
        sql`update plan_project set budget_satang = 5 where budget_satang = 1099150000`,
      ),
    );
    const back = await runImport(t.database, office.actor, importKind('plans'), {
      bytes: json,
      name: 'plans.json',
    });
    expect(back).toMatchObject({ format: 'json', updated: 1, created: 0 });
    expect(await exported('plans')).toEqual(csv);
    const twice = await run('plans', csv);
    expect(twice).toMatchObject({ already_imported: true, created: 0, updated: 0 });
  });

  it('creates projects, indicators with targets and criteria, and results; dry-run writes nothing', async () => {
    const plans = file(PLANS_COLUMNS, [
      {
        fiscal_year: '2565',
        unit_code: 'BDO',
        project_code: 'IMP-1',
        kind: 'project',
        name_th: 'โครงการนำเข้าทดสอบ',
        strategy_code: '7.2.1.1-M1',
        responsible_unit_code: 'BDO',
        responsible_division: 'สำนักงานระบบงบประมาณ',
        budget: '1,250,000.50',
        ceiling: '2,000,000.00',
      },
      {
        fiscal_year: '2565',
        unit_code: 'BDO',
        project_code: 'IMP-1.1',
        parent_code: 'IMP-1',
        kind: 'activity',
        name_th: 'กิจกรรมนำเข้าทดสอบ',
        strategy_code: '7.2.1.1-M1',
        budget: '100.00',
      },
    ]);
    const before = await snapshot(t.database);
    const dry = await run('plans', plans, { dryRun: true });
    expect(dry).toMatchObject({ kind: 'plans', rows: 2, total_baht: '1250100.50', dry_run: true });
    expect(await snapshot(t.database)).toEqual(before);
    expect(await run('plans', plans)).toMatchObject({ created: 2, updated: 0, dry_run: false });
    const criteria = JSON.stringify({
      kind: 'milestone',
      levels: [1, 2, 3, 4, 5].map((l) => ({ level: l, points: l * 6 })),
    });
    const indicators = file(INDICATORS_COLUMNS, [
      {
        fiscal_year: '2565',
        unit_code: 'BDO',
        indicator_code: 'IMP-K1',
        level: 'measure',
        anchor_code: '7.2.1.1-M1',
        name_th: 'ตัวชี้วัดนำเข้าทดสอบ',
        unit_of_measure: 'ระดับ',
        definition: 'บรรทัดหนึ่ง\nบรรทัดสอง',
        targets: JSON.stringify([
          { fiscalYear: 2564, kind: 'level', value: '3' },
          { fiscalYear: 2565, kind: 'level', value: '5', note: 'ระดับ 5' },
        ]),
        criteria,
        weight: '20',
      },
      {
        fiscal_year: '2565',
        unit_code: 'BDO',
        indicator_code: 'IMP-K2',
        level: 'mission_task',
        anchor_code: '1',
        name_th: 'ตัวชี้วัดภารกิจนำเข้า',
        direction: 'lower_is_better',
      },
    ]);
    expect(await run('indicators', indicators)).toMatchObject({ created: 2, updated: 0 });
    const results = file(RESULTS_COLUMNS, [
      {
        fiscal_year: '2565',
        unit_code: 'BDO',
        indicator_code: 'IMP-K1',
        period_kind: 'quarter',
        period_no: '1',
        value: '2',
        comment: 'ไตรมาสแรก',
      },
      {
        fiscal_year: '2565',
        unit_code: 'BDO',
        indicator_code: 'IMP-K1',
        period_kind: 'year',
        value: '4',
      },
      {
        fiscal_year: '2564',
        plan_year: '2565',
        unit_code: 'สำนักงบประมาณกรุงเทพมหานคร',
        indicator_code: 'IMP-K1',
        period_kind: 'month',
        period_no: '12',
        value: '3',
      },
    ]);
    expect(await run('results', results)).toMatchObject({ kind: 'results', rows: 3, created: 3 });
    const [k] = await withSystemScope(t.database, (tx) =>
      queryRows<{ n: number; targets: number; criteria: unknown }>(
        tx,
        sql`select (select count(*)::int from indicator_result r where r.indicator_id = i.id) as n,
                   (select count(*)::int from indicator_target g where g.indicator_id = i.id) as targets,
                   i.criteria
            from indicator i where i.code = 'IMP-K1'`,
      ),
    );
    expect(k).toMatchObject({ n: 3, targets: 2, criteria: JSON.parse(criteria) });
    // A changed value updates its row only; the rest is unchanged.
    const changed = file(RESULTS_COLUMNS, [
      {
        fiscal_year: '2565',
        unit_code: 'BDO',
        indicator_code: 'IMP-K1',
        period_kind: 'quarter',
        period_no: '1',
        value: '3',
        comment: 'ไตรมาสแรก',
      },
      {
        fiscal_year: '2565',
        unit_code: 'BDO',
        indicator_code: 'IMP-K1',
        period_kind: 'year',
        value: '4',
      },
    ]);
    expect(await run('results', changed)).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    // Round trip of what was created.
    for (const kindName of ['plans', 'indicators', 'results'])
      expect(await run(kindName, await exported(kindName))).toMatchObject({
        created: 0,
        updated: 0,
      });
  });

  it('five kinds of bad plan rows: every line named, nothing written', async () => {
    const issues = await refused(
      'plans',
      file(PLANS_COLUMNS, [
        { fiscal_year: '2565', unit_code: 'NOPE', kind: 'project', name_th: 'ก', budget: '1.00' },
        {
          fiscal_year: '2565',
          unit_code: 'BDO',
          kind: 'project',
          name_th: 'ข',
          budget: '1.00',
          strategy_code: '9.9.9',
        },
        { fiscal_year: '2565', unit_code: 'BDO', kind: 'project', name_th: 'ค', budget: '12,34x' },
        { fiscal_year: '2565', unit_code: 'BDO', kind: 'programme', name_th: 'ง', budget: '1.00' },
        {
          fiscal_year: '2565',
          unit_code: 'BDO',
          kind: 'project',
          name_th: 'จ',
          budget: '1.00',
          parent_code: 'ไม่มี',
        },
        {
          fiscal_year: '2565',
          unit_code: 'BDO',
          kind: 'project',
          name_th: 'ฉ',
          budget: '1.00',
          project_code: 'D1',
        },
        {
          fiscal_year: '2565',
          unit_code: 'BDO',
          kind: 'project',
          name_th: 'ช',
          budget: '1.00',
          project_code: 'D1',
        },
        { fiscal_year: '25x5', unit_code: 'BDO', kind: 'project', name_th: 'ซ', budget: '1.00' },
      ]),
    );
    expect(issues).toEqual([
      'line 2: no receiving unit has code "NOPE" (or it is outside your scope)',
      'line 3: strategy_code "9.9.9" is not a measure of the strategy registry',
      "line 4: budget: not a number: '12,34x'",
      'line 5: kind "programme" is not one of project, activity',
      'line 6: parent_code "ไม่มี" is no project of the plan or the file',
      'line 8: the same row as line 7',
      expect.stringMatching(/^line 9: fiscal_year: not a fiscal year: '25x5'/),
    ]);
  });

  it('bad indicator and result rows: criteria, targets, anchors, periods, computed indicators', async () => {
    const ind = await refused(
      'indicators',
      file(INDICATORS_COLUMNS, [
        {
          fiscal_year: '2565',
          unit_code: 'BDO',
          level: 'measure',
          anchor_code: '7.2.1.1-M1',
          name_th: 'ก',
          criteria: '{"kind":"milestone"',
        },
        {
          fiscal_year: '2565',
          unit_code: 'BDO',
          level: 'measure',
          anchor_code: '7.2.1.1-M1',
          name_th: 'ข',
          criteria: '{"kind":"bands","bands":[]}',
        },
        {
          fiscal_year: '2565',
          unit_code: 'BDO',
          level: 'measure',
          anchor_code: '7.2.1.1-M1',
          name_th: 'ค',
          targets: '[{"fiscalYear":2565,"kind":"level"}]',
        },
        {
          fiscal_year: '2565',
          unit_code: 'BDO',
          level: 'goal',
          anchor_code: '7.2.1.1-M1',
          name_th: 'ง',
        },
        {
          fiscal_year: '2565',
          unit_code: 'BDO',
          level: 'mission_task',
          anchor_code: '99',
          name_th: 'จ',
        },
        {
          fiscal_year: '2565',
          unit_code: 'BDO',
          level: 'kpi',
          anchor_code: '7.2.1.1',
          name_th: 'ฉ',
          direction: 'up',
        },
      ]),
    );
    expect(ind).toEqual([
      'line 2: criteria is not JSON (SPEC §4)',
      expect.stringMatching(/^line 3: criteria are not valid \(SPEC §4\): /),
      expect.stringMatching(/^line 4: targets\[0\]\.value/),
      'line 5: anchor_code "7.2.1.1-M1" is not a goal of the strategy registry',
      'line 6: anchor_code "99" is no mission task of the unit\'s plan for 2565',
      'line 7: level "kpi" is not one of goal, measure, mission_task',
      'line 7: direction "up" is not one of higher_is_better, lower_is_better',
    ]);
    const res = await refused(
      'results',
      file(RESULTS_COLUMNS, [
        {
          fiscal_year: '2565',
          unit_code: 'BDO',
          indicator_code: '1',
          period_kind: 'month',
          period_no: '13',
          value: '1',
        },
        {
          fiscal_year: '2565',
          unit_code: 'BDO',
          indicator_code: '2',
          period_kind: 'month',
          period_no: '1',
          value: '1',
        },
        {
          fiscal_year: '2565',
          unit_code: 'BDO',
          indicator_code: 'ไม่มี',
          period_kind: 'month',
          period_no: '1',
          value: '1',
        },
        {
          fiscal_year: '2565',
          unit_code: 'BDO',
          indicator_code: '1',
          period_kind: 'week',
          period_no: '1',
          value: '',
        },
        {
          fiscal_year: '2570',
          unit_code: 'BDO',
          indicator_code: '1',
          period_kind: 'year',
          value: '1',
        },
        {
          fiscal_year: '2565',
          unit_code: 'BDO',
          indicator_code: '1',
          period_kind: 'year',
          value: '1',
        },
        {
          fiscal_year: '2565',
          unit_code: 'BDO',
          indicator_code: '1',
          period_kind: 'year',
          period_no: '0',
          value: '2',
        },
      ]),
    );
    expect(res).toEqual([
      'line 2: period_no "13" is not a month (1–12)',
      'line 3: indicator "2" is computed from execution.carry_over_without_obligation; its results are not typed',
      'line 4: indicator_code "ไม่มี" is no indicator of BDO\'s plan for 2565',
      'line 5: period_kind "week" is not one of month, quarter, year',
      'line 5: value is empty',
      'line 6: unit BDO has no action plan for 2570 (import its plan and indicators first)',
      'line 8: the same row as line 7',
    ]);
  });

  it('reads TIS-620 (Windows-874) files', async () => {
    const text = csvText([
      [...PLANS_COLUMNS],
      row(PLANS_COLUMNS, {
        fiscal_year: '2565',
        unit_code: 'BDO',
        project_code: 'TIS-1',
        kind: 'activity',
        name_th: 'กิจกรรมภาษาไทยรหัสทีไอเอส',
        budget: '500.00',
      }),
    ]);
    expect(await run('plans', windows874(text))).toMatchObject({
      encoding: 'windows-874',
      created: 1,
      total_baht: '500.00',
    });
    const [p] = await withSystemScope(t.database, (tx) =>
      queryRows<{ name_th: string }>(
        tx,
        sql`select name_th from plan_project where code = 'TIS-1'`,
      ),
    );
    expect(p!.name_th).toBe('กิจกรรมภาษาไทยรหัสทีไอเอส');
  });

  it('scope: an officer imports results for their unit only; a unit’s results name its own indicators', async () => {
    const mine = file(RESULTS_COLUMNS, [
      {
        fiscal_year: '2565',
        unit_code: unitA.code,
        indicator_code: 'S-1',
        period_kind: 'month',
        period_no: '6',
        value: '50',
      },
    ]);
    expect(await run('results', mine, {}, officerA.actor)).toMatchObject({ created: 1 });
    const other = await refused(
      'results',
      file(RESULTS_COLUMNS, [
        {
          fiscal_year: '2565',
          unit_code: 'BDO',
          indicator_code: '1',
          period_kind: 'month',
          period_no: '6',
          value: '3',
        },
      ]),
      officerA.actor,
    );
    expect(other).toEqual([
      'line 2: no receiving unit has code "BDO" (or it is outside your scope)',
    ]);
    // As the Budget Office: unit A's row cannot reach the Budget Office's indicator 1.
    const crossed = await refused(
      'results',
      file(RESULTS_COLUMNS, [
        {
          fiscal_year: '2565',
          unit_code: unitA.code,
          indicator_code: '1',
          period_kind: 'month',
          period_no: '6',
          value: '3',
        },
      ]),
    );
    expect(crossed).toEqual([
      `line 2: indicator_code "1" is no indicator of ${unitA.code}'s plan for 2565`,
    ]);
    // The officer's export holds their unit only.
    const theirs = (
      await exportKind(t.database, officerA.actor, importKind('plans'), 'json', 2565)
    ).toString();
    expect(JSON.parse(theirs).every((r: { unit_code: string }) => r.unit_code === unitA.code)).toBe(
      true,
    );
  });

  it('an unknown kind is still refused by name', () => {
    expect(() => importKind('plan')).toThrow(AppError);
  });
});

describe.each(testDatabases())('the example files of docs/imports.md on $name', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    await loadPlanSeed(t.database, t.organizationId, BUDGET_OFFICE_PLAN_2565);
  });
  afterAll(() => t?.close());

  it('import in order: plans, indicators, results; a second time changes nothing', async () => {
    const dir = path.resolve(
      path.dirname(new URL(import.meta.url).pathname),
      '../../../../../docs/examples',
    );
    const expected = {
      plans: { rows: 3, created: 3, total_baht: '2400000.00' },
      indicators: { rows: 2, created: 2 },
      results: { rows: 3, created: 3 },
    };
    for (const [k, summary] of Object.entries(expected)) {
      const bytes = fs.readFileSync(path.join(dir, `${k}.csv`));
      expect(
        await runImport(t.database, t.system, importKind(k), { bytes, name: `${k}.csv` }),
      ).toMatchObject({ kind: k, ...summary });
      expect(
        await runImport(t.database, t.system, importKind(k), { bytes, name: `${k}.csv` }),
      ).toMatchObject({ already_imported: true });
    }
  });
});
