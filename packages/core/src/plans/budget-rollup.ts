/**
 * Budget roll-up of a plan tree (SPEC §2.2, issue 14): a node without children carries its own
 * amount; a node with children totals their totals (its own amount is then not counted). A node
 * may fix a ceiling; the child whose running sum first takes its parent past the ceiling gets the
 * warning — where it happens, never a silent overrun. Exact on satang.
 */
import { AppError } from '../errors.js';

export interface RollupNode {
  readonly id: string;
  readonly parentId: string | null;
  /** The node's own amount (counted only when it has no children). */
  readonly amountSatang: bigint;
  /** An amount fixed on the node that its children must not exceed together; null for none. */
  readonly ceilingSatang?: bigint | null;
}

export interface CeilingWarning {
  readonly code: 'over_ceiling';
  /** The parent whose fixed amount is passed. */
  readonly parentId: string;
  /** The child that takes the parent past it (in the order given). */
  readonly childId: string;
  readonly ceilingSatang: bigint;
  /** The parent's running total once this child is counted. */
  readonly runningSatang: bigint;
  /** By how much the parent's full total exceeds the ceiling. */
  readonly overSatang: bigint;
}

export interface Rollup {
  /** Every node's total. */
  readonly totals: ReadonlyMap<string, bigint>;
  /** Warnings keyed by the child that takes its parent past its ceiling. */
  readonly warnings: readonly CeilingWarning[];
}

/**
 * Totals every node of a forest and reports ceilings passed. Children count in the order given.
 * A parent id naming no node is a root; a cycle or a repeated id is AppError('validation').
 */
export function rollUpBudget(nodes: readonly RollupNode[]): Rollup {
  const byId = new Map<string, RollupNode>();
  for (const n of nodes) {
    if (byId.has(n.id))
      throw new AppError('validation', `node ${n.id} appears twice`, { reason: 'duplicate' });
    byId.set(n.id, n);
  }
  const children = new Map<string, RollupNode[]>();
  for (const n of nodes) {
    if (n.parentId === null || !byId.has(n.parentId)) continue;
    const list = children.get(n.parentId) ?? [];
    list.push(n);
    children.set(n.parentId, list);
  }
  const totals = new Map<string, bigint>();
  const warnings: CeilingWarning[] = [];
  const state = new Map<string, 'open' | 'done'>();

  // Iterative post-order, so a deep chain cannot overflow the stack.
  for (const root of nodes) {
    if (state.get(root.id) === 'done') continue;
    const stack: { node: RollupNode; expanded: boolean }[] = [{ node: root, expanded: false }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const kids = children.get(top.node.id) ?? [];
      if (!top.expanded) {
        if (state.get(top.node.id) === 'open')
          throw new AppError('validation', `the tree has a cycle through ${top.node.id}`, {
            reason: 'violates_rule',
          });
        state.set(top.node.id, 'open');
        top.expanded = true;
        for (const k of [...kids].reverse()) {
          const s = state.get(k.id);
          if (s === 'open')
            throw new AppError('validation', `the tree has a cycle through ${k.id}`, {
              reason: 'violates_rule',
            });
          if (s !== 'done') stack.push({ node: k, expanded: false });
        }
        continue;
      }
      stack.pop();
      const n = top.node;
      if (kids.length === 0) totals.set(n.id, n.amountSatang);
      else {
        let running = 0n;
        let warned = false;
        const total = kids.reduce((s, k) => s + totals.get(k.id)!, 0n);
        for (const k of kids) {
          running += totals.get(k.id)!;
          const ceiling = n.ceilingSatang ?? null;
          if (!warned && ceiling !== null && running > ceiling) {
            warned = true;
            warnings.push({
              code: 'over_ceiling',
              parentId: n.id,
              childId: k.id,
              ceilingSatang: ceiling,
              runningSatang: running,
              overSatang: total - ceiling,
            });
          }
        }
        totals.set(n.id, total);
      }
      state.set(n.id, 'done');
    }
  }
  return { totals, warnings };
}
