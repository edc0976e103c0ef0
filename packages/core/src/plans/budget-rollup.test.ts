import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rollUpBudget, type RollupNode } from './budget-rollup.js';

const n = (id: string, parentId: string | null, amount: bigint, ceiling?: bigint): RollupNode => ({
  id,
  parentId,
  amountSatang: amount,
  ceilingSatang: ceiling ?? null,
});

describe('rollUpBudget', () => {
  it.each([
    {
      name: 'a leaf carries its own amount',
      nodes: [n('a', null, 500n)],
      totals: { a: 500n },
    },
    {
      name: 'a parent is the sum of its children, its own amount not counted',
      nodes: [n('p', null, 999n), n('c1', 'p', 100n), n('c2', 'p', 250n)],
      totals: { p: 350n, c1: 100n, c2: 250n },
    },
    {
      name: 'three levels: the seed project with its activities (10,991,500 baht)',
      nodes: [
        n('m', null, 0n),
        n('pbis', 'm', 0n),
        n('a1', 'pbis', 500_000_000n),
        n('a2', 'pbis', 599_150_000n),
        n('train', 'm', 8_800_000n),
      ],
      totals: { m: 1_107_950_000n, pbis: 1_099_150_000n, a1: 500_000_000n, a2: 599_150_000n },
    },
    {
      name: 'a parent id naming no node makes a root',
      nodes: [n('x', 'missing', 7n)],
      totals: { x: 7n },
    },
  ])('$name', ({ nodes, totals }) => {
    const r = rollUpBudget(nodes);
    for (const [id, total] of Object.entries(totals)) expect(r.totals.get(id), id).toBe(total);
    expect(r.warnings).toEqual([]);
  });

  it('warns at the child that takes its parent past the fixed amount, once', () => {
    const r = rollUpBudget([
      n('p', null, 0n, 300n),
      n('c1', 'p', 100n),
      n('c2', 'p', 150n),
      n('c3', 'p', 100n),
      n('c4', 'p', 100n),
    ]);
    expect(r.totals.get('p')).toBe(450n);
    expect(r.warnings).toEqual([
      {
        code: 'over_ceiling',
        parentId: 'p',
        childId: 'c3',
        ceilingSatang: 300n,
        runningSatang: 350n,
        overSatang: 150n,
      },
    ]);
  });

  it('exactly at the ceiling is no warning', () => {
    expect(rollUpBudget([n('p', null, 0n, 300n), n('c', 'p', 300n)]).warnings).toEqual([]);
  });

  it('refuses a cycle and a repeated id', () => {
    expect(() => rollUpBudget([n('a', 'b', 1n), n('b', 'a', 1n)])).toThrow(/cycle/);
    expect(() => rollUpBudget([n('a', 'a', 1n)])).toThrow(/cycle/);
    expect(() => rollUpBudget([n('a', null, 1n), n('a', null, 2n)])).toThrow(/twice/);
  });

  it('a deep chain does not overflow the stack', () => {
    const nodes = Array.from({ length: 20_000 }, (_, i) =>
      n(`n${i}`, i === 0 ? null : `n${i - 1}`, BigInt(i)),
    );
    expect(rollUpBudget(nodes).totals.get('n0')).toBe(19_999n);
  });

  // A random forest: node i's parent is one of nodes 0..i-1 or none.
  const forest = fc
    .array(
      fc.record({
        parent: fc.option(fc.nat(), { nil: null }),
        amount: fc.bigInt({ min: 0n, max: 10n ** 12n }),
        ceiling: fc.option(fc.bigInt({ min: 0n, max: 10n ** 12n }), { nil: null }),
      }),
      { minLength: 1, maxLength: 60 },
    )
    .map((rows) =>
      rows.map((r, i) =>
        n(
          `n${i}`,
          r.parent === null || i === 0 ? null : `n${r.parent % i}`,
          r.amount,
          r.ceiling ?? undefined,
        ),
      ),
    );

  it('property: the roots together hold exactly the leaves’ amounts', () => {
    fc.assert(
      fc.property(forest, (nodes) => {
        const r = rollUpBudget(nodes);
        const parents = new Set(nodes.map((x) => x.parentId));
        const leaves = nodes.filter((x) => !parents.has(x.id));
        const roots = nodes.filter((x) => x.parentId === null);
        const sum = (xs: RollupNode[], f: (x: RollupNode) => bigint) =>
          xs.reduce((s, x) => s + f(x), 0n);
        expect(sum(roots, (x) => r.totals.get(x.id)!)).toBe(sum(leaves, (x) => x.amountSatang));
      }),
    );
  });

  it('property: a parent gets a warning exactly when its children pass its ceiling', () => {
    fc.assert(
      fc.property(forest, (nodes) => {
        const r = rollUpBudget(nodes);
        for (const p of nodes) {
          const kids = nodes.filter((x) => x.parentId === p.id);
          const over =
            kids.length > 0 && p.ceilingSatang != null && r.totals.get(p.id)! > p.ceilingSatang;
          const warned = r.warnings.filter((w) => w.parentId === p.id);
          expect(warned.length).toBe(over ? 1 : 0);
          if (over) {
            // the child named is the first whose running sum passes the ceiling
            let running = 0n;
            const first = kids.find((k) => (running += r.totals.get(k.id)!) > p.ceilingSatang!);
            expect(warned[0]!.childId).toBe(first!.id);
          }
        }
      }),
    );
  });
});
