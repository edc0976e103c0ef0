/**
 * Transfers between budget lines (โอนเปลี่ยนแปลง): who must approve one, whether the approver may,
 * and applying approved transfers to the lines' budgets after transfers. A transfer never takes a
 * line below what is committed on it (SPEC §3 "transfers").
 */
import { AppError } from '../errors.js';
import { formatBaht } from '../money.js';
import type { Role } from '../roles.js';
import type { ExpenseCategory } from './budget-vocabulary.js';

/**
 * A rule naming who approves the transfers it matches. Every field given must match: the source
 * and target category, whether the transfer crosses units, and amount ≥ `minAmountSatang`. A rule
 * with none of them matches every transfer (a catch-all).
 */
export interface TransferRule {
  fromCategory?: ExpenseCategory;
  toCategory?: ExpenseCategory;
  crossUnit?: boolean;
  minAmountSatang?: bigint;
  approverRole: Role;
  label: string;
}

/** What the rules look at in a transfer. */
export interface TransferFacts {
  fromCategory: ExpenseCategory;
  toCategory: ExpenseCategory;
  crossUnit: boolean;
  amountSatang: bigint;
}

/**
 * The default rules (data; an organisation may replace them): into capital, across units, or of
 * 1,000,000 baht or more → the Budget Office; any other transfer within a unit → the budget
 * analyst of the unit's analysis division (the catch-all).
 */
export const DEFAULT_TRANSFER_RULES: readonly TransferRule[] = [
  {
    toCategory: 'capital',
    approverRole: 'budget_office',
    label: 'a transfer into capital (งบลงทุน)',
  },
  { crossUnit: true, approverRole: 'budget_office', label: 'a transfer between receiving units' },
  {
    minAmountSatang: 100_000_000n,
    approverRole: 'budget_office',
    label: 'a transfer of 1,000,000 baht or more',
  },
  {
    approverRole: 'budget_analyst',
    label: "a transfer within a unit: the unit's analysis division",
  },
];

/** How strict each approving role is; admin approves anything but is never required. */
const RANK: Partial<Record<Role, number>> = {
  unit_officer: 1,
  budget_analyst: 2,
  budget_office: 3,
};
const ADMIN_RANK = 4;

/** Whether a rule matches a transfer. */
export function ruleMatches(rule: TransferRule, t: TransferFacts): boolean {
  return (
    (rule.fromCategory === undefined || rule.fromCategory === t.fromCategory) &&
    (rule.toCategory === undefined || rule.toCategory === t.toCategory) &&
    (rule.crossUnit === undefined || rule.crossUnit === t.crossUnit) &&
    (rule.minAmountSatang === undefined || t.amountSatang >= rule.minAmountSatang)
  );
}

/**
 * The role that must approve a transfer and every rule that matched it: of the matching rules the
 * strictest role wins (budget_office > budget_analyst > unit_officer). A rule naming another role
 * (admin, executive) is AppError('validation'). If no rule matches — a rule set without a
 * catch-all — the Budget Office must approve (fail closed) and `rules` is empty.
 */
export function approverFor(
  rules: readonly TransferRule[],
  t: TransferFacts,
): { role: Role; rules: TransferRule[] } {
  for (const r of rules) {
    if (RANK[r.approverRole] === undefined) {
      throw new AppError(
        'validation',
        `transfer rule "${r.label}" names ${r.approverRole}, which never approves transfers`,
      );
    }
  }
  const matched = rules.filter((r) => ruleMatches(r, t));
  let role: Role = 'budget_office';
  let rank = 0;
  for (const r of matched) {
    const k = RANK[r.approverRole]!;
    if (k > rank) [role, rank] = [r.approverRole, k];
  }
  return { role, rules: matched };
}

/**
 * Whether `actor` may approve a request that needs `required`: never the maker of the request;
 * otherwise a role at least as strict (budget_office may approve what budget_analyst may; admin
 * anything). Executives approve nothing. Scope (the analyst's division) is checked by the server.
 */
export function canApprove(
  actor: { role: Role; userId: string },
  request: { requestedBy: string },
  required: Role,
): boolean {
  if (actor.userId === request.requestedBy) return false;
  const need = RANK[required];
  const have = actor.role === 'admin' ? ADMIN_RANK : (RANK[actor.role] ?? 0);
  return need !== undefined && have >= need;
}

/**
 * Why `amountSatang` cannot be transferred out of a line, or null when it can: the amount must be
 * more than 0 and leave at least what is committed (reserved, obligated, disbursed) on the line.
 */
export function transferProblem(
  line: { revisedSatang: bigint; committedSatang: bigint },
  amountSatang: bigint,
): string | null {
  if (amountSatang <= 0n)
    return `a transfer amount must be more than 0, got ${formatBaht(amountSatang)}`;
  if (line.revisedSatang - amountSatang < line.committedSatang) {
    const most = line.revisedSatang - line.committedSatang;
    return (
      `the line has ${formatBaht(line.revisedSatang)} baht after transfers of which ` +
      `${formatBaht(line.committedSatang)} is committed: at most ${formatBaht(most > 0n ? most : 0n)} ` +
      `baht can be transferred out, not ${formatBaht(amountSatang)}`
    );
  }
  return null;
}

/** A transfer between two lines. */
export interface LineTransfer {
  fromLineId: string;
  toLineId: string;
  amountSatang: bigint;
}

/**
 * Applies transfers in order to budgets after transfers (`balances`, by line id), without
 * changing the input. A transfer is refused — skipped, and listed with its index and reason —
 * when a line is unknown, both lines are the same, or `transferProblem` objects (against
 * `committed`, by line id, 0 where absent). The total of all lines never changes.
 */
export function applyTransfers(
  balances: ReadonlyMap<string, bigint>,
  transfers: readonly LineTransfer[],
  committed: ReadonlyMap<string, bigint> = new Map(),
): { balances: Map<string, bigint>; refused: { index: number; reason: string }[] } {
  const out = new Map(balances);
  const refused: { index: number; reason: string }[] = [];
  transfers.forEach((t, index) => {
    const from = out.get(t.fromLineId);
    const to = out.get(t.toLineId);
    let reason: string | null;
    if (from === undefined) reason = `unknown line ${t.fromLineId}`;
    else if (to === undefined) reason = `unknown line ${t.toLineId}`;
    else if (t.fromLineId === t.toLineId) reason = 'a transfer from a line to itself';
    else {
      const committedSatang = committed.get(t.fromLineId) ?? 0n;
      reason = transferProblem({ revisedSatang: from, committedSatang }, t.amountSatang);
    }
    if (reason !== null) {
      refused.push({ index, reason });
      return;
    }
    out.set(t.fromLineId, from! - t.amountSatang);
    out.set(t.toLineId, to! + t.amountSatang);
  });
  return { balances: out, refused };
}
