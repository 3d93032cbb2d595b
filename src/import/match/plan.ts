import { createHash } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { importCypher } from '../apply/statements';
import { same } from '../apply/stored';
import type { KindSpec, NodeWrite, References, RelWrite } from '../kinds';
import type { HeaderMatch } from '../read/headers';
import type { TableRow } from '../read/table';
import { type Cell, cellText, isBlank, parseValue, type ValueContext } from '../read/values';
import { normalizeName, REVIEW_THRESHOLD, SimilarNames } from './names';

/** A row problem, as the report lists it: the row as the spreadsheet numbers it, the column's header, the value. */
export interface Problem {
  row: number;
  column: string | null;
  value: string | null;
  reason: string;
}

export interface Candidate {
  id: string;
  name: string;
  score: number;
}

export interface ReviewItem {
  row: number;
  name: string;
  candidates: Candidate[];
}

/** What the importer may be told besides the file (the options of `npm run import` and `POST /import`). */
export interface PlanOptions {
  kind: KindSpec;
  /** The qualification of every row whose 资质 cell is empty (qualifications). */
  qualification: string | null;
  /** The year of every row whose year cell is empty (年份 of enterprises, 认定年份 of qualifications). */
  year: number | null;
  /** Decisions on rows under review: spreadsheet row → an enterprise id, or `new`. */
  mapping: ReadonlyMap<number, string>;
  /** The file's name, for `source` (file and row). */
  fileName: string;
}

interface EnterpriseRef {
  id: string;
  name: string;
  normalized: string;
  creditCode: string | null;
}

/** A row ready to write: the row, what it writes, and what it was matched to. */
export interface PlannedRow {
  row: number;
  enterpriseId: string;
  matchedBy: 'creditCode' | 'name' | 'mapping' | 'new';
  nodes: NodeWrite[];
  rels: RelWrite[];
}

export interface Plan {
  rows: PlannedRow[];
  invalid: Problem[];
  review: ReviewItem[];
  duplicates: { row: number; sameAs: number }[];
  /** Rows with nothing in any required column (blank lines, footnotes such as `注：排名不分先后`). */
  skipped: number;
  /** Rows with data (planned, invalid, under review or duplicate). */
  dataRows: number;
}

/** What the plan reads from the graph before matching: regions, enterprises and their qualifications' ids. */
export interface GraphIndex {
  context: ValueContext;
  regionIds: Map<string, string>;
  enterprises: EnterpriseRef[];
  byCode: Map<string, EnterpriseRef>;
  byName: Map<string, EnterpriseRef[]>;
  byId: Map<string, EnterpriseRef>;
  qualificationIds: Map<string, string>;
  /** The firms indexed for similar names, built on first use (a file matched by credit codes never needs it). */
  similar: () => SimilarNames<EnterpriseRef>;
  references: References;
}

export async function readGraphIndex(tx: Pick<ManagedTransaction, 'run'>): Promise<GraphIndex> {
  const regions = await tx.run<{ id: string; code: string; name: string; level: string }>(importCypher('regions'));
  const city = regions.records.filter((r) => r.get('level') === 'CITY').map((r) => r.get('name'));
  const context: ValueContext = {
    // A firm is in a county, district or zone: the city itself is not one (its name is a prefix, not a county).
    counties: regions.records
      .filter((r) => r.get('level') !== 'CITY')
      .map((r) => ({ code: r.get('code'), name: r.get('name') })),
    cityPrefixes: [...city, ...city.map((n) => n.replace(/市$/, ''))],
  };
  const regionIds = new Map(regions.records.map((r) => [r.get('code'), r.get('id')]));
  const firms = await tx.run<{ id: string; name: string; creditCode: string | null }>(importCypher('enterprises'));
  const enterprises = firms.records.map((r) => ({
    id: r.get('id'),
    name: r.get('name'),
    creditCode: r.get('creditCode'),
    normalized: normalizeName(r.get('name'), context.cityPrefixes),
  }));
  const byName = new Map<string, EnterpriseRef[]>();
  for (const e of enterprises) byName.set(e.normalized, [...(byName.get(e.normalized) ?? []), e]);
  const quals = await tx.run<{ id: string; code: string }>(importCypher('qualifications'));
  let similar: SimilarNames<EnterpriseRef> | undefined;
  const academic = await tx.run<{ id: string; name: string; label: 'University' | 'ResearchInstitute' }>(
    importCypher('academic'),
  );
  const references = academicReferences(
    academic.records.map((r) => ({
      id: r.get('id'),
      name: r.get('name'),
      label: r.get('label'),
      normalized: normalizeName(r.get('name'), context.cityPrefixes),
    })),
    context.cityPrefixes,
  );
  return {
    context,
    regionIds,
    enterprises,
    byCode: new Map(enterprises.filter((e) => e.creditCode).map((e) => [e.creditCode as string, e])),
    byName,
    byId: new Map(enterprises.map((e) => [e.id, e])),
    similar: () => (similar ??= new SimilarNames(enterprises)),
    references,
    qualificationIds: new Map(quals.records.map((r) => [r.get('code'), r.get('id')])),
  };
}

