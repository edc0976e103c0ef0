import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { loadInstallationKeys, type InstallationKeys } from './keys.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** The drizzle handle, whichever database is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; the same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export type Dialect = 'pglite' | 'postgres';

/** Raw SQL → plain rows, on either driver (both answer `{ rows }`). */
export async function queryRows<T = Record<string, unknown>>(
  ex: Executor,
  query: SQL,
): Promise<T[]> {
  const result = (await ex.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export interface Database {
  db: Db;
  dialect: Dialect;
  /** Human description for logs and `pbis bench`: "embedded (PGlite) ./data" or the server host. */
  describe: string;
  /** ICU Thai collation available (PostgreSQL with ICU); PGlite sorts Thai in the app instead. */
  thaiCollation: boolean;
  /** Sub-keys of the installation key (audit macs, backup signatures); see keys.ts. */
  keys: InstallationKeys;
  /**
   * The role the queries run as (row-level security applies to it; ADR 0008) once the migrations
   * have created it; null before, and on a database migrated only part of the way.
   */
  appRole: string | null;
  /** Runs raw SQL and returns rows as plain objects. */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  close(): Promise<void>;
  /**
   * A transaction that starts with `settings` in force for it (set_config(name, value, true)):
   * on PostgreSQL, BEGIN and the settings travel in one round trip. See db/scoped.ts.
   */
  transactionWith<T>(
    settings: Readonly<Record<string, string>>,
    fn: (tx: Tx) => Promise<T>,
  ): Promise<T>;
  /**
   * A read with `settings` in force, which cannot write (the database refuses: read only). On
   * PostgreSQL it runs on a pool of its own whose connections keep the settings for their session
   * and set them only when the next read needs others — no BEGIN, no COMMIT, usually no settings
   * round trip; no other query ever runs on those connections, so nothing else sees the settings.
   * On PGlite (one connection) it is a read-only transaction like `transactionWith`'s.
   */
  read<T>(settings: Readonly<Record<string, string>>, fn: (db: Executor) => Promise<T>): Promise<T>;
  /** Runs the migrations of a folder as the schema's owner: call migrateDatabase. */
  migrate(folder: string): Promise<void>;
}

export const migrationsFolder = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  'migrations',
);

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Embedded data directory; `memory://` (or undefined) for an in-memory database. */
  dataDir?: string | undefined;
  /** The installation key file (created on first use); omitted = one random key per process. */
  keyFile?: string | undefined;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const keys = await loadInstallationKeys(opts.keyFile);
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, keys);
  return openPglite(opts.dataDir, keys);
}

/** The role the application's queries run as once migration 0004 has created it (ADR 0008). */
export const APP_ROLE = 'pbis_app';

/**
 * `select set_config('a', 'x', true), …` with every name and value a quoted literal: for the
 * current transaction, or (`local` false) for the connection's session.
 */
export function settingsSelect(settings: Readonly<Record<string, string>>, local = true): string {
  const literal = (v: string) => {
    if (v.includes('\0')) throw new Error('a setting cannot hold NUL');
    return `'${v.replace(/'/g, "''")}'`;
  };
  const calls = Object.entries(settings).map(
    ([name, value]) => `set_config(${literal(name)}, ${literal(value)}, ${local})`,
  );
  return `select ${calls.join(', ')}`;
}

/** Whether the connecting user may act as the application role (it exists and they are a member). */
async function roleReady(client: { query(q: string): Promise<{ rows: unknown[] }> }) {
  const r = await client.query(
    `select exists (select 1 from pg_roles where rolname = '${APP_ROLE}')
       and pg_has_role(current_user, '${APP_ROLE}', 'member') as ready`,
  );
  return (r.rows[0] as { ready?: boolean } | undefined)?.ready === true;
}

