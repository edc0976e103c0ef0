import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { availableSatang, checkBatch, committedSatang, type LineBalance } from './availability.js';

const bal = (revised: bigint, reserved = 0n, obligated = 0n, direct = 0n): LineBalance => ({
  revisedSatang: revised,
  reservedOpenSatang: reserved,
  obligatedSatang: obligated,
  disbursedWithoutObligationSatang: direct,
});

describe('availability', () => {
  it('is the revised budget less what is reserved, obligated and disbursed without obligation', () => {
    const b = bal(1_000n, 100n, 300n, 50n);
    expect(committedSatang(b)).toBe(450n);
    expect(availableSatang(b)).toBe(550n);
    expect(availableSatang(bal(10n, 0n, 20n))).toBe(-10n);
  });

  const balances = new Map([
    ['a', bal(1_000n, 0n, 600n)],
    ['b', bal(500n)],
    ['c', bal(100n, 0n, 150n)],
  ]);
  it.each([
    ['nothing over', [{ lineId: 'a', amountSatang: 400n }], []],
    [
      'one over',
      [{ lineId: 'a', amountSatang: 401n }],
      [{ lineId: 'a', requested: 401n, available: 400n }],
    ],
    [
      'summed on a line',
      [
        { lineId: 'b', amountSatang: 300n },
        { lineId: 'a', amountSatang: 1n },
        { lineId: 'b', amountSatang: 300n },
      ],
      [{ lineId: 'b', requested: 600n, available: 500n }],
    ],
    ['a reversal on an overspent line', [{ lineId: 'c', amountSatang: -20n }], []],
    [
      'a reversal offsetting a request',
      [
        { lineId: 'b', amountSatang: 600n },
        { lineId: 'b', amountSatang: -100n },
      ],
      [],
    ],
    [
      'an unknown line',
      [{ lineId: 'z', amountSatang: 1n }],
      [{ lineId: 'z', requested: 1n, available: 0n }],
    ],
  ])('%s', (_, requests, want) => {
    expect(checkBatch(balances, requests)).toEqual(want);
  });

  it('blocks a line exactly when its net request exceeds what is available', () => {
    const amount = fc.bigInt({ min: -1_000n, max: 1_000n });
    fc.assert(
      fc.property(
        fc.array(fc.record({ lineId: fc.constantFrom('a', 'b', 'c'), amountSatang: amount }), {
          maxLength: 10,
        }),
        (requests) => {
          const over = new Map(checkBatch(balances, requests).map((o) => [o.lineId, o]));
          for (const id of ['a', 'b', 'c']) {
            const net = requests
              .filter((r) => r.lineId === id)
              .reduce((s, r) => s + r.amountSatang, 0n);
            const available = availableSatang(balances.get(id)!);
            expect(over.has(id)).toBe(net > 0n && net > available);
          }
          // reversals alone are never blocked
          expect(
            checkBatch(
              balances,
              requests.filter((r) => r.amountSatang <= 0n),
            ),
          ).toEqual([]);
        },
      ),
    );
  });
});
