import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  actionPlanListSchema,
  actionPlanSchema,
  criteriaCheckSchema,
  EVIDENCE_MAX_BYTES,
  errorBodySchema,
  evidenceSchema,
  indicatorDetailSchema,
  indicatorSchema,
  planTreeSchema,
  projectSchema,
  resultSchema,
  scoresSchema,
  workPlanSchema,
} from '@pbis/contract';
import { SEED_CRITERIA } from '@pbis/core';
import { queryRows } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import { aFiscalYear, aUnit, aUser, type TestUser } from '../../test/factories.js';
import { auditOf, countRows } from '../../test/fixtures.js';
import { setupApp, testDatabases, type Client, type TestContext } from '../../test/harness.js';
import { BUDGET_OFFICE_PLAN_2565, seedDemoPlans, syntheticPlan } from './demo.js';
import { loadPlanSeed } from './seed-loader.js';
import { PDF_BYTES, uploadFile } from './test-support.js';

const reason = (res: { json(): unknown }) =>
  (errorBodySchema.parse(res.json()).error.details as { reason?: string } | undefined)?.reason;

describe.each(testDatabases())('plans, indicators, results and work plans on $name', (kind) => {
  let t: TestContext;
  let unitA: { id: string; code: string; nameTh: string };
  let unitB: { id: string; code: string; nameTh: string };
  let officerA: Client;
  let officerB: Client;
  let analyst4: Client;
  let analyst5: Client;
  let office: Client;
  let executive: Client;
  let officerAUser: TestUser;
  let tree: ReturnType<typeof planTreeSchema.parse>;

  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    unitA = await aUnit().inDivision(4).create(t);
    unitB = await aUnit().inDivision(5).create(t);
    officerAUser = await aUser().officerOf(unitA).create(t);
    officerA = await officerAUser.signIn(t.app);
    officerB = await (await aUser().officerOf(unitB).create(t)).signIn(t.app);
    analyst4 = await (await aUser().analystOf(4).create(t)).signIn(t.app);
    analyst5 = await (await aUser().analystOf(5).create(t)).signIn(t.app);
    office = await (await aUser().office().create(t)).signIn(t.app);
    executive = await (await aUser().executive().create(t)).signIn(t.app);
    expect(await loadPlanSeed(t.database, t.organizationId, syntheticPlan(unitA, 1))).toBe(true);
    expect(await loadPlanSeed(t.database, t.organizationId, syntheticPlan(unitB, 2))).toBe(true);
    expect(await loadPlanSeed(t.database, t.organizationId, BUDGET_OFFICE_PLAN_2565)).toBe(true);
  });
  afterAll(() => t?.close());

  const treeOf = async (c: Client, unitId: string, extra = '') => {
    const res = await c.get(`/api/v1/plans/tree?unitId=${unitId}&fiscalYear=2565${extra}`);
    expect(res.statusCode, res.body).toBe(200);
    return planTreeSchema.parse(res.json());
  };

  it('loading a plan twice leaves the first as it is', async () => {
    expect(await loadPlanSeed(t.database, t.organizationId, syntheticPlan(unitA, 1))).toBe(false);
    expect(await countRows(t.database, 'action_plan', sql`unit_id = ${unitA.id}`)).toBe(1);
  });

  it('the tree rolls budgets up every level, with status chips and work plans', async () => {
    tree = await treeOf(officerA, unitA.id);
    expect(tree.plan.synthetic).toBe(true);
    const kinds = tree.nodes.map((n) => n.kind);
    for (const k of ['dimension', 'sub_dimension', 'goal', 'measure', 'project', 'activity'])
      expect(kinds).toContain(k);
    const project = tree.nodes.find((n) => n.kind === 'project')!;
    const activities = tree.nodes.filter((n) => n.parentId === project.id);
    const sum = activities.reduce((s, a) => s + Number(a.totalBaht), 0);
    expect(Number(project.totalBaht)).toBe(sum);
    // every ancestor carries the same total up to the dimension
    let at = tree.nodes.find((n) => n.id === project.parentId);
    while (at) {
      expect(at.totalBaht).toBe(project.totalBaht);
      at = tree.nodes.find((n) => n.id === at!.parentId);
    }
    expect(tree.totalBaht).toBe(project.totalBaht);
    expect(tree.indicators).toHaveLength(2);
    expect(Object.values(tree.statusCounts).reduce((a, b) => a + b, 0)).toBe(2);
    expect(tree.workPlans.find((w) => w.steps.length === 3)!.plannedByMonth.at(-1)).toBe('100');
  });

  it('the Budget Office plan of the seed: 10,991,500 and 88,000 rolled up, the negotiated indicators', async () => {
    const units = (await office.get('/api/v1/units?limit=200')).json() as {
      items: { id: string; code: string }[];
    };
    const bdo = units.items.find((u) => u.code === 'BDO')!;
    const b = await treeOf(office, bdo.id, '&asOf=2022-09-30');
    expect(b.plan.synthetic).toBe(false);
    const pbis = b.nodes.find((n) => n.kind === 'project' && n.nameTh.includes('BMA PBIS'))!;
    expect(pbis.totalBaht).toBe('10991500.00');
    expect(b.nodes.find((n) => n.code === '7.2.1.1-M1')!.totalBaht).toBe('10991500.00');
    // the baseline list's 88,000-baht training item hangs on the plan's goal, not at the top:
    // the goal rolls up both, and so does every level above it
    const goal = b.nodes.find((n) => n.kind === 'goal')!;
    const b1 = b.nodes.find((n) => n.code === 'B1')!;
    expect(b1.totalBaht).toBe('88000.00');
    expect(b1.parentId).toBe(goal.id);
    expect(goal.code).toBe('7.2.1.1');
    expect(goal.totalBaht).toBe('11079500.00');
    expect(b.nodes.filter((n) => n.parentId === null).map((n) => [n.kind, n.totalBaht])).toEqual([
      ['dimension', '11079500.00'],
    ]);
    expect(b.totalBaht).toBe('11079500.00');
    expect(b.statements.find((s) => s.kind === 'vision')!.textTh).not.toBe('');
    expect(b.statements.filter((s) => s.kind === 'strength').length).toBeGreaterThan(0);
    expect(b.nodes.filter((n) => n.kind === 'mission_task')).toHaveLength(3);
    const act2 = b.workPlans.find(
      (w) => w.steps.map((s) => s.weight).join('/') === '20/20/40/10/10',
    );
    expect(act2).toBeDefined();
    // the seed's own inconsistency stays visible: activity 3's weights are cumulative
    expect(b.workPlans.flatMap((w) => w.warnings.map((x) => x.code))).toContain(
      'weights_look_cumulative',
    );
    const byCode = new Map(b.indicators.map((i) => [i.code, i]));
    expect(byCode.get('2')!.source).toBe('computed');
    expect(byCode.get('2')!.computedSource).toBe('execution.carry_over_without_obligation');
    expect(byCode.get('5.1')!.computedSource).toBe('execution.disbursement_rate');
    // no execution data in this database: the computed indicators have no result, never a guess
    expect(byCode.get('5.1')!.status).toBe('no_result');
    expect(byCode.get('1')!.target).toEqual({ kind: 'level', value: '5' });
  });

  it('the seed’s plan: every indicator and project has the code the seed uses; FY2564 agreement results as history', async () => {
    const units = (await office.get('/api/v1/units?limit=200')).json() as {
      items: { id: string; code: string }[];
    };
    const bdo = units.items.find((u) => u.code === 'BDO')!;
    const b = await treeOf(office, bdo.id, '&asOf=2022-09-30');
    // codes: the negotiated and agreement indicators by their printed number, goal indicators by
    // their goal and order; projects and activities by their measure and number there
    expect(b.indicators.map((i) => i.code).sort()).toEqual(
      ['1', '2', '3', '4', '5.1', '5.2', '7.2.1.1-G1', '7.2.1.1-G2', '7.2.1.1-G3'].sort(),
    );
    const codeOf = (id: string) => b.nodes.find((n) => n.id === id)!.code;
    const byCode = new Map(b.indicators.map((i) => [i.code, i]));
    expect(byCode.get('1')!.level).toBe('measure');
    expect(codeOf(byCode.get('1')!.nodeId)).toBe('7.2.1.1-M1');
    expect(byCode.get('7.2.1.1-G1')!.level).toBe('goal');
    expect(byCode.get('7.2.1.1-G1')!.nameTh).toContain('ระบบสารสนเทศ');
    const projects = b.nodes.filter((n) => n.kind === 'project' || n.kind === 'activity');
    expect(projects.every((p) => p.code !== '')).toBe(true);
    expect(projects.map((p) => [p.code, codeOf(p.parentId!)])).toEqual([
      ['7.2.1.1-M1-1', '7.2.1.1-M1'],
      ['7.2.1.1-M1-2', '7.2.1.1-M1'],
      ['7.2.1.1-M2-1', '7.2.1.1-M2'],
      ['7.2.1.1-M3-1', '7.2.1.1-M3'],
      ['B1', '7.2.1.1'],
    ]);
    expect(projects.find((p) => p.code === '7.2.1.1-M1-1')!.nameTh).toContain('BMA PBIS');
    // the API keeps the same rule: a project serves a measure, or a goal for what no measure lists;
    // a dimension is not an anchor
    const b1 = projects.find((p) => p.code === 'B1')!;
    const goalId = b1.parentId!;
    const dimension = b.nodes.find((n) => n.kind === 'dimension')!;
    const bad = await office.request('PATCH', `/api/v1/plans/projects/${b1.id}`, {
      measureId: dimension.id,
      version: b1.version,
    });
    expect(bad.statusCode).toBe(422);
    expect(reason(bad)).toBe('anchor_not_found');
    const ok = await office.request('PATCH', `/api/v1/plans/projects/${b1.id}`, {
      measureId: goalId,
      version: b1.version,
    });
    expect(ok.statusCode, ok.body).toBe(200);

    // the FY2564 agreement results: a result of the year on 4, 5.1 and 5.2, the value as printed.
    // The plan gives no criteria for 4 and 5.1, and 5.2's FY2565 criteria count steps, not the
    // FY2564 percentage: the engine says so (never a guessed level); the printed score and
    // weighted score are kept with the result. The 2565 tree is not touched by them.
    const detail = async (code: string) => {
      const res = await office.get(`/api/v1/plans/indicators/${byCode.get(code)!.id}`);
      expect(res.statusCode, res.body).toBe(200);
      return indicatorDetailSchema.parse(res.json());
    };
    const of2564 = async (code: string) =>
      (await detail(code)).results
        .filter((r) => r.fiscalYear === 2564)
        .map((r) => ({
          periodKind: r.periodKind,
          periodNo: r.periodNo,
          value: r.value,
          points: r.score.points,
          problem: r.score.problem?.code ?? null,
          computed: r.computed,
        }));
    const row = (value: string, problem: string) => ({
      periodKind: 'year',
      periodNo: 0,
      value,
      points: null,
      problem,
      computed: false,
    });
    expect(await of2564('5.1')).toEqual([row('97.977', 'no_criteria')]);
    expect(await of2564('5.2')).toEqual([row('100', 'result_not_scored')]);
    expect(await of2564('4')).toEqual([row('91.572', 'no_criteria')]);
    const r51 = (await detail('5.1')).results.find((r) => r.fiscalYear === 2564)!;
    expect(r51.comment).toContain('องค์ประกอบที่ 5');
    expect(r51.comment).toContain('น้ำหนัก 10');
    expect(r51.comment).toContain('คะแนนที่ได้ 92.820');
    expect(r51.comment).toContain('ค่าคะแนนถ่วงน้ำหนัก 9.282');
    const r4 = (await detail('4')).results.find((r) => r.fiscalYear === 2564)!;
    expect(r4.comment).toContain('องค์ประกอบที่ 4');
    expect(r4.comment).toContain('ค่าคะแนนถ่วงน้ำหนัก 9.157');
    // 5.1 is computed: its page shows the FY2564 result as history next to the computed year
    expect((await detail('5.1')).source).toBe('computed');
    // no other indicator has a 2564 result (components 1–2 are narrative rows, not scored)
    for (const code of ['1', '2', '3', '7.2.1.1-G1'])
      expect((await detail(code)).results.filter((r) => r.fiscalYear === 2564)).toEqual([]);
    expect(byCode.get('5.2')!.latest).toBeNull();
    expect(byCode.get('4')!.status).toBe('no_result');
  });

  it('a computed indicator takes its result from budget execution when there is some', async () => {
    const { seedDemoExecution } = await import('../execution/demo.js');
    await seedDemoExecution(t.database, t.organizationId);
    const b = await treeOf(office, unitA.id, '&asOf=2022-09-30');
    const rate = b.indicators.find((i) => i.computedSource === 'execution.disbursement_rate')!;
    const money = (
      await office.get(`/api/v1/execution/money-indicators?fiscalYear=2565&unit=${unitA.code}`)
    ).json() as { rows: { unit_code: string; disbursement_rate: string | null }[] };
    const expected = money.rows.find((r) => r.unit_code === unitA.code)!.disbursement_rate;
    expect(expected).not.toBeNull();
    expect(rate.latest).toEqual({ periodKind: 'year', periodNo: 0, value: expected });
    expect(rate.status).not.toBe('no_result');
  });

  it('filters the tree by status, keeping the branches that lead to the matches', async () => {
    const all = await treeOf(office, unitA.id);
    for (const status of ['on_track', 'at_risk', 'missed', 'no_result'] as const) {
      const f = await treeOf(office, unitA.id, `&status=${status}`);
      expect(f.indicators.every((i) => i.status === status)).toBe(true);
      expect(f.indicators).toHaveLength(all.statusCounts[status]);
      for (const i of f.indicators) expect(f.nodes.map((n) => n.id)).toContain(i.nodeId);
    }
  });

  it('scope: another unit’s officer and another division’s analyst get 404; the division’s analyst, the office and executives read', async () => {
    for (const c of [officerB, analyst5]) {
      const res = await c.get(`/api/v1/plans/tree?unitId=${unitA.id}&fiscalYear=2565`);
      expect(res.statusCode).toBe(404);
      expect(reason(res)).toBe('plan_not_found');
    }
    for (const c of [analyst4, office, executive]) await treeOf(c, unitA.id);
    const listB = actionPlanListSchema.parse((await officerB.get('/api/v1/plans')).json());
    expect(listB.items.map((p) => p.unitId)).toEqual([unitB.id]);
    const ind = tree.indicators[0]!.id;
    expect((await officerB.get(`/api/v1/plans/indicators/${ind}`)).statusCode).toBe(404);
    expect((await analyst5.get(`/api/v1/plans/indicators/${ind}`)).statusCode).toBe(404);
    expect((await analyst4.get(`/api/v1/plans/indicators/${ind}`)).statusCode).toBe(200);
  });

  it('scope on writes: another unit’s officer gets 404, an analyst 403, and nothing is written', async () => {
    const before = await countRows(t.database, 'plan_project');
    const body = { kind: 'project', nameTh: 'บุกรุก', budget: '1.00' };
    const r1 = await officerB.request('POST', `/api/v1/plans/${tree.plan.id}/projects`, body);
    expect(r1.statusCode).toBe(404);
    const r2 = await analyst4.request('POST', `/api/v1/plans/${tree.plan.id}/projects`, body);
    expect(r2.statusCode).toBe(403);
    const project = tree.nodes.find((n) => n.kind === 'project')!;
    const r3 = await officerB.request('PATCH', `/api/v1/plans/projects/${project.id}`, {
      nameTh: 'x',
      version: 1,
    });
    expect(r3.statusCode).toBe(404);
    const ind = tree.indicators.find((i) => i.source === 'entered')!;
    const r4 = await officerB.request('PUT', `/api/v1/plans/indicators/${ind.id}/results`, {
      fiscalYear: 2565,
      periodKind: 'month',
      periodNo: 5,
      value: '1',
    });
    expect(r4.statusCode).toBe(404);
    const r5 = await officerB.request('POST', '/api/v1/plans', {
      unitId: unitA.id,
      fiscalYear: 2566,
    });
    expect(r5.statusCode).toBe(404);
    expect(await countRows(t.database, 'plan_project')).toBe(before);
    expect(await countRows(t.database, 'action_plan', sql`fiscal_year = 2566`)).toBe(0);
  });

  it('row-level security: a query with no where sees only the unit’s rows in the child tables too', async () => {
    const tables = [
      'action_plan',
      'plan_project',
      'indicator',
      'indicator_target',
      'indicator_result',
      'work_plan_step',
      'work_plan_progress',
      'unit_statement',
    ];
    for (const table of tables) {
      const all = await countRows(t.database, table);
      const seenB = await withScope(t.database, officerAUser.actor, (db) =>
        queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.raw(table)}`),
      );
      expect(seenB[0]!.n, table).toBeGreaterThan(0);
      expect(seenB[0]!.n, table).toBeLessThan(all);
    }
    // outside any scope the child tables answer nothing
    for (const table of ['indicator_result', 'work_plan_step', 'evidence_file'])
      expect(await queryRows(t.database.db, sql`select * from ${sql.raw(table)}`)).toEqual([]);
  });

  it('a child that takes its parent past the fixed amount is warned where it happens', async () => {
    const project = tree.nodes.find((n) => n.kind === 'project')!;
    expect(project.ceilingBaht).toBe(project.totalBaht);
    const res = await officerA.request('POST', `/api/v1/plans/${tree.plan.id}/projects`, {
      kind: 'activity',
      parentId: project.id,
      nameTh: 'กิจกรรมที่เกินวงเงิน',
      budget: '0.01',
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = projectSchema.parse(res.json());
    expect(created.warnings).toEqual([
      expect.objectContaining({
        code: 'over_ceiling',
        parentId: project.id,
        childId: created.id,
        overBaht: '0.01',
      }),
    ]);
    const after = await treeOf(officerA, unitA.id);
    expect(after.nodes.find((n) => n.id === created.id)!.warnings).toHaveLength(1);
    expect(after.nodes.find((n) => n.id === project.id)!.warnings).toEqual([]);
    // a stale edit is 409; an edit at the right version answers the new amount
    const stale = await officerA.request('PATCH', `/api/v1/plans/projects/${created.id}`, {
      budget: '0.00',
      version: 9,
    });
    expect(stale.statusCode).toBe(409);
    expect(reason(stale)).toBe('stale_version');
    const ok = await officerA.request('PATCH', `/api/v1/plans/projects/${created.id}`, {
      budget: '0.00',
      version: 1,
    });
    expect(projectSchema.parse(ok.json()).warnings).toEqual([]);
    // a parent with children cannot go; the leaf can
    const busy = await officerA.request(
      'DELETE',
      `/api/v1/plans/projects/${project.id}?version=${project.version}`,
    );
    expect(busy.statusCode).toBe(422);
    expect(reason(busy)).toBe('still_referenced');
    const gone = await officerA.request('DELETE', `/api/v1/plans/projects/${created.id}?version=2`);
    expect(gone.statusCode).toBe(204);
    expect((await auditOf(t.database, created.id)).map((a) => a.action)).toEqual([
      'create',
      'update',
      'delete',
    ]);
  });

  it('criteria: the engine’s warnings as you type; a malformed definition is 400 invalid_criteria', async () => {
    const check = await officerA.request('POST', '/api/v1/plans/criteria/check', {
      criteria: SEED_CRITERIA['2'],
    });
    const warnings = criteriaCheckSchema.parse(check.json()).warnings;
    expect(warnings.filter((w) => w.code === 'gap').map((w) => [w.from, w.to])).toEqual([
      ['2.00', '2.01'],
      ['3.00', '3.01'],
    ]);
    const bad = await officerA.request('POST', '/api/v1/plans/criteria/check', {
      criteria: { kind: 'bands', bands: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(reason(bad)).toBe('invalid_criteria');
  });

  let bandsIndicator = '';
  it('an indicator with band criteria: saving answers the gaps; a result in a gap is reported as such', async () => {
    const goal = tree.nodes.find((n) => n.kind === 'goal')!;
    const res = await officerA.request('POST', `/api/v1/plans/${tree.plan.id}/indicators`, {
      level: 'goal',
      strategyNodeId: goal.id,
      nameTh: 'ร้อยละของเงินกันเหลื่อมปีแบบไม่มีหนี้ (ทดสอบ)',
      direction: 'lower_is_better',
      criteria: SEED_CRITERIA['2'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const ind = indicatorSchema.parse(res.json());
    bandsIndicator = ind.id;
    expect(ind.criteriaWarnings.filter((w) => w.code === 'gap')).toHaveLength(2);
    const target = await officerA.request(
      'PUT',
      `/api/v1/plans/indicators/${ind.id}/targets/2565`,
      { kind: 'numeric', value: '0' },
    );
    expect(target.statusCode, target.body).toBe(200);
    const inGap = await officerA.request('PUT', `/api/v1/plans/indicators/${ind.id}/results`, {
      fiscalYear: 2565,
      periodKind: 'month',
      periodNo: 4,
      value: '2.005',
      comment: 'ในช่องว่างของเกณฑ์',
    });
    expect(inGap.statusCode, inGap.body).toBe(200);
    const scored = resultSchema.parse(inGap.json());
    expect(scored.score.level).toBeNull();
    expect(scored.score.problem?.code).toBe('result_not_scored');
    expect(scored.score.problem?.message).toMatch(/gap/);
    // corrected, at the version read: level 3, 16 points
    const fixed = await officerA.request('PUT', `/api/v1/plans/indicators/${ind.id}/results`, {
      fiscalYear: 2565,
      periodKind: 'month',
      periodNo: 4,
      value: '2.5',
      version: scored.version,
    });
    expect(resultSchema.parse(fixed.json()).score).toMatchObject({ level: 3, points: '16' });
    const stale = await officerA.request('PUT', `/api/v1/plans/indicators/${ind.id}/results`, {
      fiscalYear: 2565,
      periodKind: 'month',
      periodNo: 4,
      value: '2.6',
    });
    expect(stale.statusCode).toBe(409);
    const scores = scoresSchema.parse(
      (await analyst4.get(`/api/v1/plans/scores?unitId=${unitA.id}&fiscalYear=2565`)).json(),
    );
    expect(scores.items.find((i) => i.indicatorId === ind.id)!.score).toMatchObject({
      level: 3,
      points: '16',
    });
    const bad = await officerA.request('PATCH', `/api/v1/plans/indicators/${ind.id}`, {
      criteria: { kind: 'nope' },
      version: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(reason(bad)).toBe('invalid_criteria');
  });

  it('results: a computed indicator refuses typed results; a period outside its kind is 400; a closed month 423', async () => {
    const computed = tree.indicators.find((i) => i.source === 'computed')!;
    const r1 = await officerA.request('PUT', `/api/v1/plans/indicators/${computed.id}/results`, {
      fiscalYear: 2565,
      periodKind: 'month',
      periodNo: 1,
      value: '50',
    });
    expect(r1.statusCode).toBe(422);
    expect(reason(r1)).toBe('indicator_computed');
    const r2 = await officerA.request('PUT', `/api/v1/plans/indicators/${bandsIndicator}/results`, {
      fiscalYear: 2565,
      periodKind: 'quarter',
      periodNo: 7,
      value: '1',
    });
    expect(r2.statusCode).toBe(400);
    expect(reason(r2)).toBe('invalid_period');
    const closed = 2601 + Math.floor(Math.random() * 150);
    await aFiscalYear(closed).withLockedMonths(2).create(t);
    const r3 = await officerA.request('PUT', `/api/v1/plans/indicators/${bandsIndicator}/results`, {
      fiscalYear: closed,
      periodKind: 'month',
      periodNo: 2,
      value: '1',
    });
    expect(r3.statusCode).toBe(423);
    expect(reason(r3)).toBe('period_locked');
  });

  describe('evidence files', () => {
    let resultId = '';
    beforeAll(async () => {
      const detail = indicatorDetailSchema.parse(
        (await officerA.get(`/api/v1/plans/indicators/${bandsIndicator}`)).json(),
      );
      resultId = detail.results[0]!.id!;
    });
    const url = () => `/api/v1/plans/results/${resultId}/evidence`;

    it('upload stores the bytes with their SHA-256; the division’s analyst downloads the same bytes; the audit trail lists both', async () => {
      const res = await uploadFile(t.app, officerA, url(), {
        bytes: PDF_BYTES,
        name: 'หลักฐาน ผลการดำเนินงาน.pdf',
        type: 'application/pdf',
      });
      expect(res.statusCode, res.body).toBe(201);
      const ev = evidenceSchema.parse(res.json());
      expect(ev.sha256).toBe(createHash('sha256').update(PDF_BYTES).digest('hex'));
      expect(ev.sizeBytes).toBe(PDF_BYTES.length);
      const down = await analyst4.get(`/api/v1/plans/evidence/${ev.id}`);
      expect(down.statusCode).toBe(200);
      expect(down.headers['content-type']).toBe('application/pdf');
      expect(down.headers['content-disposition']).toContain(
        encodeURIComponent('หลักฐาน ผลการดำเนินงาน.pdf'),
      );
      expect(Buffer.from(down.rawPayload).equals(Buffer.from(PDF_BYTES))).toBe(true);
      for (const c of [officerB, analyst5]) {
        const no = await c.get(`/api/v1/plans/evidence/${ev.id}`);
        expect(no.statusCode).toBe(404);
        expect(reason(no)).toBe('evidence_not_found');
      }
      expect((await auditOf(t.database, ev.id)).map((a) => a.action)).toEqual([
        'upload',
        'download',
      ]);
      const detail = indicatorDetailSchema.parse(
        (await analyst4.get(`/api/v1/plans/indicators/${bandsIndicator}`)).json(),
      );
      expect(detail.results[0]!.evidence.map((e) => e.id)).toContain(ev.id);
    });

    it('refuses a file over the limit (413), a type not on the list or not what it says (415), an empty one (400), another unit’s result (404) — writing nothing', async () => {
      const before = await countRows(t.database, 'evidence_file');
      const big = await uploadFile(t.app, officerA, url(), {
        bytes: new Uint8Array(EVIDENCE_MAX_BYTES + 1).fill(0x25),
        name: 'big.pdf',
        type: 'application/pdf',
      });
      expect(big.statusCode).toBe(413);
      expect(reason(big)).toBe('evidence_too_large');
      const exe = await uploadFile(t.app, officerA, url(), {
        bytes: new Uint8Array([0x4d, 0x5a, 0, 0]),
        name: 'x.exe',
        type: 'application/x-msdownload',
      });
      expect(exe.statusCode).toBe(415);
      expect(reason(exe)).toBe('evidence_type_not_allowed');
      const fake = await uploadFile(t.app, officerA, url(), {
        bytes: new TextEncoder().encode('not a pdf'),
        name: 'fake.pdf',
        type: 'application/pdf',
      });
      expect(fake.statusCode).toBe(415);
      const empty = await uploadFile(t.app, officerA, url(), {
        bytes: new Uint8Array(0),
        name: 'empty.txt',
        type: 'text/plain',
      });
      expect(empty.statusCode).toBe(400);
      const other = await uploadFile(t.app, officerB, url(), {
        bytes: PDF_BYTES,
        name: 'x.pdf',
        type: 'application/pdf',
      });
      expect(other.statusCode).toBe(404);
      const notMultipart = await officerA.request('POST', url(), { file: 'x' });
      expect(notMultipart.statusCode).toBe(400);
      expect(await countRows(t.database, 'evidence_file')).toBe(before);
    });

    it('a NUL byte or a path in the file name never gives a 500: the name is cleaned', async () => {
      const res = await uploadFile(t.app, officerA, url(), {
        bytes: new TextEncoder().encode('ผลการดำเนินงาน'),
        name: '../../etc/a\u0000b\u202e.txt',
        type: 'text/plain; charset=utf-8',
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(evidenceSchema.parse(res.json())).toMatchObject({
        fileName: 'ab.txt',
        contentType: 'text/plain',
      });
      const bad = await officerA.get('/api/v1/plans/evidence/%00');
      expect(bad.statusCode).toBeLessThan(500);
    });
  });

  it('work plans: steps replaced with the core’s warnings, monthly progress, stale versions 409', async () => {
    const act = tree.nodes.find((n) => n.kind === 'activity' && n.code === 'S1.2')!;
    const steps = await officerA.request('PUT', `/api/v1/plans/projects/${act.id}/steps`, {
      version: act.version,
      steps: [60, 70, 80, 90, 100].map((w, i) => ({
        nameTh: `ขั้นตอนที่ ${i + 1}`,
        weight: w,
        plannedCumulative: w,
        plannedMonths: [i + 1],
      })),
    });
    expect(steps.statusCode, steps.body).toBe(200);
    const wp = workPlanSchema.parse(steps.json());
    expect(wp.warnings.map((w) => w.code)).toContain('weights_look_cumulative');
    const stale = await officerA.request('PUT', `/api/v1/plans/projects/${act.id}/steps`, {
      version: act.version,
      steps: [],
    });
    expect(stale.statusCode).toBe(409);
    const p1 = await officerA.request('PUT', `/api/v1/plans/projects/${act.id}/progress/3`, {
      actualCumulative: '40',
      comment: 'ตามแผน',
    });
    expect(p1.statusCode, p1.body).toBe(200);
    expect(workPlanSchema.parse(p1.json()).progress).toEqual([
      { fiscalMonth: 3, actualCumulative: '40', comment: 'ตามแผน', version: 1 },
    ]);
    const again = await officerA.request('PUT', `/api/v1/plans/projects/${act.id}/progress/3`, {
      actualCumulative: '45',
    });
    expect(again.statusCode).toBe(409);
    const over = await officerA.request('PUT', `/api/v1/plans/projects/${act.id}/progress/4`, {
      actualCumulative: '100.5',
    });
    expect(over.statusCode).toBe(400);
    const project = tree.nodes.find((n) => n.kind === 'project')!;
    // the seed's project (not only activities) has a work plan: steps on a project are taken too
    const onProject = await officerA.request('PUT', `/api/v1/plans/projects/${project.id}/steps`, {
      version: project.version,
      steps: [{ nameTh: 'ขั้นตอนเดียว', weight: 100, plannedCumulative: 100, plannedMonths: [12] }],
    });
    expect(onProject.statusCode, onProject.body).toBe(200);
    expect(workPlanSchema.parse(onProject.json()).warnings).toEqual([]);
  });

  it('publishing is an explicit audited act; the public sees published plans only', async () => {
    const pub = (url: string) => t.app.inject({ method: 'GET', url });
    expect((await pub(`/api/v1/public/plans/${tree.plan.id}/tree`)).statusCode).toBe(404);
    const current = actionPlanSchema.parse(
      (await officerA.get(`/api/v1/plans?unitId=${unitA.id}`)).json().items[0],
    );
    const res = await officerA.request('POST', `/api/v1/plans/${tree.plan.id}/publish`, {
      version: current.version,
      published: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(actionPlanSchema.parse(res.json()).publishedAt).not.toBeNull();
    const list = actionPlanListSchema.parse((await pub('/api/v1/public/plans')).json());
    expect(list.items.map((p) => p.id)).toEqual([tree.plan.id]);
    expect((await pub(`/api/v1/public/plans/${tree.plan.id}/tree`)).statusCode).toBe(200);
    const audit = await auditOf(t.database, tree.plan.id);
    expect(audit.map((a) => a.action)).toContain('publish');
    const again = await officerA.request('POST', `/api/v1/plans/${tree.plan.id}/publish`, {
      version: current.version,
      published: false,
    });
    expect(again.statusCode).toBe(409);
  });

  it('copy forward makes a new revision in the next year and keeps the old plan', async () => {
    const src = actionPlanSchema.parse(
      (await officerA.get(`/api/v1/plans?unitId=${unitA.id}&fiscalYear=2565`)).json().items[0],
    );
    const c1 = await officerA.request('POST', `/api/v1/plans/${src.id}/copy-forward`, {
      version: src.version,
    });
    expect(c1.statusCode, c1.body).toBe(201);
    const copy1 = actionPlanSchema.parse(c1.json());
    expect(copy1).toMatchObject({ fiscalYear: 2566, revision: 1, copiedFromId: src.id });
    expect(copy1.publishedAt).toBeNull();
    const c2 = await officerA.request('POST', `/api/v1/plans/${src.id}/copy-forward`, {
      version: src.version,
    });
    const copy2 = actionPlanSchema.parse(c2.json());
    expect(copy2.revision).toBe(2);
    const all = actionPlanListSchema.parse(
      (await officerA.get(`/api/v1/plans?unitId=${unitA.id}`)).json(),
    ).items;
    expect(all.map((p) => [p.fiscalYear, p.revision, p.latest])).toEqual([
      [2565, 1, true],
      [2566, 1, false],
      [2566, 2, true],
    ]);
    const next = await officerA.get(`/api/v1/plans/tree?unitId=${unitA.id}&fiscalYear=2566`);
    const nextTree = planTreeSchema.parse(next.json());
    expect(nextTree.plan.id).toBe(copy2.id);
    const old = await treeOf(officerA, unitA.id);
    expect(nextTree.nodes.filter((n) => n.kind === 'activity').map((n) => n.nameTh)).toEqual(
      old.nodes.filter((n) => n.kind === 'activity').map((n) => n.nameTh),
    );
    expect(nextTree.indicators.map((i) => i.nameTh)).toEqual(old.indicators.map((i) => i.nameTh));
    // results stay in their year
    expect(nextTree.indicators.every((i) => i.source === 'computed' || i.latest === null)).toBe(
      true,
    );
    const dup = await officerA.request('POST', '/api/v1/plans', {
      unitId: unitA.id,
      fiscalYear: 2566,
    });
    expect(dup.statusCode).toBe(409);
    expect(reason(dup)).toBe('plan_exists');
  });

  it('the demo loads a plan for every active unit, and a second run loads none', async () => {
    const n = await seedDemoPlans(t.database, t.organizationId);
    expect(n).toBeGreaterThan(0);
    expect(await seedDemoPlans(t.database, t.organizationId)).toBe(0);
    const units = await countRows(t.database, 'receiving_unit', sql`active`);
    expect(await countRows(t.database, 'action_plan', sql`fiscal_year = 2565`)).toBe(units);
    expect(
      await countRows(t.database, 'action_plan', sql`fiscal_year = 2565 and not synthetic`),
    ).toBe(1);
  });
});