async function openPostgres(url: string, keys: InstallationKeys): Promise<Database> {
  // Every connection of the pool is the application role (no superuser, no BYPASSRLS) once it
  // exists; the migrations use a connection of their own as the connecting user.
  const makePool = (asApp: boolean, readOnly = false) => {
    const options = [
      ...(asApp ? [`-c role=${APP_ROLE}`] : []),
      ...(readOnly ? ['-c default_transaction_read_only=on'] : []),
    ];
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      ...(options.length > 0 && { options: options.join(' ') }),
    });
    // An idle connection the server drops (restart, admin terminate) must not crash the process;
    // the pool replaces it and the next query reconnects.
    pool.on('error', (e) => console.warn(`PostgreSQL dropped an idle connection: ${e.message}`));
    return pool;
  };
  // Surface a bad URL or a stopped server now, with a clear message, not at the first query.
  let ready: boolean;
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    ready = await roleReady(probe);
  } catch (e) {
    throw new Error(`cannot connect to DATABASE_URL (${redactUrl(url)}): ${(e as Error).message}`, {
      cause: e,
    });
  } finally {
    await probe.end().catch(() => undefined);
  }
  let pool = makePool(ready);
  let readPool = makePool(ready, true);
  let db = drizzlePg({ client: pool, schema }) as unknown as Db;
  // One drizzle handle per connection (building one walks the whole schema), and for the read
  // pool the settings its session holds now.
  const handles = new WeakMap<pg.PoolClient, Tx>();
  const handleOf = (client: pg.PoolClient) => {
    let h = handles.get(client);
    if (!h) handles.set(client, (h = drizzlePg({ client, schema }) as unknown as Tx));
    return h;
  };
  const sessionSettings = new WeakMap<pg.PoolClient, string>();
  const coll = await queryRows(db, sql`select 1 from pg_collation where collname = 'th-TH-x-icu'`);
  const database: Database = {
    get db() {
      return db;
    },
    dialect: 'postgres',
    thaiCollation: coll.length > 0,
    describe: `PostgreSQL ${redactUrl(url)}`,
    keys,
    appRole: ready ? APP_ROLE : null,
    rows: <T>(q: SQL) => queryRows<T>(db, q),
    close: async () => {
      await Promise.all([pool.end(), readPool.end()]);
    },
    async read(settings, fn) {
      const client = await readPool.connect();
      let broken: Error | undefined;
      try {
        const wanted = settingsSelect(settings, false);
        if (sessionSettings.get(client) !== wanted) {
          sessionSettings.delete(client);
          try {
            await client.query(wanted);
          } catch (e) {
            // Settings that did not take: the connection is not reused (nor are they cached).
            broken = e as Error;
            throw e;
          }
          sessionSettings.set(client, wanted);
        }
        // A connection lost during `fn` is dropped by the pool itself (it is not queryable).
        return await fn(handleOf(client));
      } finally {
        client.release(broken);
      }
    },
    async transactionWith(settings, fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      let rolledBack = false;
      try {
        // One simple-protocol message: BEGIN and the settings (quoted literals, no parameters).
        await client.query(`begin; ${settingsSelect(settings)}`);
        const tx = handleOf(client);
        try {
          const result = await fn(tx);
          await client.query('commit');
          return result;
        } catch (e) {
          await client.query('rollback').then(
            () => (rolledBack = true),
            (r: Error) => (broken = r),
          );
          throw e;
        }
      } catch (e) {
        // A BEGIN that failed, or a ROLLBACK that did: the connection is not reused.
        if (!rolledBack) broken ??= e as Error;
        throw e;
      } finally {
        client.release(broken);
      }
    },
    async migrate(folder: string) {
      const owner = new pg.Client({ connectionString: url });
      await owner.connect();
      try {
        await migratePg(drizzlePg({ client: owner, schema }) as never, {
          migrationsFolder: folder,
        });
        if (!database.appRole && (await roleReady(owner))) {
          // The first migration to create the role: from now on the pool connects as it.
          const old = [pool, readPool];
          pool = makePool(true);
          readPool = makePool(true, true);
          db = drizzlePg({ client: pool, schema }) as unknown as Db;
          database.appRole = APP_ROLE;
          await Promise.all(old.map((p) => p.end()));
        }
      } finally {
        await owner.end().catch(() => undefined);
      }
    },
  };
  return database;
}

async function openPglite(dataDir: string | undefined, keys: InstallationKeys): Promise<Database> {
  const inMemory = !dataDir || dataDir.startsWith('memory://');
  let release = () => {};
  if (!inMemory) {
    fs.mkdirSync(dataDir, { recursive: true });
    release = acquireDirLock(dataDir);
  }
  let client: PGlite;
  try {
    client = inMemory ? await PGlite.create() : await PGlite.create(dataDir);
  } catch (e) {
    release();
    throw e;
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  // PGlite has one connection: it is the application role, except while migrating (nothing else
  // runs then: migrations happen before the server listens).
  const enterAppRole = async () => {
    if (!(await roleReady(client))) return null;
    await client.exec(`set role ${APP_ROLE}`);
    return APP_ROLE;
  };
  const database: Database = {
    db,
    dialect: 'pglite',
    thaiCollation: false,
    describe: inMemory ? 'embedded (PGlite, in memory)' : `embedded (PGlite) ${dataDir}`,
    keys,
    appRole: await enterAppRole(),
    rows: <T>(q: SQL) => queryRows<T>(db, q),
    close: async () => {
      await client.close();
      release();
    },
    transactionWith: (settings, fn) =>
      db.transaction(async (tx) => {
        await tx.execute(sql.raw(settingsSelect(settings)));
        return fn(tx);
      }),
    // One connection: a read is a transaction too, so that its scope holds for its queries alone.
    read: (settings, fn) =>
      database.transactionWith({ ...settings, transaction_read_only: 'on' }, fn),
    async migrate(folder: string) {
      await client.exec('reset role');
      try {
        await migratePglite(db as never, { migrationsFolder: folder });
      } finally {
        database.appRole = await enterAppRole();
      }
    },
  };
  return database;
}

/** PGlite is single-process: a second process on the same directory would corrupt it. */
function acquireDirLock(dir: string): () => void {
  const lockFile = path.join(dir, 'pbis.lock');
  try {
    const other = Number(fs.readFileSync(lockFile, 'utf8').trim());
    if (other && other !== process.pid && processAlive(other)) {
      throw new Error(
        `the embedded database in ${dir} is in use by process ${other} (is \`pbis start\` running?); stop it first, or use DATABASE_URL`,
      );
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.writeFileSync(lockFile, String(process.pid));
  return () => {
    try {
      if (fs.readFileSync(lockFile, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockFile);
    } catch {
      /* already gone */
    }
  };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** Applies the migrations of `folder` (tests pass a folder holding only the older ones). */
export async function migrateDatabase(
  database: Database,
  folder: string = migrationsFolder,
): Promise<void> {
  await database.migrate(folder);
}

/** ORDER BY a Thai text column in Thai dictionary order where the database can. */
export function thaiOrder(database: Pick<Database, 'thaiCollation'>, column: SQL | AnyColumn): SQL {
  return database.thaiCollation ? sql`${column} collate "th-TH-x-icu"` : sql`${column}`;
}
