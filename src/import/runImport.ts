import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { beginUpkeep, IMPORT_MAX_SUBJECTS, touchedIds } from '../aggregates';
import { type AuditSubject, auditMetadata, countingRunner, newAuditId, recordAudit } from '../audit';
import { readTx, type TxOptions, writeTx } from '../db';
import { QUALIFICATIONS, validateYear } from '../domain';
import { diffRows, writeDiff } from './apply/diff';
import { importCypher } from './apply/statements';
import { IMPORT_KINDS, type ImportKind, KINDS } from './kinds';
import type { ReviewItem } from './match/matchRow';
import { planImport } from './match/plan';
import { suppliedByOptions } from './match/planOptions';
import type { Problem } from './match/rows';
import { findHeaderRow, HEADER_SEARCH_ROWS, missingHeaders } from './read/headers';
import { FileError, readTable } from './read/readTable';

/** What an import is asked to do: the file and the options of `npm run import` / `POST /import`. */
export interface ImportRequest {
  bytes: Buffer;
  fileName: string;
  kind: string;
  qualification?: string | null;
  year?: number | null;
  sheet?: string | null;
  dryRun?: boolean;
  skipInvalid?: boolean;
  /** Decisions on rows under review: spreadsheet row → enterprise id or `new` (parseMapping reads the CSV). */
  mapping?: ReadonlyMap<number, string>;
  subject: AuditSubject;
  progress?: (message: string) => void;
  /** Called once the import committed if it marked the maintained aggregates stale (more subjects than it refreshes). */
  onAggregatesStale?: () => void;
}

/** The report of an import (the `--report` file and the HTTP answer). */
export interface ImportReport {
  /** The ImportBatch written, or null when nothing was (a dry run, or a refused file). */
  batchId: string | null;
  kind: ImportKind;
  file: string;
  sha256: string;
  sheet: string | null;
  encoding: string | null;
  dryRun: boolean;
  /** True when the rows were written (or, in a dry run, would be). */
  applied: boolean;
  /** Rows with data below the header (blank and footnote rows not counted). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: Problem[];
  review: ReviewItem[];
  duplicates: { row: number; sameAs: number }[];
  /** Header cells that name no column of the kind (their cells are not read). */
  ignoredColumns: string[];
  /** The AuditEvent of the write, or null. */
  auditEventId: string | null;
}

/** Reads a mapping file (CSV `row,id`, a header line allowed): spreadsheet row → enterprise id or `new`. */
export function parseMapping(text: string): Map<number, string> {
  const mapping = new Map<number, string>();
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, i) => {
      const [row, id] = line.split(/[,\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
      if (!row || (i === 0 && !/^\d+$/.test(row))) return;
      if (!/^\d+$/.test(row) || !id) {
        throw new FileError(
          `mapping line ${i + 1}: write "row,id" (a row number and an id of the graph, or new), got "${line}"`,
        );
      }
      mapping.set(Number(row), id);
    });
  return mapping;
}

/** The kind asked for, or a FileError naming the kinds there are. */
export function importKind(kind: string): ImportKind {
  if ((IMPORT_KINDS as readonly string[]).includes(kind)) return kind as ImportKind;
  throw new FileError(`--kind must be one of ${IMPORT_KINDS.join(', ')}; got ${JSON.stringify(kind)}`);
}

/**
 * Imports a spreadsheet: one code path for `npm run import` and `POST /import`. All or nothing by default: a row
 * that is invalid or under review means nothing is written (`applied: false`); with `skipInvalid` the other rows are
 * written. A dry run reads in a read transaction and writes nothing. The write — the rows, the ImportBatch with what
 * each node had before, and the AuditEvent — is one transaction: it commits whole or not at all.
 * @throws FileError for a file that cannot be read at all (unknown kind, no header row, not .xlsx/.csv)
 */
