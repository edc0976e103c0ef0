import { loadConfig, type Config } from '../env.js';
import { migrateDatabase, openDatabase, type Database } from '../db/client.js';
import { systemActor, type Actor } from '../modules/auth/actor.js';
import { ensureOrganization, seedDemoAccounts, type SeedReport } from '../seed/seed.js';
import { firstOrganization } from '../modules/org/repository.js';

export interface CliContext {
  config: Config;
  database: Database;
  actor: Actor;
  report: SeedReport;
}

/** Opens the configured database, migrates it and makes sure the organisation exists. */
export async function openContext(
  opts: { demoOnEmpty?: boolean; bootstrap?: boolean } = {},
): Promise<CliContext> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(database);
    if (opts.bootstrap === false) {
      // backup/restore: the data is what it is; no organisation is invented on an empty database.
      const org = await firstOrganization(database.db);
      return {
        config,
        database,
        actor: systemActor(org?.id ?? '00000000-0000-0000-0000-000000000000'),
        report: { organizationCreated: false },
      };
    }
    const { organizationId, report } = await ensureOrganization(database, config.adminPassword);
    if (report.organizationCreated && opts.demoOnEmpty && config.demo) {
      const demo = await seedDemoAccounts(database, organizationId, config.demoPassword);
      Object.assign(report, { demoAccounts: demo.demoAccounts, demoPassword: demo.demoPassword });
    }
    return { config, database, actor: systemActor(organizationId), report };
  } catch (e) {
    await database.close();
    throw e;
  }
}

/** Prints the passwords generated at seeding, once. */
export function announceSeed(report: SeedReport, log: (s: string) => void): void {
  if (report.organizationCreated)
    log('Created the organisation of the seed (BMA, Budget Office, 71 receiving units).');
  if (report.adminPassword)
    log(`Generated the admin password (shown once): ${report.adminPassword}`);
  if (report.demoAccounts)
    log(
      `Created ${report.demoAccounts} demo accounts (analyst1…analyst6, office, executive, officer-<unit code>).`,
    );
  if (report.demoPassword) log(`Generated the demo password (shown once): ${report.demoPassword}`);
}
