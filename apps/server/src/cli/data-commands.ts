import fs from 'node:fs';
import path from 'node:path';
import { AppError, parseFiscalYear } from '@pbis/core';
import { backup, restore } from '../modules/backup/service.js';
import {
  makeCheckpoint,
  parseCheckpoint,
  verifyWithCheckpoint,
} from '../modules/audit/checkpoint.js';
import { verifyAudit } from '../modules/audit/repository.js';
import { exportKind, type ExportFormat } from '../modules/imports/export.js';
import { runImport } from '../modules/imports/pipeline.js';
import { importKind, isImportKind, unknownKindMessage } from '../modules/imports/registry.js';
import { listUsers, scopeLabel } from '../modules/users/service.js';
import { moneyIndicatorsFile } from '../modules/execution/reports.js';
import { budgetVsActualFile } from '../modules/execution/bva-report.js';
import { seedDemoAccounts } from '../seed/seed.js';
import { seedDemoExecution } from '../modules/execution/demo.js';
import { seedDemoPlans } from '../modules/plans/demo.js';
import { actionPlanReportCommand } from '../modules/plans/report-cli.js';
import { announceSeed, openContext, type CliContext } from './context.js';
import { syntheticFlags, syntheticSeed } from './synthetic-seed.js';
import { parseBenchFlags, type BenchFlags } from './bench-flags.js';
import { loadConfig } from '../env.js';
import { err, out, UsageError } from './output.js';

/** Opens the database for one command and always closes it. */
async function withContext<T>(
  fn: (ctx: CliContext) => Promise<T>,
  opts: { bootstrap?: boolean } = {},
): Promise<T> {
  const ctx = await openContext({ bootstrap: opts.bootstrap ?? true });
  announceSeed(ctx.report, err);
  try {
    return await fn(ctx);
  } finally {
    await ctx.database.close();
  }
}

function yearOption(year: string | undefined): number | undefined {
  if (year === undefined) return undefined;
  return parseFiscalYear(year);
}

export const migrateCommand = () =>
  withContext(async ({ database }) => {
    out(`migrated ${database.describe}`);
    return 0;
  });

export interface SeedFlags {
  demo?: boolean;
  synthetic?: boolean;
  transactions?: string;
  seed?: string;
}

export const seedCommand = (demo: boolean, flags: SeedFlags = {}) => {
  const synthetic = syntheticFlags(flags);
  return withContext(async ({ database, actor, config }) => {
    if (demo) {
      const report = await seedDemoAccounts(database, actor.organizationId, config.demoPassword);
      announceSeed(report, out);
      if (!report.demoAccounts) out('demo accounts already exist');
      const rows = await seedDemoExecution(database, actor.organizationId);
      out(
        rows
          ? `synthetic budget execution FY2563–2565: ${rows} rows imported (labelled ข้อมูลสังเคราะห์)`
          : 'synthetic budget execution already there',
      );
      const plans = await seedDemoPlans(database, actor.organizationId);
      out(
        plans
          ? `action plans FY2565: ${plans} loaded (the Budget Office's from the seed, the others labelled ข้อมูลสังเคราะห์)`
          : 'demo action plans already there',
      );
    }
    if (synthetic) await syntheticSeed(database, actor.organizationId, synthetic);
    out('seeded');
    return 0;
  });
};

/** Backup and restore take the data as it is: no organisation or admin is seeded, nothing printed of it. */
export const backupCommand = (file: string) =>
  withContext(
    async ({ database }) => {
      const header = await backup(database, path.resolve(file));
      const rows = header.tables.reduce((s, t) => s + t.rows, 0);
      out(
        `backed up ${rows} rows of ${header.tables.length} tables from ${database.describe} to ${file} (signed with installation key ${database.keys.id}; sessions and sign-in attempts are not included)`,
      );
      return 0;
    },
    { bootstrap: false },
  );

export const restoreCommand = (file: string, o: { acceptUnsigned?: boolean } = {}) =>
  withContext(
    async ({ database }) => {
      const r = await restore(database, path.resolve(file), {
        acceptUnsigned: Boolean(o.acceptUnsigned),
      });
      if (!r.signed)
        err(
          `warning: ${file} is not signed by this installation; accepted with --accept-unsigned: its digest, row counts and audit chain were checked, its ${r.resealed} audit rows re-sealed with this installation's key, and the acceptance recorded in the audit trail`,
        );
      out(
        `restored ${r.rows} rows of ${r.tables} tables (backup of ${r.header.createdAt}, from ${r.header.source}) into ${database.describe}; all sessions ended, everyone signs in again`,
      );
      return 0;
    },
    { bootstrap: false },
  );

export interface ImportFlags {
  year?: string;
  /** budget-lines: create the units the file names that do not exist yet. */
  createUnits?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

export async function importCommand(
  kindName: string,
  file: string,
  o: ImportFlags,
): Promise<number> {
  if (!isImportKind(kindName)) throw new UsageError(`import: ${unknownKindMessage(kindName)}`);
  const kind = importKind(kindName);
  const fiscalYear = yearOption(o.year);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new AppError('validation', `cannot read ${file}`);
  }
  const tty = process.stderr.isTTY && !o.json;
  return withContext(async ({ database, actor }) => {
    const summary = await runImport(
      database,
      actor,
      kind,
      { bytes, name: path.basename(file) },
      {
        fiscalYear,
        dryRun: o.dryRun,
        createUnits: o.createUnits,
        onProgress: tty
          ? (done, total) => process.stderr.write(`\r${kind.kind}: ${done}/${total} rows`)
          : undefined,
      },
    );
    if (tty) process.stderr.write('\n');
    if (o.json) out(JSON.stringify(summary));
    else {
      for (const w of summary.warnings) err(`warning: ${w}`);
      const what = summary.already_imported
        ? 'already imported (same file); nothing changed'
        : summary.dry_run
          ? 'valid (dry run; nothing written)'
          : `imported: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged`;
      out(
        `${summary.kind} ${summary.file}: ${summary.rows} rows, total ${summary.total_baht} baht — ${what}`,
      );
    }
    return 0;
  });
}

