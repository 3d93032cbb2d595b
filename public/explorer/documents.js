// @ts-check
// Every GraphQL document the explorer sends, in one place: constant queries, and builders for the panels whose
// variables depend on the form (a gap list, the coverage, the review take a year, a region and a chain, or not).
// The set is finite: `npm run explorer:manifest` enumerates it (the builders over the gap fields of the schema and the
// arguments each takes) into persisted-documents.json, the manifest the API accepts under TRUSTED_DOCUMENTS; a test
// fails when that file is out of date. Change a document here, then run the script. An ES module that imports
// nothing: src/cli/explorerManifest.ts evaluates it outside the browser. The texts' indentation is part of each
// document's hash: re-indenting one changes the manifest.

/** @typedef {Readonly<Record<string, string>>} ArgumentTypes argument name → GraphQL type, e.g. `{ year: 'Int!' }` */

const SUBGRAPH =
  'nodes { id type label properties } edges { id type source target properties } truncated omitted { relationshipType count }';
/** Rows a page of a gap list or of the coverage. */
export const PAGE = 20;
/** Changes a page of a node's history (history.js). */
export const HISTORY_PAGE = 20;
/** The filters a panel's form may pass, in the order every builder declares them. */
export const FILTERS = ['year', 'regionCode', 'chainId'];
/**
 * What a gap list's rows show, by the type it lists: the lists of other types are not shown.
 * @type {Readonly<Record<string, string>>}
 */
export const SELECTION = {
  // With each firm's top partner suggestions, in the page's one request (the API batches them).
  Enterprise: 'id name locatedIn { name } partnerSuggestions(limit: 3) { id: candidateId name }',
  IndustryChain: 'id name',
  ChainSegment: 'id name chains { id name }',
};

/**
 * The constant documents, by a name the manifest keeps for them. Suggestions and search hits carry an `id` unique to
 * the question (for normalised caches); the page keeps no cache and opens the node itself, so it reads the node's
 * own id (candidateId, personId, enterpriseId, nodeId) under the alias `id`.
 */
export const queries = {
  neighborhood: `query ($id: ID!) { neighborhood(id: $id, depth: 1, limit: 200) { ${SUBGRAPH} } }`,
  chainMap: `query ($chainId: ID!) { chainMap(chainId: $chainId) { ${SUBGRAPH} } }`,
  chain: `query ($chainId: ID!) { industryChains(where: { id: { eq: $chainId } }) { id name
             segments { id name position enterprisesConnection { aggregate { count { nodes } } } } } }`,
  chainGaps: `query ($chainId: ID!) {
           empty: chainSegmentsWithoutEnterprise(chainId: $chainId, limit: 500) { id }
           noLab: chainsWithoutLabPartner(limit: 500) { id }
           noUniversity: chainsWithoutUniversityPartner(limit: 500) { id }
         }`,
  segmentFirms: `query ($id: ID!) { neighborhood(id: $id, relationshipTypes: [OPERATES_IN], labels: [Enterprise], limit: 1000) { ${SUBGRAPH} } }`,
  firmSuggestions: `query ($id: ID!) {
             partners: partnerSuggestions(enterpriseId: $id, limit: 5) { id: candidateId type name score reasons }
             deputies: deputySuggestions(enterpriseId: $id, limit: 5) { id: personId name title employerId employerName score reasons }
           }`,
  personSuggestions: `query ($id: ID!) {
             firms: deputyCandidatesFor(personId: $id, limit: 8) { id: enterpriseId name gaps score reasons }
           }`,
  search: 'query ($text: String!) { search(text: $text, limit: 15) { id: nodeId type label } }',
  shortestPath: `query ($from: ID!, $to: ID!) { shortestPath(fromId: $from, toId: $to, maxHops: 6) { ${SUBGRAPH} } }`,
  referenceLists: `{ industryChains(limit: 100, sort: [{ name: ASC }]) { id name }
         regions(limit: 500, sort: [{ code: ASC }]) { code name level }
         targets(limit: 1, sort: [{ year: DESC }]) { year }
         reports: annualReports(limit: 1, sort: [{ year: DESC }]) { year } }`,
  history: `query ($id: ID!, $offset: Int!) {
    history(id: $id, limit: ${HISTORY_PAGE}, offset: $offset) {
      id at entity action labels nodeId type fromId toId actor operation outsideApi auditEventId file row
      properties { property before after withheld }
    }
  }`,
};

