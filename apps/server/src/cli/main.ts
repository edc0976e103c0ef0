import { Command, CommanderError, Option } from 'commander';
import { EXIT_USAGE, runCommand } from './output.js';
import { scoreCommand } from './score-command.js';
import { BENCH_HELP, BENCH_NAMES, type BenchFlags } from './bench-flags.js';
import * as data from './data-commands.js';
import { usersResetPasswordCommand, usersUnlockCommand } from './user-commands.js';

/** Builds the `pbis` program; each action stores its exit code in `result`. */
function program(result: { code: number }): Command {
  const p = new Command('pbis')
    .description(
      'PBIS — Performance-Based Budgeting Information System (ระบบสารสนเทศการจัดการงบประมาณแบบมุ่งเน้นผลงาน)',
    )
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const set = async (promise: Promise<number>): Promise<void> => {
    result.code = await promise;
  };

  p.command('start')
    .description(
      'run the server: migrate, seed an empty database, serve the web UI and the API on PORT (default 3000)',
    )
    .action(() =>
      set(
        runCommand(async () => {
          const { startServer } = await import('../server.js');
          await startServer();
          return new Promise<number>(() => undefined); // runs until a signal
        }),
      ),
    );

  const db = p.command('db').description('database maintenance');
  db.command('migrate')
    .description('apply the migrations (and create the organisation on an empty database)')
    .action(() => set(runCommand(data.migrateCommand)));
  db.command('seed')
    .description('create the organisation of the seed; with --demo also the demo accounts')
    .option('--demo', 'also create the demo accounts and demo data')
    .option(
      '--synthetic',
      "with --transactions N: a deterministic synthetic ledger of N obligations and disbursements on the demo's lines of FY2563–2565 (for the benchmarks; seeds the demo's execution first)",
    )
    .option('--transactions <n>', 'how many synthetic entries (with --synthetic)')
    .option('--seed <n>', 'the seed of the synthetic ledger (default 1)')
    .action((o: data.SeedFlags) => set(runCommand(() => data.seedCommand(Boolean(o.demo), o))));
  db.command('backup')
    .description(
      'write every table but sessions and sign-in attempts to FILE (JSON Lines; gzip when FILE ends in .gz; owner-only, signed with the installation key); restores into PGlite or PostgreSQL',
    )
    .argument('<file>')
    .action((file: string) => set(runCommand(() => data.backupCommand(file))));
  db.command('restore')
    .description(
      'replace all data with a backup made by `pbis db backup`, after checking the whole file (complete, digest, row counts, signature) and, before commit, its audit chain; nothing changes on any failure',
    )
    .argument('<file>')
    .option(
      '--accept-unsigned',
      'restore a backup not signed by this installation (another key, an edited or a version-1 file) — still refused when damaged, incomplete or its audit chain is broken; its audit rows are re-sealed and the acceptance recorded',
    )
    .action((file: string, o: { acceptUnsigned?: boolean }) =>
      set(runCommand(() => data.restoreCommand(file, o))),
    );

  p.command('import')
    .description(
      'import a CSV (UTF-8 or TIS-620) or XLSX file; all rows are validated first and nothing is written on any error',
    )
    .argument(
      '<kind>',
      'units (the other kinds of SPEC §3 arrive with their modules: plans, indicators, budget-lines, …)',
    )
    .argument('<file>')
    .option('--year <yyyy>', 'fiscal year (Buddhist era, e.g. 2565)')
    .option(
      '--create-units',
      'budget-lines: create receiving units the file names but PBIS does not know (accepted; no kind of this version reads it)',
    )
    .option('--dry-run', 'validate and summarise; write nothing')
    .option('--json', 'print one JSON summary (or {"errors":[…]})')
    .action((kind: string, file: string, o: data.ImportFlags) =>
      set(runCommand(() => data.importCommand(kind, file, o), { json: o.json })),
    );

  p.command('export')
    .description(
      'export in the same columns as the import, so the file re-imports to the same totals',
    )
    .argument('<kind>')
    .option('--year <yyyy>', 'fiscal year (Buddhist era)')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['csv', 'xlsx', 'json'])
        .default('csv'),
    )
    .option('--out <file>', 'write to FILE instead of standard output')
    .action((kind: string, o: data.ExportFlags) =>
      set(runCommand(() => data.exportCommand(kind, o))),
    );

  p.command('report')
    .description('print a report: action-plan, budget-vs-actual, money-indicators, scorecard')
    .argument('<name>')
    .requiredOption('--year <yyyy>', 'fiscal year (Buddhist era)')
    .option('--unit <unit>', 'unit code or exact Thai name')
    .option(
      '--as-of <date>',
      'money-indicators, budget-vs-actual: the date (default: 30 September of the year; budget-vs-actual: now)',
    )
    .addOption(
      new Option('--format <format>').choices(['pdf', 'xlsx', 'csv', 'json']).makeOptionMandatory(),
    )
    .option('--out <file>', 'the file to write (default: standard output)')
    .action((name: string, o: data.ReportFlags) =>
      set(runCommand(() => data.reportCommand(name, o))),
    );

  p.command('score')
    .description(
      'score one result against a criteria JSON file (SPEC §4); prints {"level","points",…}',
    )
    .requiredOption('--criteria <file>', 'criteria JSON')
    .requiredOption(
      '--result <value>',
      'the result: a number, a count of steps done, or a list such as 1,2,3',
    )
    .action((o: { criteria: string; result: string }) =>
      set(runCommand(() => scoreCommand(o.criteria, o.result))),
    );

  p.command('bench')
    .description('run the benchmarks and print JSON lines')
    .option('--quick', 'smaller sizes')
    .option('--only <names>', `comma-separated benchmarks: ${BENCH_NAMES.join(', ')}`)
    .option('--rows <sizes>', 'comma-separated sizes, e.g. 10k,100k,1m (ledger and ingest)')
    .option('--engine <engine>', 'pglite, postgres (needs DATABASE_URL) or both (default)')
    .option('--seconds <n>', 'seconds of load per API benchmark (default 3 quick, 10)')
    .addHelpText('after', BENCH_HELP)
    .action((o: BenchFlags) => set(runCommand(() => data.benchCommand(o))));

  const users = p.command('users').description('user accounts');
  users
    .command('list')
    .description('username, role and scope of every user')
    .option('--json')
    .action((o: { json?: boolean }) =>
      set(runCommand(() => data.usersListCommand(Boolean(o.json)))),
    );
  users
    .command('unlock')
    .description('clear a sign-in lockout (and address throttles) of user NAME')
    .argument('<name>', 'username')
    .action((name: string) => set(runCommand(() => usersUnlockCommand(name))));
  users
    .command('reset-password')
    .description(
      'give user NAME a new temporary password (printed once; changed at the next sign-in) and unlock it',
    )
    .argument('<name>', 'username')
    .action((name: string) => set(runCommand(() => usersResetPasswordCommand(name))));

  const audit = p.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description(
      'check the hash chain and the keyed mac of every row; prints OK or the first broken row (exit 1)',
    )
    .option(
      '--checkpoint <file>',
      'also check a checkpoint of `pbis audit checkpoint`: its signature, and that its row is still there with its hash (detects deleted newest rows)',
    )
    .action((o: { checkpoint?: string }) => set(runCommand(() => data.auditVerifyCommand(o))));
  audit
    .command('checkpoint')
    .description(
      'print (or write to FILE) a signed checkpoint of the newest audit row, to keep somewhere else and check with `audit verify --checkpoint`',
    )
    .option('--out <file>', 'write the checkpoint to FILE')
    .action((o: { out?: string }) => set(runCommand(() => data.auditCheckpointCommand(o))));
  return p;
}

export async function main(argv: string[]): Promise<number> {
  const result = { code: 0 };
  try {
    await program(result).parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      )
        return 0;
      return EXIT_USAGE;
    }
    throw e;
  }
}
