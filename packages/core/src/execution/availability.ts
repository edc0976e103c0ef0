/**
 * What is left to spend on a budget line, and whether a batch of entries would overspend it.
 * available = budget after transfers − open reservations − obligations − disbursements without
 * obligation (a disbursement against an obligation is already inside that obligation).
 */

/** The figures of one line that decide what is available on it. */
export interface LineBalance {
  /** Budget after transfers. */
  revisedSatang: bigint;
  /** Reservations (กันเงิน) still open: not yet turned into an obligation. */
  reservedOpenSatang: bigint;
  /** Obligations (ก่อหนี้ผูกพัน), net of cancellations. */
  obligatedSatang: bigint;
  /** Disbursements made without an obligation (e.g. salaries), net of reversals. */
  disbursedWithoutObligationSatang: bigint;
}

/** What is committed on a line: open reservations + obligations + disbursements without obligation. */
export const committedSatang = (b: LineBalance): bigint =>
  b.reservedOpenSatang + b.obligatedSatang + b.disbursedWithoutObligationSatang;

/** What is still available on a line: budget after transfers − committed. May be negative. */
export const availableSatang = (b: LineBalance): bigint => b.revisedSatang - committedSatang(b);

/** One line a batch would overspend: the batch's net request on it and what is available. */
export interface Overspend {
  lineId: string;
  requested: bigint;
  available: bigint;
}

/**
 * The lines a batch of new commitments would overspend, in the order they first appear. Requests
 * to the same line are summed (net: a reversal in the batch offsets a request); a line whose net
 * request is zero or negative is never blocked. A line missing from `balances` has nothing available.
 */
export function checkBatch(
  balances: ReadonlyMap<string, LineBalance>,
  requests: readonly { lineId: string; amountSatang: bigint }[],
): Overspend[] {
  const net = new Map<string, bigint>();
  for (const r of requests) net.set(r.lineId, (net.get(r.lineId) ?? 0n) + r.amountSatang);
  const out: Overspend[] = [];
  for (const [lineId, requested] of net) {
    if (requested <= 0n) continue;
    const b = balances.get(lineId);
    const available = b ? availableSatang(b) : 0n;
    if (requested > available) out.push({ lineId, requested, available });
  }
  return out;
}
