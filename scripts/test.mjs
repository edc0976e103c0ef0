#!/usr/bin/env node
// `npm test`: every tier (core with coverage, API on PGlite — and PostgreSQL when
// PBIS_TEST_DATABASE_URL is set — and e2e in Debian chromium when present), then one line
// "N passed, N failed" that CI reads. Extra arguments go to vitest (e.g. --project core).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pbis-test-')), 'vitest.json');
const args = [
  'vitest',
  'run',
  '--coverage',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
const run = spawnSync('npx', args, { cwd: root, stdio: 'inherit' });

let passed = 0;
let failed = 0;
let skipped = 0;
const perTier = {};
try {
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  for (const file of json.testResults ?? []) {
    const rel = path.relative(root, file.name);
    const tier = rel.startsWith('packages/core')
      ? 'core'
      : rel.startsWith('packages/contract')
        ? 'contract'
        : rel.startsWith('apps/web')
          ? 'web'
          : rel.startsWith('e2e')
            ? 'e2e'
            : 'api';
    perTier[tier] ??= { passed: 0, failed: 0, skipped: 0 };
    for (const t of file.assertionResults ?? []) {
      const bucket =
        t.status === 'passed' ? 'passed' : t.status === 'failed' ? 'failed' : 'skipped';
      perTier[tier][bucket] += 1;
      if (bucket === 'passed') passed += 1;
      else if (bucket === 'failed') failed += 1;
      else skipped += 1;
    }
    if ((file.assertionResults ?? []).length === 0 && file.status === 'failed') failed += 1; // a file that failed to load
  }
} catch {
  failed += 1;
  console.error('no test report was written');
}
for (const [tier, c] of Object.entries(perTier))
  console.log(`tier ${tier}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
if (run.status !== 0 && failed === 0) failed += 1; // e.g. coverage below its threshold
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
