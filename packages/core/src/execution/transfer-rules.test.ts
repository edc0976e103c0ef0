import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROLES, type Role } from '../roles.js';
import { EXPENSE_CATEGORIES } from './budget-vocabulary.js';
import {
  DEFAULT_TRANSFER_RULES,
  applyTransfers,
  approverFor,
  canApprove,
  transferProblem,
  type TransferFacts,
  type TransferRule,
} from './transfer-rules.js';

const MILLION_BAHT = 100_000_000n;
const within = (over: Partial<TransferFacts> = {}): TransferFacts => ({
  fromCategory: 'operating',
  toCategory: 'operating',
  crossUnit: false,
  amountSatang: 1_000_00n,
  ...over,
});

describe('approverFor with the default rules', () => {
  it.each<[string, Partial<TransferFacts>, Role, number]>([
    ['within a unit', {}, 'budget_analyst', 1],
    ['out of capital', { fromCategory: 'capital' }, 'budget_analyst', 1],
    ['into capital', { toCategory: 'capital' }, 'budget_office', 2],
    ['across units', { crossUnit: true }, 'budget_office', 2],
    ['just under a million', { amountSatang: MILLION_BAHT - 1n }, 'budget_analyst', 1],
    ['a million baht', { amountSatang: MILLION_BAHT }, 'budget_office', 2],
    [
      'all at once',
      { toCategory: 'capital', crossUnit: true, amountSatang: MILLION_BAHT },
      'budget_office',
      4,
    ],
  ])('%s → %s (%i rules)', (_, over, role, n) => {
    const got = approverFor(DEFAULT_TRANSFER_RULES, within(over));
    expect(got.role).toBe(role);
    expect(got.rules).toHaveLength(n);
    expect(got.rules.at(-1)?.approverRole).toBe('budget_analyst');
  });

  it('always matches a rule, and never requires admin', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EXPENSE_CATEGORIES),
        fc.constantFrom(...EXPENSE_CATEGORIES),
        fc.boolean(),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (fromCategory, toCategory, crossUnit, amountSatang) => {
          const got = approverFor(DEFAULT_TRANSFER_RULES, {
            fromCategory,
            toCategory,
            crossUnit,
            amountSatang,
          });
          expect(got.rules.length).toBeGreaterThan(0);
          expect(['budget_office', 'budget_analyst']).toContain(got.role);
          const office = toCategory === 'capital' || crossUnit || amountSatang >= MILLION_BAHT;
          expect(got.role).toBe(office ? 'budget_office' : 'budget_analyst');
        },
      ),
    );
  });

  it('takes the strictest of the matching rules whatever their order', () => {
    const rules: TransferRule[] = [
      { approverRole: 'unit_officer', label: 'small' },
      { fromCategory: 'other', approverRole: 'budget_office', label: 'out of other' },
      { fromCategory: 'other', approverRole: 'budget_analyst', label: 'other, analyst' },
    ];
    expect(approverFor(rules, within({ fromCategory: 'other' })).role).toBe('budget_office');
    expect(approverFor([...rules].reverse(), within({ fromCategory: 'other' })).role).toBe(
      'budget_office',
    );
    expect(approverFor(rules, within()).role).toBe('unit_officer');
  });

  it('fails closed without a catch-all and refuses a rule naming a non-approver', () => {
    expect(
      approverFor([{ crossUnit: true, approverRole: 'budget_analyst', label: 'x' }], within()),
    ).toEqual({
      role: 'budget_office',
      rules: [],
    });
    expect(() => approverFor([{ approverRole: 'admin', label: 'admins' }], within())).toThrow(
      'transfer rule "admins" names admin, which never approves transfers',
    );
  });
});

describe('canApprove', () => {
  const who = (role: Role, userId = 'approver') => ({ role, userId });
  it.each<[Role, Role, boolean]>([
    ['budget_analyst', 'budget_analyst', true],
    ['budget_office', 'budget_analyst', true],
    ['admin', 'budget_analyst', true],
    ['admin', 'budget_office', true],
    ['budget_analyst', 'budget_office', false],
    ['unit_officer', 'budget_analyst', false],
    ['unit_officer', 'unit_officer', true],
    ['executive', 'unit_officer', false],
    ['budget_office', 'budget_office', true],
    ['admin', 'executive', false],
  ])('%s approving what needs %s: %s', (role, required, want) => {
    expect(canApprove(who(role), { requestedBy: 'maker' }, required)).toBe(want);
  });
  it('never lets the maker approve their own request', () => {
    for (const role of ROLES) {
      expect(canApprove(who(role, 'maker'), { requestedBy: 'maker' }, 'unit_officer')).toBe(false);
    }
  });
});

