import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { AuditSubject } from '../audit';
import { catchUpOrRebuildAndSay } from '../aggregates';
import { migrate } from '../db';
import {
  IMPORT_KINDS,
  importKind,
  type ImportReport,
  parseMapping,
  runImport,
  undoImport,
  writeTemplate,
} from '../import';
import { createLogger } from '../logger';
import { argumentsOrExit, runCommand } from './commandLine';
import { type Database, withDatabase } from './withDatabase';

const USAGE = `usage: npm run import -- FILE --kind KIND [--qualification CODE] [--year YEAR] [--sheet NAME] [--dry-run]
         [--skip-invalid] [--mapping FILE.csv] [--report FILE.json] [--actor NAME]
       npm run import -- --undo BATCH_ID [--actor NAME]
       npm run import -- --template KIND --out FILE.xlsx
  FILE             a .xlsx or .csv file (UTF-8 with or without BOM, or GBK as Excel saves it)
  --kind           ${IMPORT_KINDS.join(', ')} (docs/import-formats.md)
  --qualification  for qualifications: the qualification of rows without a 资质 cell (HIGH_TECH, TECH_SME, …)
  --year           the year of rows without one (年份 of enterprises and projects, 认定年份 of qualifications,
                   批准年份 of platforms, 起始年份 of deputies, 起始年份 of cooperations)
  --sheet          the sheet of a workbook to read (default: the first)
  --dry-run        write nothing; report what would be created, updated and unchanged
  --skip-invalid   write the valid rows even when others are invalid or need review (still exits 1)
  --mapping        decisions on rows needing review: CSV lines "row,id" (the id of a firm, platform or project,
                   or new)
  --report         write the report (JSON) to this file; a summary is printed either way
  --actor          who is importing, for the audit trail (default: the system user)
exit codes: 0 every row applied (or would be, in a dry run); 1 some row invalid or needing review (nothing
written unless --skip-invalid), or an undo refused for conflicts; 2 usage or file error`;

export interface ImportArgs {
  help: boolean;
  file: string | null;
  kind: string | null;
  qualification: string | null;
  year: number | null;
  sheet: string | null;
  dryRun: boolean;
  skipInvalid: boolean;
  mapping: string | null;
  report: string | null;
  actor: string;
  undo: string | null;
  template: string | null;
  out: string | null;
}

/** Parses the command line (node:util parseArgs); throws an Error naming the option and what it accepts. */
export function parseImportArgs(argv: string[]): ImportArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      kind: { type: 'string' },
      qualification: { type: 'string' },
      year: { type: 'string' },
      sheet: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'skip-invalid': { type: 'boolean', default: false },
      mapping: { type: 'string' },
      report: { type: 'string' },
      actor: { type: 'string' },
      undo: { type: 'string' },
      template: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 1) throw new Error(`one file at a time; got ${positionals.join(', ')}`);
  if (values.year !== undefined && !/^\d{4}$/.test(values.year)) {
    throw new Error(`--year must be a 4-digit year, got '${values.year}'`);
  }
  const args: ImportArgs = {
    help: values.help ?? false,
    file: positionals[0] ?? null,
    kind: values.kind ?? null,
    qualification: values.qualification ?? null,
    year: values.year === undefined ? null : Number(values.year),
    sheet: values.sheet ?? null,
    dryRun: values['dry-run'] ?? false,
    skipInvalid: values['skip-invalid'] ?? false,
    mapping: values.mapping ?? null,
    report: values.report ?? null,
    actor: values.actor ?? userInfo().username,
    undo: values.undo ?? null,
    template: values.template ?? null,
    out: values.out ?? null,
  };
  if (args.help) return args;
  const modes = [args.file !== null, args.undo !== null, args.template !== null].filter(Boolean).length;
  if (modes !== 1) throw new Error('give a FILE to import, or --undo BATCH_ID, or --template KIND (one of them)');
  if (args.template !== null) {
    importKind(args.template);
    if (!args.out) throw new Error('--template needs --out FILE.xlsx');
  }
  if (args.file !== null && args.kind === null)
    throw new Error(`--kind is required: one of ${IMPORT_KINDS.join(', ')}`);
  return args;
}

