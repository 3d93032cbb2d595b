// What a front end writes on top of the generated documents (client/generated/graphql.ts): each function sends one
// typed operation and returns its typed answer, the scalars as codegen maps them (client/codegen.ts): BigInt,
// CreditCode, RegionCode, IndustryCode, Date and DateTime as strings, JSONObject as Record<string, unknown>.
import type { ApolloClient } from '@apollo/client';
import {
  FirmsWithoutConsortiumDocument,
  type FirmsWithoutConsortiumQuery,
  NeighborhoodDocument,
  type NeighborhoodQuery,
  type NodeLabel,
  PartnerSuggestionsDocument,
  type PartnerSuggestionsQuery,
  type PartnerWeights,
  SearchDocument,
  type SearchQuery,
} from './generated/graphql.js';

export { createApiClient, type ApiClientOptions } from './apolloClient.js';
export { apiErrorOf, type ApiError } from './apiErrors.js';

export type Subgraph = NeighborhoodQuery['neighborhood'];
export type PartnerSuggestion = PartnerSuggestionsQuery['partnerSuggestions'][number];
export type SearchHit = SearchQuery['search'][number];
export type GapFirm = FirmsWithoutConsortiumQuery['rows'][number];

/** A query's data, or the error Apollo Client reported (it throws on GraphQL errors: errorPolicy 'none'). */
function dataOf<T>(result: { data?: T | undefined }, what: string): T {
  if (result.data === undefined) throw new Error(`${what}: the API answered no data`);
  return result.data;
}

/** The nodes and relationships one hop around a node (the explorer's neighbourhood map). */
export async function loadNeighbourhood(client: ApolloClient, id: string): Promise<Subgraph> {
  const result = await client.query({ query: NeighborhoodDocument, variables: { id } });
  return dataOf(result, 'neighborhood').neighborhood;
}

/** A Subgraph as Cytoscape.js elements (README, "Relationship maps"): a node's data is its properties and label. */
export function toCytoscapeElements(subgraph: Subgraph): { group: 'nodes' | 'edges'; data: Record<string, unknown> }[] {
  return [
    ...subgraph.nodes.map((n) => ({
      group: 'nodes' as const,
      data: { ...n.properties, id: n.id, type: n.type, label: n.label },
    })),
    ...subgraph.edges.map((e) => ({
      group: 'edges' as const,
      data: { ...e.properties, id: e.id, type: e.type, source: e.source, target: e.target },
    })),
  ];
}

/** Whom a firm could cooperate with, best first (planner role), with the default weights or some overridden. */
export async function partnerSuggestionsOf(
  client: ApolloClient,
  enterpriseId: string,
  options: { limit?: number; weights?: PartnerWeights } = {},
): Promise<PartnerSuggestion[]> {
  const result = await client.query({
    query: PartnerSuggestionsDocument,
    variables: { enterpriseId, limit: options.limit ?? null, weights: options.weights ?? null },
  });
  return dataOf(result, 'partnerSuggestions').partnerSuggestions;
}

/** Full-text search over names and titles (Chinese works), optionally of some node types only. */
export async function search(
  client: ApolloClient,
  text: string,
  options: { types?: NodeLabel[]; limit?: number } = {},
): Promise<SearchHit[]> {
  const result = await client.query({
    query: SearchDocument,
    variables: { text, types: options.types ?? null, limit: options.limit ?? null },
  });
  return dataOf(result, 'search').search;
}

export interface GapFilters {
  year?: number;
  regionCode?: string;
  chainId?: string;
}

export interface GapPage {
  rows: GapFirm[];
  /** Firms in the whole list, for the pager. */
  total: number;
  /** The rows' revenues added up, exact (yuan as BigInt; a Number would round beyond 2^53). */
  revenue: bigint;
}

/**
 * One page of firms above 10亿 yuan in no innovation consortium (rule R3), with the list's total (its `…Total` field,
 * in the same request). The revenue comes as a decimal string (BigInt scalar): BigInt() adds it up exactly.
 */
export async function firmsWithoutConsortium(
  client: ApolloClient,
  filters: GapFilters,
  page: { limit: number; offset: number },
): Promise<GapPage> {
  const result = await client.query({ query: FirmsWithoutConsortiumDocument, variables: { ...filters, ...page } });
  const { rows, total } = dataOf(result, 'enterprisesWithoutConsortium');
  const revenue = rows.reduce((sum, firm) => sum + BigInt(firm.revenue ?? '0'), 0n);
  return { rows, total, revenue };
}
