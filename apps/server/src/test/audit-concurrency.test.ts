import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { verifyAudit } from '../modules/audit/repository.js';
import { createUnit } from '../modules/org/service.js';
import { setupApp, testDatabases, type TestContext } from './harness.js';
import { ownerRows } from './fixtures.js';

describe.each(testDatabases())('audit chain under concurrent writers on $name', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await setupApp(kind);
  });
  afterAll(() => t.close());

  it('keeps one unbroken, gap-free chain when 30 writes race', async () => {
    const writes = Array.from({ length: 30 }, (_, i) =>
      createUnit(t.database, t.system, {
        code: `RACE${i}`,
        nameTh: `หน่วยทดสอบพร้อมกัน ${String.fromCharCode(0x0e01 + i)}`,
        nameEn: '',
        kind: 'department',
        analysisDivisionNo: (i % 6) + 1,
        active: true,
      }),
    );
    const results = await Promise.allSettled(writes);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const verdict = await verifyAudit(t.database.db, t.database.keys.audit);
    expect(verdict.ok).toBe(true);
    const seqs = await ownerRows<{ seq: string | number }>(
      t.database,
      sql`select seq from audit_log order by seq`,
    );
    const numbers = seqs.map((r) => Number(r.seq));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });
});
