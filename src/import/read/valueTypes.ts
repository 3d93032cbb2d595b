/** How a column's cells are read (parseValue, ./values.ts). */
export type ValueType =
  | 'text'
  /** An identifier such as a 项目编号: NFKC, without spaces. */
  | 'code'
  | 'creditCode'
  | 'industryCode'
  | 'county'
  | 'boolean'
  | 'year'
  | 'date'
  | 'count'
  /** An amount in 万元 (10,000 yuan) in the header: stored as whole yuan, exactly. */
  | 'wanYuan'
  | 'qualification'
  /** One of the column's `choices` (a platform's level or kind, a project's level). */
  | 'choice'
  /** Names separated by `、` or `;` (a project's 参与单位). */
  | 'list'
  /** A batch number: `2`, `第2批`, `第二批`. */
  | 'batch';

/** A value of an enumeration and the texts a spreadsheet writes it as (the first is the one templates offer). */
export interface Choice {
  value: string;
  texts: readonly string[];
}