/**
 * A query's variable declarations and the matching arguments of its field, for the filters in `types` (argument
 * name → GraphQL type), always in the order of FILTERS whatever the order of `types`.
 * @param {ArgumentTypes} types
 */
function signature(types) {
  const names = FILTERS.filter((name) => Object.prototype.hasOwnProperty.call(types, name));
  return {
    declared: names.map((a) => `$${a}: ${types[a]}`),
    passed: names.map((a) => `${a}: $${a}`),
  };
}

/**
 * How many rows a gap list has over all its pages, in one request: its total field, `<field>Total` (the list's
 * arguments but limit and offset; src/graphql/gapTotals.ts).
 * @param {string} field
 * @param {ArgumentTypes} types
 */
export function gapCount(field, types) {
  const { declared, passed } = signature(types);
  // A list without filters (chainsWithoutLabPartner) declares no variable: `query ()` would not parse.
  const variables = declared.length > 0 ? ` (${declared.join(', ')})` : '';
  const args = passed.length > 0 ? `(${passed.join(', ')})` : '';
  return `query${variables} { total: ${field}Total${args} }`;
}

/**
 * A page of a gap list, with what the panel shows of the `kind` it lists.
 * @param {string} field
 * @param {string} kind
 * @param {ArgumentTypes} types
 */
export function gapPage(field, kind, types) {
  const { declared, passed } = signature(types);
  return `query (${[...declared, '$offset: Int!'].join(', ')}) { rows: ${field}(${[...passed, `limit: ${PAGE}`, 'offset: $offset'].join(', ')}) { ${SELECTION[kind]} } }`;
}

/**
 * The four-haves coverage and a page of the firms that lack one.
 * @param {ArgumentTypes} types
 */
export function coverage(types) {
  const { declared, passed } = signature(types);
  return `query (${[...declared, '$offset: Int!'].join(', ')}) {
           c: fourHavesCoverage(${passed.join(', ')}) { covered total missing ratio }
           rows: enterprisesMissingFourHaves(${[...passed, `limit: ${PAGE}`, 'offset: $offset'].join(', ')}) { id name locatedIn { name } missingFourHaves(year: $year) }
         }`;
}

/**
 * The target review of a year.
 * @param {ArgumentTypes} types
 */
export function review(types) {
  const { declared, passed } = signature(types);
  return `query (${declared.join(', ')}) { r: targetReview(${passed.join(', ')}) { met notMet unavailable suppressed
           targets { metric target actual unit status previousActual change } } }`;
}

/**
 * The dashboard's documents (public/dashboard): the years that have targets, a year's review of one scope, a metric's
 * trend, its split by county, and the chain × county matrix. Listed in the same manifest as the explorer's (the API
 * accepts both pages' documents under TRUSTED_DOCUMENTS); kept apart from `queries`, which the front-end kit mirrors.
 */
export const dashboardQueries = {
  years: '{ targets(limit: 500, sort: [{ year: DESC }]) { year } }',
  review: `query ($year: Int!, $regionCode: RegionCode!) {
    r: targetReview(year: $year, regionCode: $regionCode) {
      targets { targetId metric comparison target unit actual met status previousActual change suppressed }
    }
  }`,
  series: `query ($name: MetricName!, $from: Int, $to: Int, $regionCode: RegionCode!) {
    s: metricSeries(name: $name, from: $from, to: $to, regionCode: $regionCode) {
      name unit points { year value suppressed } targets { year value comparison met }
    }
  }`,
  breakdown: `query ($name: MetricName!, $year: Int!, $regionCode: RegionCode!) {
    b: metricBreakdown(name: $name, year: $year, by: COUNTY, regionCode: $regionCode) {
      unit total { value suppressed } rows { code name level metric { value suppressed } }
    }
  }`,
  matrix: `query ($year: Int!, $regionCode: RegionCode!) {
    m: chainCountyMatrix(year: $year, regionCode: $regionCode) {
      chains { id name } counties { code name } cells { chainId regionCode enterprises }
    }
  }`,
};