export async function runImport(driver: Driver, tx: TxOptions, request: ImportRequest): Promise<ImportReport> {
  const kind = importKind(request.kind);
  if (request.qualification && !Object.hasOwn(QUALIFICATIONS, request.qualification)) {
    throw new FileError(
      `--qualification must be one of ${Object.keys(QUALIFICATIONS).join(', ')}; got ${request.qualification}`,
    );
  }
  if (request.year !== undefined && request.year !== null) {
    const problem = validateYear(request.year);
    if (problem !== null) throw new FileError(`--year: ${problem}; got ${request.year}`);
  }
  const fileName = path.basename(request.fileName);
  const table = await readTable(request.bytes, fileName, request.sheet ?? null);
  // Only the rows the header may be in, as text: not the whole file.
  const grid = table.rows.slice(0, HEADER_SEARCH_ROWS).map((r) => r.cells.map((c) => (c === null ? '' : String(c))));
  const spec = KINDS[kind];
  const supplied = suppliedByOptions(spec, {
    year: request.year ?? null,
    qualification: request.qualification ?? null,
  });
  const header = findHeaderRow(spec, grid, supplied);
  if (!header) {
    const byOption = new Map(Object.entries(spec.optionColumns).map(([option, key]) => [key, option]));
    const missing = missingHeaders(spec, grid, supplied).map((h) => {
      const key = spec.columns.find((c) => c.header === h)?.key ?? '';
      return byOption.has(key) ? `${h} (or --${byOption.get(key)})` : h;
    });
    throw new FileError(
      `${fileName}: no header row with the columns of ${kind} in its first ${HEADER_SEARCH_ROWS} rows; missing ${missing.join(', ')}`,
    );
  }
  const dataRows = table.rows.slice(header.rowIndex + 1);
  const sha256 = createHash('sha256').update(request.bytes).digest('hex');
  const dryRun = request.dryRun ?? false;
  const skipInvalid = request.skipInvalid ?? false;
  const options = {
    kind: spec,
    qualification: request.qualification ?? null,
    year: request.year ?? null,
    mapping: request.mapping ?? new Map<number, string>(),
    fileName,
  };
  const started = Date.now();
  const progress = (done: number, total: number) => {
    const seconds = (Date.now() - started) / 1000;
    const rate = done / Math.max(seconds, 0.001);
    request.progress?.(
      `matched ${done}/${total} rows, ${Math.round(rate)} rows/s, ETA ${Math.ceil((total - done) / rate)} s`,
    );
  };
  /** Set by the transaction that committed: it had to mark the maintained aggregates stale (too many subjects). */
  let staleAfterCommit = false;
  // Named before the transaction: its metadata tells the change-history trigger the batch, the file and the event.
  const batchId = `batch-${randomUUID()}`;
  const auditId = newAuditId();
  const work = async (raw: Pick<ManagedTransaction, 'run'>, write: boolean): Promise<ImportReport> => {
    staleAfterCommit = false;
    // Imports and undos one at a time: each reads what it replaces in its own transaction, and two at once over the
    // same firm would both keep the same "before" (the later would erase the earlier's write, and its undo too).
    if (write) await raw.run(importCypher('lock'));
    const { run, counts } = countingRunner(raw);
    const plan = await planImport(run, header, dataRows, options, progress);
    const diff = diffRows(plan.rows, plan.state);
    const blocked = plan.invalid.length > 0 || plan.review.length > 0;
    const applies = !blocked || skipInvalid;
    const report: ImportReport = {
      batchId: null,
      kind,
      file: fileName,
      sha256,
      sheet: table.sheet,
      encoding: table.encoding,
      dryRun,
      applied: applies,
      rows: plan.dataRows,
      created: diff.created,
      updated: diff.updated,
      unchanged: diff.unchanged,
      invalid: plan.invalid,
      review: plan.review,
      duplicates: plan.duplicates,
      ignoredColumns: header.ignored,
      auditEventId: null,
    };
    if (!write || !applies) return report;
    await run.run(importCypher('createBatch'), {
      id: batchId,
      auditId,
      file: fileName,
      sha256,
      kind,
      options: JSON.stringify({
        qualification: options.qualification,
        year: options.year,
        sheet: request.sheet ?? null,
        skipInvalid,
        mapping: Object.fromEntries(options.mapping),
      }),
      actor: request.subject.actor,
      rows: neo4j.int(plan.dataRows),
      created: neo4j.int(diff.created),
      updated: neo4j.int(diff.updated),
      unchanged: neo4j.int(diff.unchanged),
      invalid: neo4j.int(plan.invalid.length),
      review: neo4j.int(plan.review.length),
      duplicates: neo4j.int(plan.duplicates.length),
    });
    const touched = [...diff.touches.values()];
    const written = touched.filter((t) => t.created || Object.keys(t.after).length > 0).length;
    const rels = touched.reduce((n, t) => n + t.rels.size, 0);
    request.progress?.(`writing ${written} nodes and ${rels} relationships in one transaction`);
    // The maintained aggregates, in this transaction: every node the batch writes (and the start of every
    // relationship it writes) is touched; the subjects near them before and after are refreshed.
    const upkeep = await beginUpkeep(raw, { ids: touchedIds(touched) }, IMPORT_MAX_SUBJECTS);
    await writeDiff(run, batchId, diff);
    const outcome = await upkeep.after(raw);
    const auditEventId = await recordAudit(raw, request.subject, counts(), auditId);
    if (outcome === 'stale') staleAfterCommit = true;
    return { ...report, batchId, auditEventId };
  };
  // SHOW TRANSACTIONS names an import by its file and actor (operators see what is running, tests wait for it); the
  // change-history trigger reads the batch, the file and the event from it.
  const metadata = auditMetadata(request.subject, auditId, { batchId, importFile: fileName, history: 'batch' });
  if (dryRun) return readTx(driver, { ...tx, metadata }, (t) => work(t, false));
  const report = await writeTx(driver, { ...tx, metadata }, (t) => work(t, true));
  if (staleAfterCommit) request.onAggregatesStale?.();
  return report;
}