describe('transferProblem', () => {
  it.each([
    [1_000n, 400n, 600n, null],
    [
      1_000n,
      400n,
      601n,
      'the line has 10.00 baht after transfers of which 4.00 is committed: at most 6.00 baht can be transferred out, not 6.01',
    ],
    [
      100n,
      150n,
      1n,
      'the line has 1.00 baht after transfers of which 1.50 is committed: at most 0.00 baht can be transferred out, not 0.01',
    ],
    [1_000n, 0n, 0n, 'a transfer amount must be more than 0, got 0.00'],
    [1_000n, 0n, -5n, 'a transfer amount must be more than 0, got -0.05'],
    [1_000n, 0n, 1_000n, null],
  ])('revised %s, committed %s, amount %s', (revisedSatang, committedSatang, amount, want) => {
    expect(transferProblem({ revisedSatang, committedSatang }, amount)).toBe(want);
  });
});

describe('applyTransfers', () => {
  it('moves money, refuses what it must, and leaves the input alone', () => {
    const balances = new Map([
      ['a', 1_000n],
      ['b', 500n],
    ]);
    const got = applyTransfers(
      balances,
      [
        { fromLineId: 'a', toLineId: 'b', amountSatang: 300n },
        { fromLineId: 'a', toLineId: 'b', amountSatang: 500n },
        { fromLineId: 'a', toLineId: 'a', amountSatang: 1n },
        { fromLineId: 'x', toLineId: 'b', amountSatang: 1n },
        { fromLineId: 'b', toLineId: 'y', amountSatang: 1n },
        { fromLineId: 'b', toLineId: 'a', amountSatang: 100n },
      ],
      new Map([['a', 300n]]),
    );
    expect(got.balances).toEqual(
      new Map([
        ['a', 800n],
        ['b', 700n],
      ]),
    );
    expect(got.refused.map((r) => r.index)).toEqual([1, 2, 3, 4]);
    expect(got.refused[0]!.reason).toMatch(/at most 4.00 baht/);
    expect(got.refused.slice(1).map((r) => r.reason)).toEqual([
      'a transfer from a line to itself',
      'unknown line x',
      'unknown line y',
    ]);
    expect(balances.get('a')).toBe(1_000n);
  });

  const ids = ['a', 'b', 'c', 'd'];
  const world = fc.record({
    revised: fc.array(fc.bigInt({ min: 0n, max: 10_000n }), { minLength: 4, maxLength: 4 }),
    committedShare: fc.array(fc.bigInt({ min: 0n, max: 100n }), { minLength: 4, maxLength: 4 }),
    transfers: fc.array(
      fc.record({
        fromLineId: fc.constantFrom(...ids, 'zz'),
        toLineId: fc.constantFrom(...ids),
        amountSatang: fc.bigInt({ min: -100n, max: 8_000n }),
      }),
      { maxLength: 20 },
    ),
  });

  it('never changes the total and never takes a line below what is committed on it', () => {
    fc.assert(
      fc.property(world, ({ revised, committedShare, transfers }) => {
        const balances = new Map(ids.map((id, i) => [id, revised[i]!]));
        const committed = new Map(
          ids.map((id, i) => [id, (revised[i]! * committedShare[i]!) / 100n]),
        );
        const { balances: after, refused } = applyTransfers(balances, transfers, committed);
        const total = (m: Map<string, bigint>) => [...m.values()].reduce((s, v) => s + v, 0n);
        expect(total(after)).toBe(total(balances));
        for (const id of ids) expect(after.get(id)! >= committed.get(id)!).toBe(true);
        // each refusal is a transfer that would have broken a rule at its turn
        const replay = new Map(balances);
        const refusedAt = new Set(refused.map((r) => r.index));
        transfers.forEach((t, i) => {
          const from = replay.get(t.fromLineId);
          const bad =
            from === undefined ||
            t.fromLineId === t.toLineId ||
            transferProblem(
              { revisedSatang: from, committedSatang: committed.get(t.fromLineId)! },
              t.amountSatang,
            ) !== null;
          expect(refusedAt.has(i)).toBe(bad);
          if (!bad) {
            replay.set(t.fromLineId, from - t.amountSatang);
            replay.set(t.toLineId, replay.get(t.toLineId)! + t.amountSatang);
          }
        });
        expect(replay).toEqual(after);
      }),
    );
  });
});