interface AcademicRef {
  id: string;
  name: string;
  label: 'University' | 'ResearchInstitute';
  normalized: string;
}

/**
 * Universities and research institutes by normalized name: a name matches when exactly one has it; otherwise the
 * problem names the similar ones (a cooperation's partner is never created by an import, and never guessed).
 */
function academicReferences(all: AcademicRef[], cityPrefixes: readonly string[]): References {
  const byName = new Map<string, AcademicRef[]>();
  for (const o of all) byName.set(o.normalized, [...(byName.get(o.normalized) ?? []), o]);
  let similar: SimilarNames<AcademicRef> | undefined;
  return {
    academic(name) {
      const normalized = normalizeName(name, cityPrefixes);
      const same = byName.get(normalized) ?? [];
      if (same.length === 1) return { id: same[0]!.id, label: same[0]!.label };
      if (same.length > 1)
        return { problem: `more than one university or institute is named so: ${same.map((o) => o.id).join(', ')}` };
      similar ??= new SimilarNames(all);
      const near = similar
        .similarTo(normalized)
        .sort((a, b) => b.score - a.score)
        .slice(0, 3)
        .map(({ item }) => `${item.name} (${item.id})`);
      return {
        problem: `no university or research institute of this name is in the graph${near.length ? `; similar: ${near.join('、')}` : ''}`,
      };
    },
  };
}

/** The current state of what the planned rows touch, read in the same transaction as the write. */
export interface GraphState {
  nodes: Map<string, Record<string, unknown>>;
  /** `${type}|${from}|${to}` → properties. */
  rels: Map<string, Record<string, unknown>>;
  /** Per enterprise id: the relationships of the exclusive types it has now, `${type}|${to}`. */
  exclusive: Map<string, string[]>;
  /** Per enterprise id: its report years and the report id of each. */
  reports: Map<string, Map<number, string>>;
}

export async function readState(tx: Pick<ManagedTransaction, 'run'>, ids: string[]): Promise<GraphState> {
  const result = await tx.run(importCypher('state'), { ids });
  const state: GraphState = { nodes: new Map(), rels: new Map(), exclusive: new Map(), reports: new Map() };
  for (const record of result.records) {
    const id = record.get('id') as string;
    state.nodes.set(id, record.get('props') as Record<string, unknown>);
    const regions = record.get('regions') as [string, Record<string, unknown>][];
    state.exclusive.set(
      id,
      regions.map(([to]) => `LOCATED_IN|${to}`),
    );
    for (const [to, props] of regions) state.rels.set(`LOCATED_IN|${id}|${to}`, props);
    const years = new Map<number, string>();
    for (const [reportId, year, props, rel] of record.get('reports') as [
      string,
      unknown,
      Record<string, unknown>,
      Record<string, unknown>,
    ][]) {
      years.set(Number(year), reportId);
      state.nodes.set(reportId, props);
      state.rels.set(`HAS_REPORT|${id}|${reportId}`, rel);
    }
    state.reports.set(id, years);
    for (const [to, props] of record.get('holds') as [string, Record<string, unknown>][]) {
      state.rels.set(`HOLDS|${id}|${to}`, props);
    }
    for (const [to, props] of record.get('cooperations') as [string, Record<string, unknown>][]) {
      state.rels.set(`COOPERATES_WITH|${id}|${to}`, props);
    }
  }
  return state;
}

/** Words that open a footnote below the data (`注：排名不分先后`, `数据来源：统计局`). */
const NOTE = /^(注|说明|备注|附注|填表|填报|制表|审核|数据来源|来源)/;

/** A footnote row: one text (in one cell, or merged across the row) that opens like one. */
function isNote(cells: readonly Cell[]): boolean {
  const texts = new Set(cells.filter((c) => !isBlank(c)).map((c) => cellText(c)));
  const [text] = texts;
  return texts.size === 1 && text !== undefined && NOTE.test(text);
}

