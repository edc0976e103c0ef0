import type { Database } from '../db/client.js';
import { seedSyntheticTransactions } from '../modules/execution/synthetic-ledger.js';
import { err, out, UsageError } from './output.js';

/** `pbis db seed --synthetic --transactions N [--seed S]`, checked before the database opens. */
export function syntheticFlags(flags: {
  synthetic?: boolean;
  transactions?: string;
  seed?: string;
}): { transactions: number; seed: number } | undefined {
  if (!flags.synthetic) {
    if (flags.transactions !== undefined || flags.seed !== undefined)
      throw new UsageError('--transactions and --seed go with --synthetic');
    return undefined;
  }
  if (flags.transactions === undefined) throw new UsageError('--synthetic needs --transactions N');
  const whole = (name: string, v: string, max: number) => {
    if (!/^\d{1,10}$/.test(v) || Number(v) > max)
      throw new UsageError(`${name} must be a whole number from 0 to ${max}, not "${v}"`);
    return Number(v);
  };
  return {
    transactions: whole('--transactions', flags.transactions, 100_000_000),
    seed: flags.seed === undefined ? 1 : whole('--seed', flags.seed, 2 ** 31 - 1),
  };
}

export async function syntheticSeed(
  database: Database,
  organizationId: string,
  o: { transactions: number; seed: number },
): Promise<void> {
  const started = performance.now();
  const r = await seedSyntheticTransactions(database, organizationId, {
    ...o,
    onBatch: (done) => err(`synthetic ledger: ${done} of ${o.transactions}`),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  out(
    r.added
      ? `synthetic ledger (seed ${o.seed}): ${r.added} entries added (${r.obligations} obligations, ${r.disbursements} disbursements on ${r.lines} lines of FY2563–2565, labelled ข้อมูลสังเคราะห์), ${r.total} in all, in ${seconds} s`
      : `synthetic ledger (seed ${o.seed}): already ${r.total} entries, nothing added`,
  );
}
