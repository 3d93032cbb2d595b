import type { KindSpec } from '../kinds';

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

/** The columns the options fill (`--year`, `--qualification`): required in the file only when no option gives them. */
export function suppliedByOptions(spec: KindSpec, options: Pick<PlanOptions, 'year' | 'qualification'>): Set<string> {
  const supplied = new Set<string>();
  if (options.year !== null && spec.optionColumns.year) supplied.add(spec.optionColumns.year);
  if (options.qualification !== null && spec.optionColumns.qualification)
    supplied.add(spec.optionColumns.qualification);
  return supplied;
}

/** The value each option gives its column, by column key: what fills the rows that leave the column empty. */
export function optionValues(
  spec: KindSpec,
  options: Pick<PlanOptions, 'year' | 'qualification'>,
): Record<string, unknown> {
  const optionValue: Record<string, unknown> = {};
  if (spec.optionColumns.year) optionValue[spec.optionColumns.year] = options.year;
  if (spec.optionColumns.qualification) optionValue[spec.optionColumns.qualification] = options.qualification;
  return optionValue;
}
