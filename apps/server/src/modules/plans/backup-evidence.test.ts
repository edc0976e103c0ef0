import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { evidenceSchema, resultSchema } from '@pbis/contract';
import { backup, restore } from '../backup/service.js';
import { aUnit, aUser } from '../../test/factories.js';
import { ownerRows } from '../../test/fixtures.js';
import { setupApp, testDatabases, type TestContext } from '../../test/harness.js';
import { syntheticPlan } from './demo.js';
import { loadPlanSeed } from './seed-loader.js';
import { uploadFile } from './test-support.js';

/*
 * A backup without its evidence files is not a backup: the files' bytes (bytea) travel in the
 * backup, one row a line, and come back byte for byte — every byte value, NUL included.
 */
describe.each(testDatabases())('evidence files through backup and restore on $name', (kind) => {
  let t: TestContext;
  let dir: string;
  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pbis-evidence-'));
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restores every byte of every file, with its SHA-256', async () => {
    const unit = await aUnit().inDivision(3).create(t);
    await loadPlanSeed(t.database, t.organizationId, syntheticPlan(unit, 7));
    const user = await aUser().officerOf(unit).create(t);
    const officer = await user.signIn(t.app);
    const tree = (
      await officer.get(`/api/v1/plans/tree?unitId=${unit.id}&fiscalYear=2565`)
    ).json() as {
      indicators: { id: string; source: string }[];
    };
    const ind = tree.indicators.find((i) => i.source === 'entered')!;
    const res = await officer.request('PUT', `/api/v1/plans/indicators/${ind.id}/results`, {
      fiscalYear: 2565,
      periodKind: 'month',
      periodNo: 6,
      value: '50',
    });
    const result = resultSchema.parse(res.json());
    const every = Uint8Array.from({ length: 512 }, (_, i) => i % 256);
    const files = [
      { bytes: every, name: 'ทุกไบต์.txt', type: 'text/plain' },
      {
        bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0x5c, 0x78, 0x22, 0x27, 0]),
        name: 'ภาพ.png',
        type: 'image/png',
      },
    ];
    const uploaded = [];
    for (const f of files) {
      const up = await uploadFile(t.app, officer, `/api/v1/plans/results/${result.id}/evidence`, f);
      expect(up.statusCode, up.body).toBe(201);
      uploaded.push(evidenceSchema.parse(up.json()));
    }
    const file = path.join(dir, 'with-evidence.jsonl.gz');
    await backup(t.database, file);
    // The copy in the database is damaged, then the backup brings it back.
    await ownerRows(
      t.database,
      sql`update evidence_file set content = '\\x00'::bytea, size_bytes = 1`,
    );
    await restore(t.database, file);
    const again = await user.signIn(t.app); // a restore ends every session
    for (const [i, f] of files.entries()) {
      const down = await again.get(`/api/v1/plans/evidence/${uploaded[i]!.id}`);
      expect(down.statusCode).toBe(200);
      expect(Buffer.from(down.rawPayload).equals(Buffer.from(f.bytes))).toBe(true);
      expect(createHash('sha256').update(down.rawPayload).digest('hex')).toBe(uploaded[i]!.sha256);
    }
    const [check] = await ownerRows<{ ok: boolean }>(
      t.database,
      sql`select bool_and(encode(sha256(content), 'hex') = sha256) as ok from evidence_file`,
    );
    expect(check!.ok).toBe(true);
  });
});
