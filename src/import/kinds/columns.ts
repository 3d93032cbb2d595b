import neo4j from 'neo4j-driver';
import { LEGAL_FORM } from '../match/names';
import type { Choice, ValueType } from '../read/valueTypes';

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
  /** The values of a `choice` column and the texts each is written as. */
  choices?: readonly Choice[];
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

/** A column that takes one of a few values (`choices`), each by any of its texts or by the value itself. */
export function choiceColumn(
  key: string,
  header: string,
  choices: readonly Choice[],
  required: boolean,
  aliases: readonly string[] = [],
): ColumnSpec {
  return { ...column(key, header, 'choice', required, choices[0]?.texts[0] ?? '', aliases), choices };
}

/** The labels of the nodes an import writes (creates or changes). */
export type NodeLabel = 'Enterprise' | 'AnnualReport' | 'Platform' | 'Project' | 'Person';

/** The labels of the organisations an import links but never creates (a host, an undertaker, an employer). */
export type OrganisationLabel = 'Enterprise' | 'University' | 'ResearchInstitute';

/** A node an import writes: its label, id and desired properties (driver values). */
export interface NodeWrite {
  label: NodeLabel;
  id: string;
  props: Record<string, unknown>;
}

/** A relationship an import writes; `exclusive` removes the others of its type from its start node. */
export interface RelWrite {
  type:
    | 'LOCATED_IN'
    | 'HAS_REPORT'
    | 'HOLDS'
    | 'COOPERATES_WITH'
    | 'HOSTS'
    | 'SERVES'
    | 'UNDERTAKES'
    | 'ADDRESSES'
    | 'EMPLOYED_BY'
    | 'SECONDED_TO';
  fromLabel: NodeLabel | OrganisationLabel;
  from: string;
  toLabel: NodeLabel | OrganisationLabel | 'Region' | 'Qualification' | 'IndustryChain';
  to: string;
  props: Record<string, unknown>;
  exclusive: boolean;
}

/** A name that names one thing of the graph, or why it names none (no such name, several, or only similar ones). */
export type Reference<T> = T | { problem: string };

/** What a kind may look up in the graph besides the row's subject: each by normalized name, exactly one. */
export interface References {
  /** A university or research institute (a cooperation's partner, a 科技副总's 派出单位). */
  academic(name: string): Reference<{ id: string; label: 'University' | 'ResearchInstitute' }>;
  /** An enterprise, university or research institute (a platform's 依托单位, a project's 承担单位). */
  organisation(name: string): Reference<{ id: string; label: OrganisationLabel }>;
  /** An industry chain (服务产业链, 所属产业链), by its name with or without `产业链`. */
  chain(name: string): Reference<{ id: string }>;
  /** The ids of the people of this name (normalized) employed by the organisation `employer`. */
  persons(name: string, employer: string): string[];
}

/** What a kind's writer gets: a row's values and what it needs of the graph. */
export interface WriteInput {
  values: Record<string, unknown>;
  /** The id of the row's subject: the firm, platform or project it was matched to (or creates). */
  subjectId: string;
  /** Whether the row creates its subject. */
  isNew: boolean;
  /** The firm's report years and their report ids; a writer adding a report adds it here (later rows see it). */
  reports: Map<number, string>;
  qualificationIds: ReadonlyMap<string, string>;
  references: References;
}

/** What a kind adds to a row's writes: properties of its subject, and nodes and relationships of its own. */
export interface KindWrites {
  props: Record<string, unknown>;
  nodes: NodeWrite[];
  rels: RelWrite[];
}

/**
 * What a row of a kind is about, matched as docs/import-formats.md says (code, normalized name, review, new): an
 * enterprise (by credit code), a platform, or a project (by 项目编号).
 */
export interface SubjectSpec {
  label: 'Enterprise' | 'Platform' | 'Project';
  /** In reports: `firm`, `platform`, `project`. */
  noun: string;
  /** The key of the column with its code (matched first; one code, one subject), if the kind has one. */
  codeColumn: 'creditCode' | 'projectNo' | null;
  /** The header of that column (`统一社会信用代码`, `项目编号`), and the code in a sentence (`credit code`). */
  codeHeader: string;
  codeName: string;
  /** The start of a new one's id: `ent` → `ent-<code>` or `ent-name-<hash of the normalized name>`. */
  idPrefix: string;
  /** The properties a new one gets besides its name and `synthetic: false` (those the schema requires). */
  defaults: Record<string, unknown>;
  /** The end of its names that every one shares (a legal form, a kind of platform), left out for similarity. */
  commonEnding: RegExp | null;
  /** Whether a leading 河南省 / 平顶山市 is ignored in its names (not for platforms: it tells their levels apart). */
  placePrefixes: boolean;
  /**
   * Whether its code alone names it (a credit code names one legal person); otherwise (a 项目编号, unique only within
   * a programme) a row matched by code must also have a similar name, or it goes to review.
   */
  codeIsIdentity: boolean;
}

/** An enterprise, as the kinds about firms match it. */
export const ENTERPRISE_SUBJECT: SubjectSpec = {
  label: 'Enterprise',
  noun: 'firm',
  codeColumn: 'creditCode',
  codeHeader: '统一社会信用代码',
  codeName: 'credit code',
  idPrefix: 'ent',
  defaults: { aboveScale: false, backbone: false },
  commonEnding: LEGAL_FORM,
  placePrefixes: true,
  codeIsIdentity: true,
};

/** A kind of spreadsheet (docs/import-formats.md): its columns and what a matched row writes. */
export interface KindSpec {
  kind: string;
  /** What the kind is, in the contract's words. */
  title: string;
  columns: readonly ColumnSpec[];
  /** What a row is about (its `name` column names it). */
  entity: SubjectSpec;
  /**
   * Whether a row may create its subject without a code: a register may create a firm, a platform or project list
   * its platform or project; a published list of firms may not (a firm is created only with its credit code).
   */
  createsWithoutCode: boolean;
  /** The column an option may fill for every row (`--year`, `--qualification`), by option. */
  optionColumns: { year?: string; qualification?: string };
  /** What makes two rows of one subject the same row (a year, a qualification), for duplicates. */
  subject: (values: Record<string, unknown>) => string;
  /** What a row writes besides its subject's name, code and county. */
  writes: (input: WriteInput) => KindWrites;
  /** The wording of duplicates: "firm and year", "firm and qualification". */
  subjectName: string;
  /**
   * A check of a matched row against what the graph holds of its subject (`relationship(type, to)`: that
   * relationship's properties now), e.g. an older list that would replace a newer grant; names its column.
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

/** Why a row's chain cell (服务产业链, 所属产业链) names no chain of the graph, if it is filled and does not. */
export function chainProblem(
  values: Record<string, unknown>,
  references: References,
): { column: string; reason: string } | null {
  const chain = values.chain === null ? null : references.chain(String(values.chain));
  return chain && 'problem' in chain ? { column: 'chain', reason: chain.problem } : null;
}

/** The row's chain as a relationship from its subject (SERVES, ADDRESSES), if the chain cell is filled. */
export function chainLink(
  type: 'SERVES' | 'ADDRESSES',
  from: { fromLabel: RelWrite['fromLabel']; from: string },
  values: Record<string, unknown>,
  references: References,
): RelWrite[] {
  if (values.chain === null) return [];
  const chain = references.chain(String(values.chain));
  if ('problem' in chain) throw new Error(`${type}: row checked, yet ${chain.problem}`);
  return [{ type, ...from, toLabel: 'IndustryChain', to: chain.id, props: {}, exclusive: false }];
}
