import { Argument, Command, Option } from 'commander';
import { startServer } from '../http/server';
import { BANNER } from '../http/app';
import { migrate } from '../db/migrate';
import { createUser, DEMO_ACCOUNTS, DEMO_PASSWORD, ROLES, isRole } from '../modules/auth';
import { verifyAuditChain } from '../modules/audit';
import { systemContext } from '../shared/context';
import { AppError } from '../shared/errors';
import { ingestFile } from '../modules/ingest';
import { generateWorld } from '../modules/demo';
import { loadDemoWorld } from '../modules/demo/demo-load';
import { SOURCE_NAMES } from '../modules/sources/registry';
import { indexPendingNames } from '../modules/search';
import { runResolve } from '../modules/resolve';
import { describeResolveRun, exportEntitiesTo } from '../modules/resolve/resolve.cli';
import { exportAccountingTo } from '../modules/disclosures/accounting.cli';
import { assessFromCli, describeAssessRun, exportAssessmentsTo } from '../modules/status/status.cli';
import { SEPARATE_READER_CONNECTIONS } from '../modules/status';
import { progressLine, readStdin, reportFailure, withDatabase } from './run';
import path from 'node:path';

function buildProgram(): Command {
  const program = new Command('leadtrac')
    .description(`LeadTrac investigative lead system. ${BANNER}.\nUses the embedded database in LEADTRAC_DATA_DIR (default ./data) unless DATABASE_URL is set.`)
    .showHelpAfterError();

  const db = program.command('db').description('database administration');
  db.command('migrate')
    .description('apply pending migrations')
    .action(() =>
      withDatabase('db migrate', async (database) => {
        const r = await migrate(database, (name) => console.log(`applied ${name}`));
        console.log(`${r.applied.length} migration(s) applied, ${r.alreadyApplied} already in place.`);
      }),
    );

  program
    .command('serve')
    .description('serve the web app and API (PORT, default 8080)')
    .action(async () => {
      const server = await startServer();
      console.log(`LeadTrac listening on ${server.url} (${server.database.kind})`);
      holdOpen(() => server.close());
    });

  program
    .command('start')
    .description('what `npm start` runs: migrate, create demo accounts, serve')
    .action(async () => {
      const server = await startServer({ demo: true, demoAccounts: true });
      console.log(`\n${BANNER}\nLeadTrac is running at ${server.url} (database: ${server.database.kind})\n`);
      console.log('Demo accounts (synthetic data only), password for all:', DEMO_PASSWORD);
      for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(11)} ${a.role}${a.fieldOffice ? ` (field office ${a.fieldOffice})` : ''}`);
      holdOpen(() => server.close());
    });

  const users = program.command('users').description('user accounts');
  users
    .command('add')
    .description('create a user')
    .requiredOption('--username <name>', 'sign-in name')
    .addOption(new Option('--role <role...>', 'role(s)').choices([...ROLES]).makeOptionMandatory())
    .option('--display-name <name>', 'full name (defaults to the username)')
    .option('--field-office <code>', 'field office (field agents)')
    .option('--password-stdin', 'read the password from standard input')
    .action((o: { username: string; role: string[]; displayName?: string; fieldOffice?: string; passwordStdin?: boolean }) =>
      withDatabase('users add', async (database) => {
        if (!o.passwordStdin) throw new AppError('BAD_REQUEST', 'Give the password on standard input with --password-stdin.');
        const password = (await readStdin()).replace(/\r?\n$/, '');
        const roles = o.role.filter(isRole);
        const u = await createUser(database, systemContext('users add'), {
          username: o.username,
          displayName: o.displayName ?? o.username,
          roles,
          password,
          fieldOffice: o.fieldOffice ?? null,
        });
        console.log(`created user ${u.username} (${u.roles.join(', ')}) id ${u.id}`);
      }),
    );

  program
    .command('ingest')
    .description('load source files (CSV with a header row, or NDJSON); columns in docs/sources/')
    .addArgument(new Argument('<source>', 'source system').choices([...SOURCE_NAMES]))
    .argument('<files...>', 'files to load, each as one batch')
    .option('--legal-process <ref>', 'cdr: the legal process reference for every row of the file')
    .option('--rejects-dir <dir>', 'where to write the rejects files', 'rejects')
    .action((source: string, files: string[], o: { legalProcess?: string; rejectsDir: string }) =>
      withDatabase('ingest', async (database) => {
        for (const file of files) {
          const r = await ingestFile(database, systemContext('ingest', ['records_officer']), {
            source,
            file,
            ...(o.legalProcess ? { legalProcessRef: o.legalProcess } : {}),
            rejectsFile: path.join(o.rejectsDir, `${path.basename(file)}.rejects.csv`),
            onProgress: (n) => progressLine(path.basename(file), n),
          });
          if (process.stderr.isTTY) process.stderr.write('\n');
          const what = r.status === 'already_loaded' ? `already loaded as batch ${r.batchId}; nothing changed` : `batch ${r.batchId}`;
          console.log(`${source} ${r.fileName}: ${what}`);
          console.log(`  read ${r.rowsRead}, accepted ${r.rowsAccepted}, flagged ${r.rowsFlagged}, rejected ${r.rowsRejected}, skipped ${r.rowsSkipped}`);
          if (r.rejectsFile) console.log(`  rejected rows written to ${r.rejectsFile}`);
        }
      }),
    );

  const demo = program.command('demo').description('synthetic demo data (never real people)');
  demo
    .command('generate')
    .description('write a synthetic world as source files DIR/<source>.csv plus ground truth')
    .option('--persons <n>', 'persons in the world', '2000')
    .option('--seed <n>', 'random seed (same seed, same files)', '42')
    .option('--as-of <date>', 'the world is consistent as of this date (YYYY-MM-DD)')
    .requiredOption('--out <dir>', 'output folder')
    .action(async (o: { persons: string; seed: string; out: string; asOf?: string }) => {
      const w = await generateWorld({ persons: Number(o.persons), seed: Number(o.seed), outDir: o.out, ...(o.asOf ? { asOf: o.asOf } : {}) });
      for (const [file, rows] of Object.entries(w.files)) console.log(`${file.padEnd(34)} ${rows} rows`);
      console.log(`generated ${w.persons} persons in ${(w.elapsedMs / 1000).toFixed(1)} s into ${w.outDir}`);
    });
  demo
    .command('load')
    .description('generate a synthetic world and ingest all of it')
    .option('--persons <n>', 'persons in the world', '2000')
    .option('--seed <n>', 'random seed', '42')
    .option('--keep <dir>', 'keep the generated files in this folder')
    .action((o: { persons: string; seed: string; keep?: string }) =>
      withDatabase('demo load', async (database) => {
        const r = await loadDemoWorld(database, { persons: Number(o.persons), seed: Number(o.seed), analyse: true, ...(o.keep ? { outDir: o.keep } : {}), onProgress: (l) => console.log(l) });
        console.log(`loaded ${r.batches.length} source files for ${r.world.persons} synthetic persons`);
      }),
    );

  const searchCmd = program.command('search').description('the analyst search index');
  searchCmd
    .command('index')
    .description('make queued names searchable now (the server does this by itself in the background; for repairs and a database no server uses)')
    .option('--full', 'also index names an import committed out of order (slower: compares every name)')
    .action((o: { full?: boolean }) =>
      withDatabase('search index', async (database) => {
        const r = await indexPendingNames(database, { full: o.full ?? false, onProgress: (n) => progressLine('names indexed', n) });
        if (process.stderr.isTTY) process.stderr.write('\n');
        console.log(`indexed ${r.indexed} names (${r.newTerms} new name words)`);
      }),
    );

  program
    .command('resolve')
    .description('entity resolution: match the records of new batches against those resolved (incremental)')
    .option('--full', 'recompute every entity with the stored model (gives what the incremental runs gave)')
    .option('--retrain', 'train a new match model on all records first (implies --full)')
    .action((o: { full?: boolean; retrain?: boolean }) =>
      withDatabase('resolve', async (database) => {
        const r = await runResolve(database, systemContext('resolve', ['records_officer']), { ...o, onProgress: (l) => console.error(`resolve: ${l}`) });
        for (const line of describeResolveRun(r)) console.log(line);
      }),
    );
  program
    .command('assess')
    .description('status assessment: assess every admission as of a date (a run per date; running a date again replaces it)')
    .requiredOption('--as-of <date>', 'the as-of date (AOD), YYYY-MM-DD: records dated after it are ignored')
    .option('--config <file>', 'a status configuration (JSON) instead of the built-in one; its version is recorded')
    .action((o: { asOf: string; config?: string }) =>
      withDatabase('assess', async (database, config) => {
        const r = await assessFromCli(database, systemContext('assess', ['analyst']), { asOf: o.asOf, configFile: o.config, separateReader: config.dbPoolMax > SEPARATE_READER_CONNECTIONS });
        for (const line of describeAssessRun(r)) console.log(line);
      }),
    );
  const exportCmd = program.commands.find((c) => c.name() === 'export') ?? program.command('export').description('export data (every export is audited)');
  exportCmd
    .command('entities')
    .description('source,record_id,entity_id for every source record (a contract other tools read; the marking goes to stderr)')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'ndjson']).default('csv'))
    .option('--out <file>', 'write to this file instead of standard output')
    .action((o: { format: 'csv' | 'ndjson'; out?: string }) =>
      withDatabase('export entities', async (database) => {
        const r = await exportEntitiesTo(database, systemContext('export entities', ['records_officer']), { format: o.format, out: o.out, classification: BANNER });
        console.error(`${BANNER}\nexported ${r.rows} records (${o.format})${o.out ? ` to ${o.out}` : ''}`);
      }),
    );

  exportCmd
    .command('accounting')
    .description("one person's accounting of disclosures (552a(c)): CSV with the marking on every row, or PDF with it on every page")
    .requiredOption('--person <id>', 'the person (entity id)')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'pdf']).default('csv'))
    .option('--out <file>', 'write to this file instead of standard output')
    .action((o: { person: string; format: 'csv' | 'pdf'; out?: string }) =>
      withDatabase('export accounting', async (database) => {
        const r = await exportAccountingTo(database, systemContext('export accounting', ['privacy_officer']), o);
        console.error(`${BANNER}\nexported the accounting of person ${o.person} (${o.format}, ${r.bytes} bytes)${o.out ? ` to ${o.out}` : ''}`);
      }),
    );

  exportCmd
    .command('assessments')
    .description('status assessments of a run: admission_number,entity_id,class,aed,overstay_days,unlawful_presence_days,bar_tier,flags (flags joined by |), then extra columns (a contract other tools read; the marking goes to stderr)')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'ndjson']).default('csv'))
    .option('--as-of <date>', 'the run of this as-of date (default: the most recent run)')
    .option('--out <file>', 'write to this file instead of standard output')
    .action((o: { format: 'csv' | 'ndjson'; asOf?: string; out?: string }) =>
      withDatabase('export assessments', async (database) => {
        const r = await exportAssessmentsTo(database, systemContext('export assessments', ['analyst']), o);
        console.error(`${BANNER}\nexported ${r.rows} assessments of run ${r.runId} (as of ${r.asOf}, configuration ${r.configVersion}, ${o.format})${o.out ? ` to ${o.out}` : ''}`);
      }),
    );

  const auditCmd = program.command('audit').description('the audit log');
  auditCmd
    .command('verify')
    .description('recompute the hash chain and report the first broken row')
    .action(() =>
      withDatabase('audit verify', async (database) => {
        const r = await verifyAuditChain(database);
        console.log(r.message);
        if (!r.ok) process.exitCode = 3;
      }),
    );
  return program;
}

function holdOpen(close: () => Promise<void>): void {
  const stop = () => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    reportFailure(e);
  }
}