function summary(report: ImportReport): string {
  const outcome = report.dryRun
    ? report.applied
      ? 'would be written'
      : 'would be written if the problems below were fixed'
    : report.applied
      ? 'written'
      : 'not written: fix the problems below and import again (or --skip-invalid)';
  const lines = [
    `${report.file} (${report.kind}${report.sheet ? `, sheet ${report.sheet}` : ''}${report.encoding ? `, ${report.encoding}` : ''}): ${report.rows} rows`,
    `  ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged: ${outcome}`,
  ];
  if (report.duplicates.length > 0) {
    lines.push(
      `  ${report.duplicates.length} duplicate rows applied once: ${report.duplicates.map((d) => `${d.row} = ${d.sameAs}`).join(', ')}`,
    );
  }
  for (const p of report.invalid) {
    lines.push(`  row ${p.row}${p.column ? `, ${p.column}` : ''}${p.value ? ` "${p.value}"` : ''}: ${p.reason}`);
  }
  for (const r of report.review) {
    const candidates = r.candidates.map((c) => `${c.id} ${c.name} (${c.score})`).join('; ');
    lines.push(`  row ${r.row} "${r.name}" needs review: ${candidates} — decide with --mapping (row,id or row,new)`);
  }
  if (report.ignoredColumns.length > 0) lines.push(`  columns not read: ${report.ignoredColumns.join(', ')}`);
  if (report.batchId) lines.push(`  import batch ${report.batchId} (undo: npm run import -- --undo ${report.batchId})`);
  else if (!report.dryRun) lines.push('  nothing was written');
  return lines.join('\n');
}

async function main(): Promise<number> {
  const args = argumentsOrExit(parseImportArgs, USAGE);
  if (typeof args === 'number') return args;
  if (args.template !== null) {
    writeFileSync(args.out as string, await writeTemplate(importKind(args.template)));
    console.log(`written ${args.out}: the ${args.template} template (fill the first sheet; 示例 shows an example row)`);
    return 0;
  }
  return withDatabase({ name: 'import', logger: () => createLogger('warn'), run: (db) => importOrUndo(db, args) });
}

/** Imports the file, or undoes a batch, on the open database; the command's exit code. */
async function importOrUndo({ config, driver }: Database, args: ImportArgs): Promise<number> {
  const subject = (operation: string): AuditSubject => ({
    actor: args.actor,
    roles: ['cli'],
    operation,
    requestId: null,
  });
  await migrate(driver, config.database);
  // An import is one transaction over the whole file: it gets the time a large file needs (IMPORT_TIMEOUT_MS).
  const tx = { database: config.database, timeoutMs: config.imports.timeoutMs };
  /** Set when the write left the maintained aggregates pending or stale: brought back before the command ends. */
  let settle = false;
  if (args.undo !== null) {
    const report = await undoImport(driver, tx, args.undo, subject('undo import'), () => (settle = true));
    if (!report.undone) {
      console.error(`import batch ${args.undo} was not undone: ${report.conflicts.length} conflicts`);
      for (const c of report.conflicts) console.error(`  ${c.id}: ${c.reason}`);
      return 1;
    }
    console.log(
      `import batch ${args.undo} undone: ${report.nodesRemoved} nodes removed, ${report.nodesRestored} restored, ` +
        `${report.relationshipsRemoved} relationships removed, ${report.relationshipsRestored} restored`,
    );
    if (settle) await catchUpOrRebuildAndSay(driver, config.database);
    return 0;
  }
  const file = args.file as string;
  const report = await runImport(driver, tx, {
    bytes: readFileSync(file),
    fileName: file,
    kind: args.kind as string,
    qualification: args.qualification,
    year: args.year,
    sheet: args.sheet,
    dryRun: args.dryRun,
    skipInvalid: args.skipInvalid,
    mapping: args.mapping === null ? undefined : parseMapping(readFileSync(args.mapping, 'utf8')),
    subject: subject(`import ${args.kind}`),
    progress: (message) => console.log(message),
    onAggregatesStale: () => (settle = true),
  });
  if (settle) await catchUpOrRebuildAndSay(driver, config.database);
  if (args.report) writeFileSync(args.report, `${JSON.stringify(report, null, 2)}\n`);
  console.log(summary(report));
  return report.applied && report.invalid.length === 0 && report.review.length === 0 ? 0 : 1;
}

// A file or batch that cannot be used, or a database that cannot be reached: the message says which (exit 2).
if (require.main === module) runCommand(main, 'import');
