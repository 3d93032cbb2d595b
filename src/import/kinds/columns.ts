import neo4j from 'neo4j-driver';

/** How a column's cells are read (src/import/read/values.ts). */
export type ValueType =
  | 'text'
  | 'creditCode'
  | 'industryCode'
  | 'county'
  | 'boolean'
  | 'year'
  | 'date'
  | 'count'
  /** An amount in 万元 (10,000 yuan) in the header: stored as whole yuan, exactly. */
  | 'wanYuan'
  | 'qualification';

export interface ColumnSpec {
  /** The key the importer uses for the value. */
  key: string;
  /** The header as the contract writes it (shown in reports and templates). */
  header: string;
  /** Other headers accepted for the column (after normalising: src/import/read/headers.ts). */
  aliases: readonly string[];
  type: ValueType;
  required: boolean;
  /** An example value for the template's example sheet. */
  example: string;
}

/** A column of a kind: its key and English name are accepted as headers too. */
export function column(
  key: string,
  header: string,
  type: ValueType,
  required: boolean,
  example: string,
  aliases: readonly string[] = [],
): ColumnSpec {
  return { key, header, type, required, example, aliases: [key, ...aliases] };
}

/** A node an import writes: its label, id and desired properties (driver values). */
export interface NodeWrite {
  label: 'Enterprise' | 'AnnualReport';
  id: string;
  props: Record<string, unknown>;
}

/** A relationship an import writes from an enterprise; `exclusive` removes the others of its type from the firm. */
export interface RelWrite {
  type: 'LOCATED_IN' | 'HAS_REPORT' | 'HOLDS' | 'COOPERATES_WITH';
  from: string;
  toLabel: 'Region' | 'AnnualReport' | 'Qualification' | 'University' | 'ResearchInstitute';
  to: string;
  props: Record<string, unknown>;
  exclusive: boolean;
}

/** What a kind may look up in the graph besides enterprises. */
export interface References {
  /** A university or research institute by name (normalized, exactly one), or why the name names none. */
  academic(name: string): { id: string; label: 'University' | 'ResearchInstitute' } | { problem: string };
}

/** What a kind's writer gets: a row's values and what it needs of the graph. */
export interface WriteInput {
  values: Record<string, unknown>;
  firmId: string;
  /** The firm's report years and their report ids; a writer adding a report adds it here (later rows see it). */
  reports: Map<number, string>;
  qualificationIds: ReadonlyMap<string, string>;
  references: References;
}

/** What a kind adds to a row's writes: properties of the firm, and nodes and relationships of its own. */
export interface KindWrites {
  firm: Record<string, unknown>;
  nodes: NodeWrite[];
  rels: RelWrite[];
}

/** A kind of spreadsheet (docs/import-formats.md): its columns and what a matched row writes. */
export interface KindSpec {
  kind: string;
  /** What the kind is, in the contract's words. */
  title: string;
  columns: readonly ColumnSpec[];
  /** Whether a row may create an enterprise without a credit code (a register may; a published list may not). */
  createsWithoutCreditCode: boolean;
  /** The column an option may fill for every row (`--year`, `--qualification`), by option. */
  optionColumns: { year?: string; qualification?: string };
  /** What makes two rows of one firm the same row (a year, a qualification), for duplicates. */
  subject: (values: Record<string, unknown>) => string;
  /** What a row writes besides the firm's own columns (credit code, county). */
  writes: (input: WriteInput) => KindWrites;
  /** The wording of duplicates: "firm and year", "firm and qualification". */
  subjectName: string;
  /**
   * A check of a matched row against what the graph holds of its firm (`relationship(type, to)`: that relationship's
   * properties now), e.g. an older list that would replace a newer grant; names the column it is about.
   */
  conflict?: (
    values: Record<string, unknown>,
    graph: {
      relationship(type: RelWrite['type'], to: string): Record<string, unknown> | undefined;
      qualificationIds: ReadonlyMap<string, string>;
    },
  ) => { column: string; reason: string } | null;
  /** A check across a row's columns (after each was read) and its references, naming the column it is about. */
  check?: (values: Record<string, unknown>, references: References) => { column: string; reason: string } | null;
}

/** A whole number as the driver writes it (a Neo4j integer; a JS number would be stored as a float). */
export const int = (value: unknown): unknown =>
  typeof value === 'number' || typeof value === 'bigint' ? neo4j.int(value.toString()) : value;

/** A `YYYY-MM-DD` text as a Neo4j date. */
export const date = (value: unknown): unknown =>
  typeof value === 'string' ? neo4j.types.Date.fromStandardDate(new Date(`${value}T00:00:00Z`)) : value;

/** Only the properties with a value: an empty cell never erases what the graph knows. */
export function given(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null && v !== undefined));
}
