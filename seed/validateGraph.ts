import {
  validateCreditCode,
  validateIndustryCode,
  validateMoney,
  validateRegionCode,
  validateYear,
} from '../src/domain';
import type { GraphBuilder, Props } from './graphBuilder';

/** Raised before anything is written when generated (or imported) rows break a rule; lists each problem. */
export class SeedValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `seed rejected, nothing written: ${problems.length} invalid value(s)\n` +
        problems
          .slice(0, 20)
          .map((p) => `  - ${p}`)
          .join('\n') +
        (problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''),
    );
    this.name = 'SeedValidationError';
  }
}

const YEAR_KEYS = [
  'year',
  'approvedYear',
  'recognizedYear',
  'grantedYear',
  'validUntilYear',
  'fromYear',
  'toYear',
  'sinceYear',
];
const MONEY_KEYS = ['revenue', 'rdExpenditure', 'funding', 'budget', 'amount', 'awarded', 'disbursed'];

function check(where: string, props: Props, problems: string[]): void {
  const bad = (field: string, rule: string | null): void => {
    if (rule !== null) problems.push(`${where}: ${field} = ${JSON.stringify(props[field])}: ${rule}`);
  };
  for (const [field, value] of Object.entries(props)) {
    if (value === null || value === undefined) continue;
    if (field === 'creditCode') bad(field, validateCreditCode(String(value)));
    else if (field === 'industryCode') bad(field, validateIndustryCode(String(value)));
    else if (field === 'industryCodes')
      bad(
        field,
        Array.isArray(value)
          ? (value.map((code) => validateIndustryCode(String(code))).find((rule) => rule !== null) ?? null)
          : 'a list of industry codes',
      );
    else if (field === 'code' && where.startsWith('Region')) bad(field, validateRegionCode(String(value)));
    else if (YEAR_KEYS.includes(field))
      bad(field, typeof value === 'number' ? validateYear(value) : 'a year must be a whole number');
    else if (MONEY_KEYS.includes(field)) bad(field, validateMoney(value));
  }
}

/**
 * Checks every node and relationship property that has a rule (credit code check character, region and industry
 * codes — also each of a chain's industryCodes —, years, whole non-negative amounts) and throws one
 * SeedValidationError listing what is wrong, naming the label, id, field, value and rule.
 */
export function validateGraph(graph: GraphBuilder): void {
  const problems: string[] = [];
  for (const [label, rows] of graph.nodes) for (const row of rows) check(`${label} ${String(row.id)}`, row, problems);
  for (const group of graph.rels.values()) {
    for (const r of group.rows) check(`${group.type} ${r.from}->${r.to}`, r.props, problems);
  }
  if (problems.length > 0) throw new SeedValidationError(problems);
}