export interface ExportFlags {
  year?: string;
  format: ExportFormat;
  out?: string;
}

export async function exportCommand(kindName: string, o: ExportFlags): Promise<number> {
  if (!isImportKind(kindName)) throw new UsageError(`export: ${unknownKindMessage(kindName)}`);
  const kind = importKind(kindName);
  const fiscalYear = yearOption(o.year);
  return withContext(async ({ database, actor }) => {
    const body = await exportKind(database, actor, kind, o.format, fiscalYear);
    if (o.out) {
      fs.writeFileSync(o.out, body);
      err(`wrote ${o.out}`);
    } else process.stdout.write(body);
    return 0;
  });
}

export interface ReportFlags {
  year: string;
  unit?: string;
  asOf?: string;
  format: string;
  out?: string;
}

export async function reportCommand(name: string, o: ReportFlags): Promise<number> {
  const known = ['action-plan', 'budget-vs-actual', 'money-indicators', 'scorecard'];
  if (!known.includes(name))
    throw new UsageError(`unknown report "${name}"; one of ${known.join(', ')}`);
  if (name === 'action-plan') return withContext((ctx) => actionPlanReportCommand(ctx, o));
  if (name === 'money-indicators' || name === 'budget-vs-actual') {
    const fiscalYear = parseFiscalYear(o.year);
    const file = name === 'money-indicators' ? moneyIndicatorsFile : budgetVsActualFile;
    return withContext(async ({ database, actor }) => {
      const body = await file(database, actor, o.format, {
        fiscalYear,
        unit: o.unit,
        asOf: o.asOf,
      });
      if (o.out) fs.writeFileSync(o.out, body);
      else process.stdout.write(body);
      return 0;
    });
  }
  throw new AppError(
    'business_rule',
    `the ${name} report is not available in this version yet (it arrives with the plans and budget execution modules)`,
  );
}

export const usersListCommand = (json: boolean) =>
  withContext(async ({ database, actor }) => {
    const users = await listUsers(database, actor, {});
    if (json) {
      out(
        JSON.stringify(
          users.map((u) => ({
            username: u.username,
            role: u.role,
            scope: scopeLabel(u),
            active: u.active,
          })),
        ),
      );
      return 0;
    }
    const rows = users.map((u) => [
      u.username,
      u.role,
      scopeLabel(u) + (u.active ? '' : ' (disabled)'),
    ]);
    const width = [0, 1].map((i) => Math.max(...rows.map((r) => r[i]!.length), i === 0 ? 8 : 4));
    out(`${'username'.padEnd(width[0]!)}  ${'role'.padEnd(width[1]!)}  scope`);
    for (const r of rows) out(`${r[0]!.padEnd(width[0]!)}  ${r[1]!.padEnd(width[1]!)}  ${r[2]}`);
    return 0;
  });

export const auditVerifyCommand = (o: { checkpoint?: string } = {}) =>
  withContext(
    async ({ database }) => {
      if (o.checkpoint) {
        const c = parseCheckpoint(readText(o.checkpoint), o.checkpoint);
        const v = await verifyWithCheckpoint(database, c);
        if (v.ok) {
          out(
            `OK: ${v.checked} audit rows, hash chain and keyed macs intact; row ${c.seq} of the checkpoint of ${c.at} is present and unchanged`,
          );
          return 0;
        }
        out(v.chain ? `BROKEN ${v.message}` : `BROKEN: ${v.message}`);
        return 1;
      }
      const r = await verifyAudit(database.db, database.keys.audit);
      if (r.ok) {
        out(`OK: ${r.checked} audit rows, hash chain and keyed macs intact`);
        return 0;
      }
      out(`BROKEN at row ${r.brokenSeq}: ${r.reason} (${r.checked} rows before it are intact)`);
      return 1;
    },
    { bootstrap: false },
  );

export const auditCheckpointCommand = (o: { out?: string } = {}) =>
  withContext(
    async ({ database }) => {
      const c = await makeCheckpoint(database);
      const text = `${JSON.stringify(c, null, 2)}\n`;
      if (!o.out) {
        process.stdout.write(text);
        return 0;
      }
      fs.writeFileSync(o.out, text);
      out(
        `wrote the checkpoint of row ${c.seq} (${c.count} audit rows) to ${o.out}; keep it where the database's administrators cannot change it`,
      );
      return 0;
    },
    { bootstrap: false },
  );

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new AppError('validation', `cannot read ${file}`);
  }
}

export async function benchCommand(flags: BenchFlags): Promise<number> {
  const parsed = parseBenchFlags(flags);
  const { runBenchmarks } = await import('../../../../bench/run.js');
  const { databaseUrl } = loadConfig();
  // Embedded always; PostgreSQL too when DATABASE_URL is set (unless --engine says otherwise).
  await runBenchmarks({ ...parsed, databaseUrl, print: (o: object) => out(JSON.stringify(o)) });
  return 0;
}
