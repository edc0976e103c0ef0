/**
 * A scratch database for one benchmark: PGlite in a temporary directory, or a new database on the
 * PostgreSQL server of `databaseUrl` (created, then dropped at the end), so figures never depend on
 * what an earlier run left behind and the operator's own database is not filled with bench rows.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateDatabase, openDatabase, type Database } from '../apps/server/src/db/client.js';
import { ensureOrganization } from '../apps/server/src/seed/seed.js';

export interface BenchDatabase {
  database: Database;
  organizationId: string;
  close(): Promise<void>;
}

export async function openBenchDatabase(databaseUrl?: string): Promise<BenchDatabase> {
  if (!databaseUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pbis-bench-'));
    const database = await openDatabase({ dataDir: path.join(dir, 'data') });
    return ready(database, async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
  }
  const name = `pbis_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(databaseUrl);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString() });
  return ready(database, async () => {
    await database.close();
    const a = new pg.Client({ connectionString: databaseUrl });
    await a.connect();
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
  });
}

async function ready(database: Database, close: () => Promise<void>): Promise<BenchDatabase> {
  try {
    await migrateDatabase(database);
    const { organizationId } = await ensureOrganization(database, 'bench-admin-password');
    return { database, organizationId, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** p-th percentile (0–100) of the samples, nearest rank; milliseconds to 3 decimals. */
export function percentile(samples: readonly number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return Number(s[rank - 1]!.toFixed(3));
}
