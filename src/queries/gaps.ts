import neo4j from 'neo4j-driver';
import { loadCypher, toNumberOrNull } from '../db';
import { computeMetric, type MetricFilters, type QueryRunner } from './metrics';

/** What the gap fields' arguments name in the graph, to be checked for existence before a gap query runs. */
export interface GapArgumentRefs {
  regionCodes: string[];
  chainIds: string[];
  /** Review years that must have AnnualReports. */
  years: number[];
}

/** Which of the references do not exist, and the range of AnnualReport years (null in a graph without reports). */
export interface GapArgumentCheck {
  unknownRegionCodes: string[];
  unknownChainIds: string[];
  unknownYears: number[];
  reportYears: { first: number; last: number } | null;
}

/** Checks, in one statement, that regions, chains and report years exist (cypher/gaps/checkArguments.cypher). */
export async function checkGapArguments(tx: QueryRunner, refs: GapArgumentRefs): Promise<GapArgumentCheck> {
  const result = await tx.run(loadCypher('gaps', 'checkArguments.cypher'), {
    regionCodes: refs.regionCodes,
    chainIds: refs.chainIds,
    years: refs.years.map((year) => neo4j.int(year)),
  });
  const record = result.records[0];
  if (record === undefined) throw new Error('cypher/gaps/checkArguments.cypher returned no row');
  const first = toNumberOrNull(record.get('firstYear'));
  const last = toNumberOrNull(record.get('lastYear'));
  return {
    unknownRegionCodes: record.get('unknownRegionCodes') as string[],
    unknownChainIds: record.get('unknownChainIds') as string[],
    unknownYears: (record.get('unknownYears') as unknown[]).map((y) => toNumberOrNull(y) ?? NaN),
    reportYears: first === null || last === null ? null : { first, last },
  };
}

/** The `Coverage` object of schema/gaps.graphql. */
export interface Coverage {
  year: number;
  regionCode: string | null;
  chainId: string | null;
  covered: number;
  total: number;
  missing: number;
  ratio: number;
}

/**
 * 四有 coverage (R6) for a year and filters: the FOUR_HAVES_COVERAGE metric itself, so that the two never differ;
 * `missing` is the number of enterprises `enterprisesMissingFourHaves` lists.
 */
export async function fourHavesCoverage(tx: QueryRunner, filters: MetricFilters): Promise<Coverage> {
  const numbers = await computeMetric(tx, 'FOUR_HAVES_COVERAGE', filters);
  const covered = numbers.numerator ?? 0;
  const total = numbers.denominator ?? 0;
  return { ...filters, covered, total, missing: total - covered, ratio: numbers.value };
}
