import neo4j from 'neo4j-driver';
import { loadCypher } from '../src/db/loadCypher';
import { computeMetric, reviewTargets, type AvailableMetric } from '../src/queries';
import { graphVocabulary } from '../src/domain/vocabulary';
import { chainMap, findNodes, neighborhood, shortestPaths } from '../src/queries/maps';
import { searchEntities } from '../src/queries/search';
import type { QueryRunner } from '../src/queries/metrics';

/** One benchmarked query: the GraphQL operation and the same work sent straight through the driver. */
export interface BenchCase {
  name: string;
  group: 'floor' | 'metric' | 'gap' | 'map' | 'review' | 'search';
  query: string;
  variables: Record<string, unknown>;
  direct: (tx: QueryRunner) => Promise<unknown>;
}

const METRICS: AvailableMetric[] = [
  'INDUSTRIAL_ENTERPRISES',
  'HIGH_TECH_ENTERPRISES',
  'INNOVATIVE_ENTERPRISES',
  'FOUR_HAVES_COVERAGE',
  'PROVINCIAL_ENGINEERING_CENTERS',
  'TECH_DEPUTIES',
  'NATIONAL_PROVINCIAL_PROJECT_FUNDING',
];

/** The cases at a scale (ids of the demo data are the same at every scale). */
export function benchCases(_scale: number): BenchCase[] {
  const metricCases = METRICS.flatMap((name): BenchCase[] => [
    {
      name: `metric ${name}`,
      group: 'metric',
      query: 'query ($name: MetricName!) { metric(name: $name, year: 2024) { value newInYear } }',
      variables: { name },
      direct: (tx) => computeMetric(tx, name, { year: 2024, regionCode: null, chainId: null }),
    },
  ]);
  const regional: BenchCase = {
    name: 'metric HIGH_TECH_ENTERPRISES, region 410402',
    group: 'metric',
    query: '{ metric(name: HIGH_TECH_ENTERPRISES, year: 2024, regionCode: "410402") { value } }',
    variables: {},
    direct: (tx) => computeMetric(tx, 'HIGH_TECH_ENTERPRISES', { year: 2024, regionCode: '410402', chainId: null }),
  };
  const chain: BenchCase = {
    name: 'metric FOUR_HAVES_COVERAGE, chain nylon',
    group: 'metric',
    query: '{ metric(name: FOUR_HAVES_COVERAGE, year: 2024, chainId: "chain-nylon") { value } }',
    variables: {},
    direct: (tx) => computeMetric(tx, 'FOUR_HAVES_COVERAGE', { year: 2024, regionCode: null, chainId: 'chain-nylon' }),
  };
  const review: BenchCase = {
    name: 'targetReview 2024',
    group: 'review',
    query: '{ targetReview(year: 2024) { targets { metric actual gap met previousActual } } }',
    variables: {},
    direct: (tx) => reviewTargets(tx, 2024, null, null),
  };
  const search: BenchCase = {
    name: 'search 平煤神马',
    group: 'search',
    query: '{ search(text: "平煤神马", limit: 20) { id type label } }',
    variables: {},
    direct: (tx) => searchEntities(tx, '平煤神马', null, 20),
  };
  const types = graphVocabulary().relationshipTypes;
  const elementIds = async (tx: QueryRunner, ...ids: string[]): Promise<string[]> => {
    const found = await findNodes(tx, ids);
    return ids.map((id) => found.get(id) ?? '');
  };
  // 中国平煤神马集团 is the demo's hub: 150 suppliers per scale unit.
  const maps: BenchCase[] = [
    {
      name: 'neighborhood hub depth 1, limit 200',
      group: 'map',
      query:
        '{ neighborhood(id: "ent-pmsm", depth: 1, limit: 200) { nodes { id type label } edges { id source target } truncated } }',
      variables: {},
      direct: async (tx) =>
        neighborhood(tx, 'ent-pmsm', {
          depth: 1,
          limit: 200,
          labels: null,
          types,
          withProperties: false,
        }),
    },
    {
      name: 'neighborhood hub depth 2, limit 500',
      group: 'map',
      query:
        '{ neighborhood(id: "ent-pmsm", depth: 2, limit: 500) { nodes { id type label } edges { id source target } truncated } }',
      variables: {},
      direct: async (tx) =>
        neighborhood(tx, 'ent-pmsm', {
          depth: 2,
          limit: 500,
          labels: null,
          types,
          withProperties: false,
        }),
    },
    {
      name: 'chainMap nylon',
      group: 'map',
      query: '{ chainMap(chainId: "chain-nylon") { nodes { id type label } edges { id source target } truncated } }',
      variables: {},
      direct: (tx) => chainMap(tx, 'chain-nylon', { withProperties: false }),
    },
    {
      name: 'shortestPath firm → university',
      group: 'map',
      query: '{ shortestPath(fromId: "ent-000100", toId: "uni-thu") { nodes { id } edges { id } truncated } }',
      variables: {},
      direct: async (tx) => {
        const [from, to] = await elementIds(tx, 'ent-000100', 'uni-thu');
        return shortestPaths(tx, from ?? '', to ?? '', { types, maxHops: 6, all: false, withProperties: false });
      },
    },
  ];
  // Gap lists: the GraphQL field (a @cypher field of @neo4j/graphql, nested fields selectable) against the same
  // statement of cypher/gaps/ run directly with the same parameters (the library adds only its paging wrapper).
  const gap = (field: string, file: string, minRevenue: number | null): BenchCase => ({
    name: `gap ${field}`,
    group: 'gap',
    query: `{ ${field}(limit: 50) { id name } }`,
    variables: {},
    direct: (tx) =>
      tx.run(loadCypher('gaps', file), {
        ...(minRevenue === null
          ? {}
          : {
              minRevenue: neo4j.int(minRevenue),
              withinYears: neo4j.int(3),
              year: null,
              regionCode: null,
              chainId: null,
            }),
        limit: neo4j.int(50),
        offset: neo4j.int(0),
      }),
  });
  const gaps = [
    gap('enterprisesWithoutRdInstitution', 'enterprisesWithoutRdInstitution.cypher', 100_000_000),
    gap('enterprisesWithoutLandmarkAchievement', 'enterprisesWithoutLandmarkAchievement.cypher', 500_000_000),
    gap('enterprisesWithoutConsortium', 'enterprisesWithoutConsortium.cypher', 1_000_000_000),
    gap('enterprisesNotTechLeader', 'enterprisesNotTechLeader.cypher', 10_000_000_000),
    gap('chainsWithoutLabPartner', 'chainsWithoutLabPartner.cypher', null),
    gap('chainsWithoutUniversityPartner', 'chainsWithoutUniversityPartner.cypher', null),
  ];
  // The floor of the stack: the cheapest query that reads the database (one node by a unique key, one property), so
  // that a row's latency can be read against what any request costs on this machine at the same concurrency. In a
  // closed loop the 8-client latency is about 8 × (CPU per request) / cores, whatever the query.
  const floor: BenchCase = {
    name: 'floor: one region by code',
    group: 'floor',
    query: '{ regions(where: { code: { eq: "410402" } }) { code } }',
    variables: {},
    direct: (tx) =>
      tx.run('MATCH (this:Region) WHERE this.code = $code RETURN this { .code } AS this', { code: '410402' }),
  };
  return [floor, ...metricCases, regional, chain, ...gaps, review, search, ...maps];
}
