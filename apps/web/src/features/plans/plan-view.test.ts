import { describe, expect, it } from 'vitest';
import {
  actualByMonth,
  allIds,
  criteriaRows,
  evidenceProblem,
  fileSize,
  ganttCells,
  idsToDepth,
  nestTree,
  parseCriteriaText,
  periodLabel,
  periodOrder,
  validatePlanSearch,
} from './plan-view';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const node = (n: number, parent: number | null, kind: string, code: string) => ({
  id: id(n),
  parentId: parent === null ? null : id(parent),
  kind: kind as 'goal',
  code,
  nameTh: `n${n}`,
  nameEn: '',
  totalBaht: '0.00',
  budgetBaht: '0.00',
  ceilingBaht: null,
  responsibleDivision: '',
  version: null,
  warnings: [],
});

describe('nestTree', () => {
  const tree = {
    nodes: [
      node(4, 2, 'project', '1'),
      node(2, 1, 'measure', '7.2-M10'),
      node(3, 1, 'measure', '7.2-M2'),
      node(1, null, 'goal', '7.2'),
      node(5, 1, 'mission_task', '1'),
      node(6, 99, 'activity', '2'), // parent not in the list: a root
    ],
    indicators: [{ nodeId: id(3), code: 'x' }],
    workPlans: [{ projectId: id(6), steps: [] }],
  } as never;

  it('nests by parent, orders by kind then code (numerically), attaches indicators and work plans', () => {
    const f = nestTree(tree);
    expect(f.map((i) => i.node.id)).toEqual([id(1), id(6)]);
    const goal = f[0]!;
    expect(goal.children.map((c) => c.node.code)).toEqual(['7.2-M2', '7.2-M10', '1']);
    expect(goal.children[0]!.indicators).toHaveLength(1);
    expect(goal.children[1]!.children[0]!.depth).toBe(2);
    expect(f[1]!.workPlan).not.toBeNull();
    expect(allIds(f)).toHaveLength(6);
    expect(idsToDepth(f, 0)).toEqual([id(1), id(6)]);
  });

  it('never loops on a cycle', () => {
    const cyclic = {
      nodes: [node(1, 2, 'goal', 'a'), node(2, 1, 'goal', 'b')],
      indicators: [],
      workPlans: [],
    } as never;
    expect(allIds(nestTree(cyclic)).length).toBeLessThanOrEqual(2);
  });
});

describe('periods', () => {
  it.each([
    [{ periodKind: 'month', periodNo: 1, fiscalYear: 2565 }, 'th', 'ต.ค. 2564'],
    [{ periodKind: 'month', periodNo: 4, fiscalYear: 2565 }, 'th', 'ม.ค. 2565'],
    [{ periodKind: 'month', periodNo: 12, fiscalYear: 2565 }, 'en', 'Sep 2022'],
    [{ periodKind: 'quarter', periodNo: 2 }, 'th', 'ไตรมาส 2'],
    [{ periodKind: 'year', periodNo: 0 }, 'th', 'ทั้งปี'],
  ] as const)('%o in %s is %s', (p, lang, want) => {
    expect(periodLabel(p, lang)).toBe(want);
  });

  it('orders months, quarters and the year', () => {
    const ps = [
      { periodKind: 'year', periodNo: 0 },
      { periodKind: 'quarter', periodNo: 1 },
      { periodKind: 'month', periodNo: 4 },
      { periodKind: 'month', periodNo: 3 },
    ] as const;
    expect(
      [...ps].sort((a, b) => periodOrder(a) - periodOrder(b)).map((p) => p.periodKind),
    ).toEqual(['month', 'quarter', 'month', 'year']);
  });
});

describe('work plans', () => {
  it('draws a step across its planned months only', () => {
    expect(ganttCells([3, 4, 12])).toEqual([
      false,
      false,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
  });
  it('gives actual progress where entered and null elsewhere (no guessing)', () => {
    const a = actualByMonth([
      { fiscalMonth: 2, actualCumulative: '20', comment: '', version: 1 },
      { fiscalMonth: 5, actualCumulative: '42.5', comment: '', version: 1 },
    ]);
    expect(a[1]).toBe(20);
    expect(a[4]).toBe(42.5);
    expect(a.filter((v) => v === null)).toHaveLength(10);
  });
});

describe('evidence', () => {
  const types = ['application/pdf'];
  it.each([
    [{ size: 0, type: 'application/pdf' }, 'empty'],
    [{ size: 11, type: 'application/pdf' }, 'too_large'],
    [{ size: 5, type: 'image/gif' }, 'type'],
    [{ size: 10, type: 'application/pdf' }, null],
  ] as const)('%o → %s', (f, want) => {
    expect(evidenceProblem(f, 10, types)).toBe(want);
  });
  it('sizes in words', () => {
    expect(fileSize(812)).toBe('812 B');
    expect(fileSize(12_700)).toBe('12.4 KB');
    expect(fileSize(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});

describe('parseCriteriaText', () => {
  it('accepts an object only', () => {
    expect(parseCriteriaText('{"kind":"milestone"}')).toEqual({
      ok: true,
      value: { kind: 'milestone' },
    });
    expect(parseCriteriaText('[1]').ok).toBe(false);
    expect(parseCriteriaText('{"kind":').ok).toBe(false);
    expect(parseCriteriaText('null').ok).toBe(false);
  });
});

describe('validatePlanSearch', () => {
  it('keeps a unit id, a Buddhist-era year and a status; drops anything else', () => {
    expect(validatePlanSearch({ unitId: id(1), year: '2565', status: 'at_risk', x: 1 })).toEqual({
      unitId: id(1),
      year: 2565,
      status: 'at_risk',
    });
    expect(validatePlanSearch({ unitId: '../x', year: 2022, status: 'bad' })).toEqual({});
  });
});

describe('criteriaRows', () => {
  it('reads bands as ranges (inclusive defaults: [min, max))', () => {
    const rows = criteriaRows(
      {
        kind: 'bands',
        bands: [
          { level: 1, points: 2, max: '4.5' },
          { level: 2, points: '4', min: '4.5', max: 5, maxInclusive: true },
          { level: 3, points: 6, min: 5, minInclusive: false, label: 'ดีมาก' },
        ],
      },
      'th',
    );
    expect(rows.map((r) => r.condition)).toEqual(['< 4.5', '≥ 4.5 และ ≤ 5', '> 5 — ดีมาก']);
    expect(rows.map((r) => r.points)).toEqual(['2', '4', '6']);
  });
  it('reads milestones, steps and linear points; nothing for an unknown kind', () => {
    expect(
      criteriaRows({ kind: 'milestone', levels: [{ level: 1, points: 6 }] }, 'th')[0],
    ).toMatchObject({ no: '1', points: '6' });
    expect(
      criteriaRows({ kind: 'step_sum', steps: [{ step: 2, points: 3, label: 'x' }] }, 'en')[0],
    ).toMatchObject({ kind: 'step', condition: 'x' });
    expect(
      criteriaRows(
        {
          kind: 'linear',
          points: [
            { x: 80, score: 1 },
            { x: 100, score: 5 },
          ],
        },
        'en',
      ),
    ).toHaveLength(2);
    expect(criteriaRows({ kind: 'other' }, 'th')).toEqual([]);
    expect(criteriaRows(null, 'th')).toEqual([]);
  });
});
