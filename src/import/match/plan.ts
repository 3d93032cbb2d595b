import { createHash } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { IMPORT_TYPES, importCypher, templated } from '../apply/statements';
import { groupBy } from '../apply/groupBy';
import { same } from '../apply/stored';
import type { KindSpec, NodeWrite, OrganisationLabel, References, RelWrite, SubjectSpec } from '../kinds';
import type { HeaderMatch } from '../read/headers';
import type { TableRow } from '../read/table';
import { type Cell, cellText, isBlank, parseValue, type ValueContext } from '../read/values';
import { normalizeName, REVIEW_THRESHOLD, SimilarNames, similarity } from './names';

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
  /** Decisions on rows under review: spreadsheet row → the id of a firm, platform or project, or `new`. */
  mapping: ReadonlyMap<number, string>;
  /** The file's name, for `source` (file and row). */
  fileName: string;
}

/** A firm, platform or project a row may be matched to, with its code (credit code, 项目编号) when known. */
interface SubjectRef {
  id: string;
  name: string;
  normalized: string;
  code: string | null;
}

/** A row ready to write: the row, what it writes, and what it was matched to. */
export interface PlannedRow {
  row: number;
  /** The firm, platform or project the row is about. */
  subjectId: string;
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

/**
 * What the plan reads from the graph before matching: regions, the kind's subjects (firms, platforms or projects)
 * by code, name and id, qualifications' ids, and what rows may refer to (organisations, chains, people).
 */
export interface GraphIndex {
  context: ValueContext;
  regionIds: Map<string, string>;
  /** Subjects by code: a credit code names one firm; a 项目编号 may be held by projects of several programmes. */
  byCode: Map<string, SubjectRef[]>;
  /** A subject's name as matched (normalizeName, keeping a leading place where the kind says so). */
  normalize: (name: string) => string;
  byName: Map<string, SubjectRef[]>;
  byId: Map<string, SubjectRef>;
  qualificationIds: Map<string, string>;
  /** The subjects indexed for similar names, built on first use (a file matched by codes never needs it). */
  similar: () => SimilarNames<SubjectRef>;
  references: References;
}

type Run = Pick<ManagedTransaction, 'run'>;

/** Rows of `cypher/import/<name>.cypher` (columns id, name, code) as references matched by normalized name. */
async function namedRefs(
  tx: Run,
  name: string,
  cityPrefixes: readonly string[],
  placePrefixes = true,
): Promise<SubjectRef[]> {
  const result = await tx.run<{ id: string; name: string; code: string | null }>(importCypher(name));
  return result.records.map((r) => ({
    id: r.get('id'),
    name: r.get('name'),
    code: r.get('code'),
    normalized: normalizeName(r.get('name'), cityPrefixes, placePrefixes),
  }));
}

export async function readGraphIndex(tx: Run, entity: SubjectSpec): Promise<GraphIndex> {
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
  const enterprises = await namedRefs(tx, 'enterprises', context.cityPrefixes);
  const subjects =
    entity.label === 'Enterprise'
      ? enterprises
      : await namedRefs(
          tx,
          entity.label === 'Platform' ? 'platforms' : 'projects',
          context.cityPrefixes,
          entity.placePrefixes,
        );
  const byName = new Map<string, SubjectRef[]>();
  for (const e of subjects) byName.set(e.normalized, [...(byName.get(e.normalized) ?? []), e]);
  const quals = await tx.run<{ id: string; code: string }>(importCypher('qualifications'));
  let similar: SimilarNames<SubjectRef> | undefined;
  const academic = await tx.run<{ id: string; name: string; label: 'University' | 'ResearchInstitute' }>(
    importCypher('academic'),
  );
  const academicRefs = academic.records.map((r) => ({
    id: r.get('id'),
    name: r.get('name'),
    label: r.get('label'),
    normalized: normalizeName(r.get('name'), context.cityPrefixes),
  }));
  const chains = await tx.run<{ id: string; name: string }>(importCypher('chains'));
  const people = await tx.run<{ id: string; name: string; employer: string }>(importCypher('people'));
  const references = graphReferences(
    [...enterprises.map((e) => ({ ...e, label: 'Enterprise' as const })), ...academicRefs],
    chains.records.map((r) => ({ id: r.get('id'), name: r.get('name') })),
    people.records.map((r) => ({ id: r.get('id'), name: r.get('name'), employer: r.get('employer') })),
    context.cityPrefixes,
  );
  return {
    context,
    regionIds,
    byCode: groupBy(
      subjects.filter((e) => e.code),
      (e) => e.code as string,
    ),
    normalize: (name) => normalizeName(name, context.cityPrefixes, entity.placePrefixes),
    byName,
    byId: new Map(subjects.map((e) => [e.id, e])),
    similar: () => (similar ??= new SimilarNames(subjects, entity.commonEnding)),
    references,
    qualificationIds: new Map(quals.records.map((r) => [r.get('code'), r.get('id')])),
  };
}

interface OrganisationRef {
  id: string;
  name: string;
  label: OrganisationLabel;
  normalized: string;
}

/** A chain's name as matched: normalized, without `产业链` / `链` at its end (`尼龙` = `尼龙产业链`). */
const chainKey = (name: string, cityPrefixes: readonly string[]) =>
  normalizeName(name, cityPrefixes).replace(/(产业链|链)$/, '');

/**
 * What rows refer to besides their subject, each by normalized name and only when exactly one thing has it:
 * otherwise the problem says so and names the similar ones (an import never creates a partner, host, undertaker,
 * employer or chain, and never guesses one).
 */
function graphReferences(
  organisations: OrganisationRef[],
  chains: { id: string; name: string }[],
  people: { id: string; name: string; employer: string }[],
  cityPrefixes: readonly string[],
): References {
  const byName = new Map<string, OrganisationRef[]>();
  for (const o of organisations) byName.set(o.normalized, [...(byName.get(o.normalized) ?? []), o]);
  const similar = new Map<string, SimilarNames<OrganisationRef>>();
  const find = <L extends OrganisationLabel>(name: string, labels: readonly L[], what: string) => {
    const normalized = normalizeName(name, cityPrefixes);
    const same = (byName.get(normalized) ?? []).filter((o): o is OrganisationRef & { label: L } =>
      (labels as readonly string[]).includes(o.label),
    );
    if (same.length === 1) return { id: same[0]!.id, label: same[0]!.label };
    if (same.length > 1) return { problem: `more than one ${what} is named so: ${same.map((o) => o.id).join(', ')}` };
    const key = labels.join();
    if (!similar.has(key)) {
      const candidates = organisations.filter((o) => (labels as readonly string[]).includes(o.label));
      similar.set(key, new SimilarNames(candidates));
    }
    const near = similar
      .get(key)!
      .similarTo(normalized)
      .sort((a, b) => b.score - a.score)
      .slice(0, 3)
      .map(({ item }) => `${item.name} (${item.id})`);
    return { problem: `no ${what} of this name is in the graph${near.length ? `; similar: ${near.join('、')}` : ''}` };
  };
  const chainIds = new Map<string, string[]>();
  for (const c of chains) {
    for (const key of new Set([chainKey(c.name, cityPrefixes), c.id]))
      chainIds.set(key, [...(chainIds.get(key) ?? []), c.id]);
  }
  const staff = new Map<string, string[]>();
  for (const p of people) {
    const key = `${p.employer}|${normalizeName(p.name, cityPrefixes)}`;
    staff.set(key, [...(staff.get(key) ?? []), p.id]);
  }
  return {
    academic: (name) => find(name, ['University', 'ResearchInstitute'] as const, 'university or research institute'),
    organisation: (name) =>
      find(name, ['Enterprise', 'University', 'ResearchInstitute'] as const, 'enterprise, university or institute'),
    chain(name) {
      const ids = chainIds.get(chainKey(name, cityPrefixes)) ?? [];
      if (ids.length === 1) return { id: ids[0] as string };
      const known = chains.map((c) => c.name).join('、');
      return ids.length > 1
        ? { problem: `more than one chain is named so: ${ids.join(', ')}` }
        : { problem: `no industry chain of this name (one of ${known})` };
    },
    persons: (name, employer) => staff.get(`${employer}|${normalizeName(name, cityPrefixes)}`) ?? [],
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
  /** `${label}|${id}` of every node whose state was read (whether the graph has it or not). */
  read: Set<string>;
}

export function emptyState(): GraphState {
  return { nodes: new Map(), rels: new Map(), exclusive: new Map(), reports: new Map(), read: new Set() };
}

/**
 * Reads into `state` what the graph holds of the nodes `ids` of one label (those not read yet): their properties and
 * their relationships of the importer's types; of an enterprise, also its county and its reports by year.
 */
export async function readState(tx: Run, state: GraphState, label: string, ids: readonly string[]): Promise<void> {
  const fresh = [...new Set(ids)].filter((id) => !state.read.has(`${label}|${id}`));
  if (fresh.length === 0) return;
  for (const id of fresh) state.read.add(`${label}|${id}`);
  const query = label === 'Enterprise' ? importCypher('state') : templated('nodeState', { label });
  const result = await tx.run(query, { ids: fresh, types: IMPORT_TYPES });
  for (const record of result.records) {
    const id = record.get('id') as string;
    state.nodes.set(id, record.get('props') as Record<string, unknown>);
    for (const [type, to, props] of record.get('out') as [string, string, Record<string, unknown>][]) {
      state.rels.set(`${type}|${id}|${to}`, props);
    }
    if (label !== 'Enterprise') continue;
    state.exclusive.set(
      id,
      (record.get('regions') as string[]).map((to) => `LOCATED_IN|${to}`),
    );
    const years = new Map<number, string>();
    for (const [reportId, year, props] of record.get('reports') as [string, unknown, Record<string, unknown>][]) {
      years.set(Number(year), reportId);
      state.nodes.set(reportId, props);
      state.read.add(`AnnualReport|${reportId}`);
    }
    state.reports.set(id, years);
  }
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
        ? parseValue(column.type, cell, index.context, column.choices)
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
 * with a code (credit code, 项目编号) is not offered subjects that have another code: a credit code names one legal
 * person, a number one project, so those are others, however alike the names.
 */
function candidatesFor(normalized: string, index: GraphIndex, code: string | null): Candidate[] {
  return index
    .similar()
    .similarTo(normalized, REVIEW_THRESHOLD)
    .filter(({ item: e }) => !code || !e.code || e.code === code)
    .map(({ item: e, score }) => ({ id: e.id, name: e.name, score: Math.round(score * 100) / 100 }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, 5);
}

type Match =
  | { kind: 'existing'; id: string }
  | { kind: 'new' }
  | { kind: 'review'; candidates: Candidate[] }
  | { kind: 'invalid'; problem: Problem };

/** The code a row gives its subject (credit code, 项目编号), if its kind has one and the cell is filled. */
const codeOf = (entity: SubjectSpec, values: Record<string, unknown>): string | null =>
  entity.codeColumn ? ((values[entity.codeColumn] as string | null) ?? null) : null;

/**
 * Matching, in the order the reference gives: code, normalized name, review, new (where allowed). A mapping
 * (`--mapping`) decides only a row that would otherwise be under review, and only for what it may decide: an id of
 * a subject whose code does not contradict the row's, or `new` where the kind may create it.
 */
function match(values: RowValues, index: GraphIndex, options: PlanOptions, header: HeaderMatch): Match {
  const { row } = values;
  const entity = options.kind.entity;
  const { noun } = entity;
  const code = codeOf(entity, values.values);
  const name = values.values.name as string | null;
  const codeColumn = entity.codeColumn ? (header.headers.get(entity.codeColumn) ?? entity.codeHeader) : null;
  const normalized = index.normalize(name ?? '');
  const holders = code ? (index.byCode.get(code) ?? []) : [];
  // A person's decision on a row under review (`--mapping`): what `accept` makes of it, else a problem.
  const review = (candidates: Candidate[], accept: (mapped: string) => Match | string): Match => {
    const mapped = options.mapping.get(row);
    if (mapped === undefined) return { kind: 'review', candidates };
    const decided = accept(mapped);
    return typeof decided === 'string'
      ? { kind: 'invalid', problem: { row, column: null, value: mapped, reason: decided } }
      : decided;
  };
  // A code that is not an identity (项目编号: unique within a programme only) matches when the names agree too;
  // otherwise a person decides between the holders (one code on two different names is never taken on trust).
  const score = (e: SubjectRef) => similarity(e.normalized, normalized, entity.commonEnding);
  const [holder] = holders;
  if (holder && holders.length === 1) {
    if (entity.codeIsIdentity || holder.normalized === normalized || score(holder) >= REVIEW_THRESHOLD) {
      return { kind: 'existing', id: holder.id };
    }
  }
  if (holders.length > 0) {
    const candidates = holders.map((e) => ({ id: e.id, name: e.name, score: Math.round(score(e) * 100) / 100 }));
    return review(candidates, (mapped) =>
      holders.some((e) => e.id === mapped)
        ? { kind: 'existing', id: mapped }
        : `the mapping names ${mapped}, but the ${entity.codeName} ${code} is that of ${holders.map((e) => e.id).join(', ')}`,
    );
  }
  // Subjects with another code than the row's are others (another legal person, another project), whatever their names.
  const compatible = (e: SubjectRef) => !code || !e.code || e.code === code;
  const sameName = index.byName.get(normalized) ?? [];
  const same = sameName.filter(compatible);
  if (same.length === 1) return { kind: 'existing', id: (same[0] as SubjectRef).id };
  if (sameName.length === 1 && same.length === 0) {
    const found = sameName[0] as SubjectRef;
    const reason = `the name is that of ${found.id}, whose ${entity.codeName} is ${found.code}: correct the code, or the name if this is another ${noun}`;
    return { kind: 'invalid', problem: { row, column: codeColumn, value: code, reason } };
  }
  const candidates =
    same.length > 1 ? same.map((e) => ({ id: e.id, name: e.name, score: 1 })) : candidatesFor(normalized, index, code);
  const mayCreate = options.kind.createsWithoutCode || Boolean(code);
  if (candidates.length > 0) {
    return review(candidates, (mapped) => {
      const decided = index.byId.get(mapped);
      if (mapped === 'new' && mayCreate) return { kind: 'new' };
      if (decided && compatible(decided)) return { kind: 'existing', id: decided.id };
      return mapped === 'new'
        ? `the mapping says new, but a ${noun} is created only with its ${entity.codeHeader}`
        : decided
          ? `the mapping names ${mapped}, whose ${entity.codeName} ${decided.code} is not the row's`
          : `the mapping names ${mapped}, which is no ${entity.label.toLowerCase()}`;
    });
  }
  if (mayCreate) return { kind: 'new' };
  const column = header.headers.get('name') ?? options.kind.columns.find((c) => c.key === 'name')?.header ?? 'name';
  const reason = `no ${entity.label.toLowerCase()} of this name is in the graph; give its ${entity.codeHeader} to create it`;
  return { kind: 'invalid', problem: { row, column, value: name ?? '', reason } };
}

/**
 * What a row writes: its subject (created with its name and the defaults the schema needs when new; its code), a
 * firm's county (LOCATED_IN, replacing another), and what its kind adds; `source` (file and row) on all of it.
 */
function writesOf(
  spec: KindSpec,
  values: Record<string, unknown>,
  subjectId: string,
  isNew: boolean,
  index: GraphIndex,
  state: GraphState,
  source: string,
): { nodes: NodeWrite[]; rels: RelWrite[] } {
  const { entity } = spec;
  const subject: Record<string, unknown> = isNew ? { name: values.name, ...entity.defaults, synthetic: false } : {};
  const code = codeOf(entity, values);
  if (code && entity.codeColumn) subject[entity.codeColumn] = code;
  const rels: RelWrite[] = [];
  if (values.county) {
    const to = index.regionIds.get(values.county as string) as string;
    const from = { fromLabel: entity.label, from: subjectId };
    rels.push({ type: 'LOCATED_IN', ...from, toLabel: 'Region', to, props: {}, exclusive: true });
  }
  const reports = state.reports.get(subjectId) ?? new Map<number, string>();
  state.reports.set(subjectId, reports);
  const own = spec.writes({
    values,
    subjectId,
    isNew,
    reports,
    qualificationIds: index.qualificationIds,
    references: index.references,
  });
  const nodes: NodeWrite[] = [
    { label: entity.label, id: subjectId, props: { ...subject, ...own.props } },
    ...own.nodes,
  ];
  const all = { nodes, rels: [...rels, ...own.rels] };
  for (const write of [...all.nodes, ...all.rels]) write.props.source = source;
  return all;
}

/**
 * The id of a subject a row creates: `<prefix>-<code>` when it has a code made of letters, digits and dashes (a
 * credit code always is), else `<prefix>-name-` or `<prefix>-code-` and a hash (a 项目编号 may hold any character).
 */
function newSubjectId(entity: SubjectSpec, values: Record<string, unknown>, normalized: string): string {
  const code = codeOf(entity, values);
  const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);
  if (code)
    return /^[A-Za-z0-9-]{1,40}$/.test(code) ? `${entity.idPrefix}-${code}` : `${entity.idPrefix}-code-${hash(code)}`;
  return `${entity.idPrefix}-name-${hash(normalized)}`;
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
  const index = await readGraphIndex(tx, options.kind.entity);
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
  const entity = options.kind.entity;
  // A subject new to the graph is created once per file: rows without a code that name it as a row with its code
  // does (the only code given that name in the file) are about the same firm, platform or project.
  const newCodes = new Map<string, Set<string>>();
  for (const { values, match: m } of matched) {
    const code = codeOf(entity, values.values);
    if (m.kind !== 'new' || !code) continue;
    const name = index.normalize(String(values.values.name));
    newCodes.set(name, (newCodes.get(name) ?? new Set()).add(code));
  }
  const subjectIdOf = ({ values, match: m }: (typeof matched)[number]) => {
    if (m.kind === 'existing') return m.id;
    const name = index.normalize(String(values.values.name));
    const codes = [...(newCodes.get(name) ?? [])];
    const [only] = codes;
    const adopted =
      !codeOf(entity, values.values) && codes.length === 1 && entity.codeColumn
        ? { ...values.values, [entity.codeColumn]: only }
        : values.values;
    return newSubjectId(entity, adopted, name);
  };
  const state = emptyState();
  // The subjects' state, the new ones' ids included (an id may exist under another name): what tells a new subject.
  await readState(tx, state, entity.label, matched.map(subjectIdOf));
  const firstOf = new Map<string, RowValues>();
  const rows: PlannedRow[] = [];
  /** Subjects this file creates: their later rows must not write the defaults of a new one again. */
  const createdHere = new Set<string>();
  /** Which subject each code went to, and each subject's code, with the row that said so. */
  const subjectOfCode = new Map<string, { id: string; row: number }>();
  const codeOfSubject = new Map<string, { code: string; row: number }>();
  const { noun } = entity;
  for (const planned of matched) {
    const { values, match: m } = planned;
    const subjectId = subjectIdOf(planned);
    const code = codeOf(entity, values.values);
    if (code && entity.codeColumn) {
      const codeColumn = header.headers.get(entity.codeColumn) ?? entity.codeHeader;
      const other = subjectOfCode.get(code);
      const graphCode = index.byId.get(subjectId)?.code;
      const known = codeOfSubject.get(subjectId) ?? (graphCode ? { code: graphCode, row: 0 } : undefined);
      if (other && other.id !== subjectId) {
        const reason = `row ${other.row} gives this ${entity.codeName} to ${other.id}, this row to ${subjectId}: one code, one ${noun}`;
        invalid.push({ row: values.row, column: codeColumn, value: code, reason });
        continue;
      }
      if (known && known.code !== code) {
        const where = known.row ? `row ${known.row} gives it` : 'it has';
        const reason = `this row names ${subjectId}, but ${where} the ${entity.codeName} ${known.code}: one ${noun}, one code`;
        invalid.push({ row: values.row, column: codeColumn, value: code, reason });
        continue;
      }
      subjectOfCode.set(code, { id: subjectId, row: values.row });
      codeOfSubject.set(subjectId, { code, row: values.row });
    }
    const key = `${subjectId}|${options.kind.subject(values.values)}`;
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
      relationship: (type, to) => state.rels.get(`${type}|${subjectId}|${to}`),
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
    const isNew = m.kind === 'new' && !state.nodes.has(subjectId) && !createdHere.has(subjectId);
    if (isNew) createdHere.add(subjectId);
    const source = `${options.fileName}, row ${values.row}`;
    const writes = writesOf(options.kind, values.values, subjectId, isNew, index, state, source);
    rows.push({ row: values.row, subjectId, ...writes });
  }
  // Then what the rows write or link from besides their subjects (a person, a report, a host or undertaker), so
  // that the diff compares every write with the graph and an undo never removes a node the batch did not create.
  const others = rows.flatMap((r) => [
    ...r.nodes.map((n) => ({ label: n.label as string, id: n.id })),
    ...r.rels.map((w) => ({ label: w.fromLabel as string, id: w.from })),
  ]);
  for (const [label, group] of groupBy(others, (o) => o.label)) {
    await readState(
      tx,
      state,
      label,
      group.map((o) => o.id),
    );
  }
  invalid.sort((a, b) => a.row - b.row);
  return { rows, invalid, review, duplicates, skipped, dataRows: dataRows.length - skipped, state };
}
