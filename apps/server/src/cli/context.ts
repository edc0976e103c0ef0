import { seedDemoExecution } from '../modules/execution/demo.js';
import { seedDemoPlans } from '../modules/plans/demo.js';
import { loadConfig, type Config } from '../env.js';
import { migrateDatabase, openDatabase, type Database } from '../db/client.js';
import { assertKeyFitsTrail, sealLegacyAudit, type SealOutcome } from '../modules/audit/seal.js';
import { systemActor, type Actor } from '../modules/auth/actor.js';
import { ensureOrganization, seedDemoAccounts, type SeedReport } from '../seed/seed.js';
import { firstOrganization } from '../modules/org/repository.js';

export interface CliContext {
  config: Config;
  database: Database;
  actor: Actor;
  report: StartReport;
}

/** What opening did that the operator should hear about once: seeding, sealing the audit trail. */
export type StartReport = SeedReport & {
  auditSeal?: SealOutcome | undefined;
  /** The installation key file, when this start created it. */
  keyCreated?: string | undefined;
};

/** Opens the configured database, migrates it and makes sure the organisation exists. */
export async function openContext(
  opts: { demoOnEmpty?: boolean; bootstrap?: boolean } = {},
): Promise<CliContext> {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    keyFile: config.keyFile,
  });
  try {
    await migrateDatabase(database);
    await assertKeyFitsTrail(database);
    const auditSeal = await sealLegacyAudit(database);
    const keyCreated = database.keys.created ? database.keys.source : undefined;
    if (opts.bootstrap === false) {
      // backup/restore: the data is what it is; no organisation is invented on an empty database.
      const org = await firstOrganization(database.db);
      return {
        config,
        database,
        actor: systemActor(org?.id ?? '00000000-0000-0000-0000-000000000000'),
        report: { organizationCreated: false, auditSeal, keyCreated },
      };
    }
    const seeded = await ensureOrganization(database, config.adminPassword);
    const { organizationId } = seeded;
    const report: StartReport = { ...seeded.report, auditSeal, keyCreated };
    if (report.organizationCreated && opts.demoOnEmpty && config.demo) {
      const demo = await seedDemoAccounts(database, organizationId, config.demoPassword);
      await seedDemoExecution(database, organizationId);
      await seedDemoPlans(database, organizationId);
      Object.assign(report, {
        demoAccounts: demo.demoAccounts,
        demoPassword: demo.demoPassword,
        weakPasswordWarning:
          [report.weakPasswordWarning, demo.weakPasswordWarning].filter(Boolean).join('; ') ||
          undefined,
      });
    }
    return { config, database, actor: systemActor(organizationId), report };
  } catch (e) {
    await database.close();
    throw e;
  }
}

/** Prints the passwords generated at seeding, once, and the one-time seal of the audit trail. */
export function announceSeed(report: StartReport, log: (s: string) => void): void {
  if (report.keyCreated)
    log(
      `Created the installation key ${report.keyCreated}: it seals the audit trail and signs backups. Keep a copy somewhere safe, apart from the backups (README: Backups).`,
    );
  const seal = report.auditSeal;
  if (seal && 'brokenSeq' in seal)
    log(
      `warning: the audit trail is broken at row ${seal.brokenSeq} (${seal.reason}); its rows were not sealed with the installation key`,
    );
  else if (seal)
    log(
      `Sealed ${seal.sealed} audit rows written before keyed macs with the installation key (recorded in the audit trail).`,
    );
  if (report.organizationCreated)
    log('Created the organisation of the seed (BMA, Budget Office, 71 receiving units).');
  if (report.adminPassword)
    log(
      `Generated the admin password (shown once; admin must change it at the first sign-in): ${report.adminPassword}`,
    );
  if (report.demoAccounts)
    log(
      `Created ${report.demoAccounts} demo accounts (analyst1…analyst6, office, executive, officer-<unit code>).`,
    );
  if (report.demoPassword) log(`Generated the demo password (shown once): ${report.demoPassword}`);
  if (report.weakPasswordWarning) log(`warning: ${report.weakPasswordWarning}`);
}