interface RowValues {
  row: number;
  values: Record<string, unknown>;
  /** The cell text of each column, for reports. */
  texts: Record<string, string>;
}

/** The columns the options fill (`--year`, `--qualification`): required in the file only when no option gives them. */
export function suppliedByOptions(spec: KindSpec, options: Pick<PlanOptions, 'year' | 'qualification'>): Set<string> {
  const supplied = new Set<string>();
  if (options.year !== null && spec.optionColumns.year) supplied.add(spec.optionColumns.year);
  if (options.qualification !== null && spec.optionColumns.qualification)
    supplied.add(spec.optionColumns.qualification);
  return supplied;
}

/** Reads the data rows below the header: values by column key, or the row's problems. */
function readRows(
  header: HeaderMatch,
  rows: readonly TableRow[],
  index: GraphIndex,
  options: PlanOptions,
): { read: RowValues[]; invalid: Problem[]; skipped: number } {
  const spec = options.kind;
  const read: RowValues[] = [];
  const invalid: Problem[] = [];
  let skipped = 0;
  const supplied = suppliedByOptions(spec, options);
  const optionValue: Record<string, unknown> = {};
  if (spec.optionColumns.year) optionValue[spec.optionColumns.year] = options.year;
  if (spec.optionColumns.qualification) optionValue[spec.optionColumns.qualification] = options.qualification;
  for (const { row, cells } of rows) {
    const cellOf = (key: string): Cell => {
      const at = header.columns.get(key);
      return at === undefined ? null : (cells[at] ?? null);
    };
    const required = spec.columns.filter((c) => c.required && !supplied.has(c.key));
    if (required.every((c) => isBlank(cellOf(c.key))) || isNote(cells)) {
      skipped += 1;
      continue;
    }
    const values: Record<string, unknown> = {};
    const texts: Record<string, string> = {};
    const problems: Problem[] = [];
    for (const column of spec.columns) {
      const cell = cellOf(column.key);
      const shownHeader = header.headers.get(column.key) ?? column.header;
      texts[column.key] = cellText(cell);
      const parsed = header.columns.has(column.key)
        ? parseValue(column.type, cell, index.context)
        : ({ ok: true, value: null } as const);
      if (!parsed.ok) {
        problems.push({ row, column: shownHeader, value: cellText(cell), reason: parsed.reason });
        continue;
      }
      // A cell says more than an option: the option fills the rows that leave the column empty.
      values[column.key] = parsed.value ?? optionValue[column.key] ?? null;
      if (values[column.key] === null && column.required) {
        problems.push({ row, column: shownHeader, value: '', reason: 'required, but empty' });
      }
    }
    if (problems.length === 0) {
      const problem = spec.check?.(values, index.references);
      if (problem) {
        const shownHeader = header.headers.get(problem.column) ?? problem.column;
        problems.push({ row, column: shownHeader, value: texts[problem.column] ?? '', reason: problem.reason });
      }
    }
    if (problems.length > 0) invalid.push(...problems);
    else read.push({ row, values, texts });
  }
  return { read, invalid, skipped };
}

/**
 * Candidates for a name with no exact match: names scoring at least REVIEW_THRESHOLD, best first, at most 5. A row
 * with a valid credit code is not offered firms that have another code: a code names one legal person, so those are
 * other firms, however alike the names.
 */
function candidatesFor(normalized: string, index: GraphIndex, creditCode: string | null): Candidate[] {
  return index
    .similar()
    .similarTo(normalized, REVIEW_THRESHOLD)
    .filter(({ item: e }) => !creditCode || !e.creditCode || e.creditCode === creditCode)
    .map(({ item: e, score }) => ({ id: e.id, name: e.name, score: Math.round(score * 100) / 100 }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, 5);
}

type Match =
  | { kind: 'existing'; id: string; by: 'creditCode' | 'name' | 'mapping' }
  | { kind: 'new' }
  | { kind: 'review'; candidates: Candidate[] }
  | { kind: 'invalid'; problem: Problem };

/**
 * Matching, in the order the reference gives: credit code, normalized name, review, new (where allowed). A mapping
 * (`--mapping`) decides only a row that would otherwise be under review, and only for what it may decide: an id of
 * a firm whose credit code does not contradict the row's, or `new` where the kind may create the firm.
 */
function match(values: RowValues, index: GraphIndex, options: PlanOptions, header: HeaderMatch): Match {
  const { row } = values;
  const creditCode = values.values.creditCode as string | null;
  const name = values.values.name as string | null;
  const codeColumn = header.headers.get('creditCode') ?? '统一社会信用代码';
  if (creditCode) {
    const found = index.byCode.get(creditCode);
    if (found) return { kind: 'existing', id: found.id, by: 'creditCode' };
  }
  const normalized = normalizeName(name ?? '', index.context.cityPrefixes);
  // Firms with another credit code than the row's are other legal persons, whatever their names.
  const compatible = (e: EnterpriseRef) => !creditCode || !e.creditCode || e.creditCode === creditCode;
  const sameName = index.byName.get(normalized) ?? [];
  const same = sameName.filter(compatible);
  if (same.length === 1) return { kind: 'existing', id: (same[0] as EnterpriseRef).id, by: 'name' };
  if (sameName.length === 1 && same.length === 0) {
    const found = sameName[0] as EnterpriseRef;
    const reason = `the name is that of ${found.id}, whose credit code is ${found.creditCode}: correct the code, or the name if this is another firm`;
    return { kind: 'invalid', problem: { row, column: codeColumn, value: creditCode, reason } };
  }
  const candidates =
    same.length > 1
      ? same.map((e) => ({ id: e.id, name: e.name, score: 1 }))
      : candidatesFor(normalized, index, creditCode);
  const mayCreate = options.kind.createsWithoutCreditCode || Boolean(creditCode);
  const mapped = options.mapping.get(row);
  if (candidates.length > 0 && mapped !== undefined) {
    const decided = index.byId.get(mapped);
    if (mapped === 'new' && mayCreate) return { kind: 'new' };
    if (decided && compatible(decided)) return { kind: 'existing', id: decided.id, by: 'mapping' };
    const reason =
      mapped === 'new'
        ? 'the mapping says new, but a firm is created only with its 统一社会信用代码'
        : decided
          ? `the mapping names ${mapped}, whose credit code ${decided.creditCode} is not the row's`
          : `the mapping names ${mapped}, which is no enterprise`;
    return { kind: 'invalid', problem: { row, column: null, value: mapped, reason } };
  }
  if (candidates.length > 0) return { kind: 'review', candidates };
  if (mayCreate) return { kind: 'new' };
  const column = header.headers.get('name') ?? '企业名称';
  const reason = 'no enterprise of this name is in the graph; give its 统一社会信用代码 to create it';
  return { kind: 'invalid', problem: { row, column, value: name ?? '', reason } };
}

/**
 * What a row writes: the firm (created with its name and defaults when new; its credit code), its county
 * (LOCATED_IN, replacing another), and what its kind adds; `source` (file and row) on everything it writes.
 */
function writesOf(
  spec: KindSpec,
  values: Record<string, unknown>,
  firmId: string,
  isNew: boolean,
  index: GraphIndex,
  state: GraphState,
  source: string,
): { nodes: NodeWrite[]; rels: RelWrite[] } {
  const firm: Record<string, unknown> = isNew
    ? { name: values.name, aboveScale: false, backbone: false, synthetic: false }
    : {};
  if (values.creditCode) firm.creditCode = values.creditCode;
  const rels: RelWrite[] = [];
  if (values.county) {
    const to = index.regionIds.get(values.county as string) as string;
    rels.push({ type: 'LOCATED_IN', from: firmId, toLabel: 'Region', to, props: {}, exclusive: true });
  }
  const reports = state.reports.get(firmId) ?? new Map<number, string>();
  state.reports.set(firmId, reports);
  const own = spec.writes({
    values,
    firmId,
    reports,
    qualificationIds: index.qualificationIds,
    references: index.references,
  });
  const nodes: NodeWrite[] = [{ label: 'Enterprise', id: firmId, props: { ...firm, ...own.firm } }, ...own.nodes];
  const all = { nodes, rels: [...rels, ...own.rels] };
  for (const write of [...all.nodes, ...all.rels]) write.props.source = source;
  return all;
}

/** The id of a firm a row creates: from its credit code when it has one, else from its normalized name. */
function newFirmId(values: Record<string, unknown>, normalized: string): string {
  if (values.creditCode) return `ent-${String(values.creditCode)}`;
  return `ent-name-${createHash('sha256').update(normalized).digest('hex').slice(0, 32)}`;
}

/**
 * Plans an import: reads the rows, matches them, finds duplicates and what each row would write. Reads the graph in
 * `tx` (the write transaction, when the plan is applied) and writes nothing.
 */
export async function planImport(
  tx: Pick<ManagedTransaction, 'run'>,
  header: HeaderMatch,
  dataRows: readonly TableRow[],
  options: PlanOptions,
  progress?: (done: number, total: number) => void,
): Promise<Plan & { state: GraphState }> {
  const index = await readGraphIndex(tx);
  const { read, invalid, skipped } = readRows(header, dataRows, index, options);
  const review: ReviewItem[] = [];
  const duplicates: { row: number; sameAs: number }[] = [];
  const matched: { values: RowValues; match: Extract<Match, { kind: 'existing' | 'new' }> }[] = [];
  for (const [i, values] of read.entries()) {
    const m = match(values, index, options, header);
    if (m.kind === 'invalid') invalid.push(m.problem);
    else if (m.kind === 'review') {
      review.push({ row: values.row, name: String(values.values.name), candidates: m.candidates });
    } else matched.push({ values, match: m });
    if ((i + 1) % 500 === 0) {
      progress?.(i + 1, read.length);
      // Matching is CPU work: let the server answer others (health checks included) between slices of a large file.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const state = await readState(
    tx,
    matched.flatMap(({ match: m }) => (m.kind === 'existing' ? [m.id] : [])),
  );
  const firstOf = new Map<string, RowValues>();
  const rows: PlannedRow[] = [];
  /** Firms this file creates: their later rows must not write the defaults of a new firm again. */
  const createdHere = new Set<string>();
  /** Which firm each credit code went to, and each firm's code, with the row that said so. */
  const firmOfCode = new Map<string, { firm: string; row: number }>();
  const codeOfFirm = new Map<string, { code: string; row: number }>();
  for (const { values, match: m } of matched) {
    const normalized = normalizeName(String(values.values.name), index.context.cityPrefixes);
    const firmId = m.kind === 'existing' ? m.id : newFirmId(values.values, normalized);
    const code = values.values.creditCode as string | null;
    if (code) {
      const codeColumn = header.headers.get('creditCode') ?? '统一社会信用代码';
      const other = firmOfCode.get(code);
      const graphCode = index.byId.get(firmId)?.creditCode;
      const known = codeOfFirm.get(firmId) ?? (graphCode ? { code: graphCode, row: 0 } : undefined);
      if (other && other.firm !== firmId) {
        const reason = `row ${other.row} gives this credit code to ${other.firm}, this row to ${firmId}: one code, one firm`;
        invalid.push({ row: values.row, column: codeColumn, value: code, reason });
        continue;
      }
      if (known && known.code !== code) {
        const where = known.row ? `row ${known.row} gives it` : 'it has';
        const reason = `this row names ${firmId}, but ${where} the credit code ${known.code}: one firm, one code`;
        invalid.push({ row: values.row, column: codeColumn, value: code, reason });
        continue;
      }
      firmOfCode.set(code, { firm: firmId, row: values.row });
      codeOfFirm.set(firmId, { code, row: values.row });
    }
    const key = `${firmId}|${options.kind.subject(values.values)}`;
    const first = firstOf.get(key);
    if (first) {
      const differing = Object.keys(values.values).filter((k) => !same(values.values[k], first.values[k]));
      if (differing.length === 0) duplicates.push({ row: values.row, sameAs: first.row });
      else {
        const columns = differing.map((k) => header.headers.get(k) ?? k).join(', ');
        const reason = `the same ${options.kind.subjectName} as row ${first.row}, with other values in ${columns}`;
        invalid.push({ row: values.row, column: null, value: null, reason });
      }
      continue;
    }
    const problem = options.kind.conflict?.(values.values, {
      relationship: (type, to) => state.rels.get(`${type}|${firmId}|${to}`),
      qualificationIds: index.qualificationIds,
    });
    if (problem) {
      invalid.push({
        row: values.row,
        column: header.headers.get(problem.column) ?? problem.column,
        value: null,
        reason: problem.reason,
      });
      continue;
    }
    firstOf.set(key, values);
    const isNew = m.kind === 'new' && !state.nodes.has(firmId) && !createdHere.has(firmId);
    if (isNew) createdHere.add(firmId);
    const source = `${options.fileName}, row ${values.row}`;
    const writes = writesOf(options.kind, values.values, firmId, isNew, index, state, source);
    rows.push({ row: values.row, enterpriseId: firmId, matchedBy: m.kind === 'new' ? 'new' : m.by, ...writes });
  }
  invalid.sort((a, b) => a.row - b.row);
  return { rows, invalid, review, duplicates, skipped, dataRows: dataRows.length - skipped, state };
}
