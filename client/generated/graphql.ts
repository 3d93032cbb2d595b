/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type ChangeAction =
  | 'CREATED'
  | 'DELETED'
  | 'UPDATED';

/** Whether a change is of a node or of a relationship. */
export type ChangeEntity =
  | 'NODE'
  | 'RELATIONSHIP';

/** A gap the secondment of a 科技副总 helps to close. */
export type DeputyGap =
  /** The firm has no industry-university-research cooperation. */
  | 'NO_COOPERATION'
  /** The firm has no R&D institution in the year. */
  | 'NO_RD_INSTITUTION';

/** One of the four haves (四有) of an enterprise in a year. */
export type FourHave =
  /** Its report of the year says it has industry-university-research (产学研) cooperation. */
  | 'IUR_COOPERATION'
  /** Has an R&D institution: hosts a platform approved by the year, or its report of the year says so. */
  | 'RD_INSTITUTION'
  /** Its report of the year says it has R&D spending. */
  | 'RD_SPENDING'
  /** Its report of the year says it has R&D staff. */
  | 'RD_STAFF';

/** A metric the `metric` and `targetReview` queries compute. */
export type MetricName =
  /** 四有 coverage of above-scale industrial enterprises, a ratio (R6, F6). */
  | 'FOUR_HAVES_COVERAGE'
  /** Gazelle enterprises, F16. */
  | 'GAZELLE_ENTERPRISES'
  /** High-tech enterprises, F3. */
  | 'HIGH_TECH_ENTERPRISES'
  /** Industrial enterprises calibrated (科技要素标定), F1. */
  | 'INDUSTRIAL_ENTERPRISES'
  /** Provincial innovation-leader enterprises, F2. */
  | 'INNOVATION_LEADER_ENTERPRISES'
  /** Distinct enterprises holding at least one innovation qualification, F5. */
  | 'INNOVATIVE_ENTERPRISES'
  /** Municipal engineering technology research centres, F8. */
  | 'MUNICIPAL_ENGINEERING_CENTERS'
  /** Municipal key laboratories, F9. */
  | 'MUNICIPAL_KEY_LABS'
  /** National and provincial projects approved, F13. */
  | 'NATIONAL_PROVINCIAL_PROJECTS'
  /** Funding of national and provincial projects approved, in yuan, F13. */
  | 'NATIONAL_PROVINCIAL_PROJECT_FUNDING'
  /** Provincial engineering technology research centres, F7. */
  | 'PROVINCIAL_ENGINEERING_CENTERS'
  /** Provincial incubators, F10. */
  | 'PROVINCIAL_INCUBATORS'
  /** Share of enterprises with revenue ≥ 1亿 that have an R&D institution (R1). */
  | 'R1_COMPLIANCE'
  /** Share of enterprises with revenue ≥ 5亿 that have a landmark R&D result (R2). */
  | 'R2_COMPLIANCE'
  /** Share of enterprises with revenue ≥ 10亿 that have an innovation consortium (R3). */
  | 'R3_COMPLIANCE'
  /** Share of enterprises with revenue ≥ 100亿 that are sci-tech leading enterprises (R4). */
  | 'R4_COMPLIANCE'
  /** Share of backbone enterprises of the leading industries covered by an R&D platform (R5). */
  | 'R5_COMPLIANCE'
  /** Major R&D activities collected, F12. */
  | 'RD_ACTIVITIES_COLLECTED'
  /** S&T deputy general managers (科技副总), F15. */
  | 'TECH_DEPUTIES'
  /** Technology-based SMEs, F4. */
  | 'TECH_SMES';

/** A node type of the graph: the name of a @node type of this schema, which is also its Neo4j label. */
export type NodeLabel =
  | 'Achievement'
  | 'AnnualReport'
  | 'ChainSegment'
  | 'Challenge'
  | 'Consortium'
  | 'Contest'
  | 'Enterprise'
  | 'Fund'
  | 'IndustryChain'
  | 'IndustryCluster'
  | 'Person'
  | 'Platform'
  | 'Policy'
  | 'Project'
  | 'Qualification'
  | 'Region'
  | 'ResearchInstitute'
  | 'Target'
  | 'University';

/**
 * Weights of the partner score, each a number from 0 to 100; a weight left out keeps its default (in brackets).
 * Score = (Σ weight × ln(1 + count)) × capacity, capacity = 1 / (1 + load × ln(1 + firms served)).
 */
export type PartnerWeights = {
  /** Chains of the firm the candidate platform serves [1]. */
  chainPlatforms?: number | null | undefined;
  /** Firms of the same division in the same county that work with the candidate [1]. */
  countyPeers?: number | null | undefined;
  /** Firms of the same industry division, another class, that work with the candidate [0.5]. */
  divisionPeers?: number | null | undefined;
  /** Staff whose expertise serves the firm's chains [1.5]. */
  experts?: number | null | undefined;
  /** Firms of the same industry class that work with the candidate [2]. */
  industryPeers?: number | null | undefined;
  /** How much the firms a candidate already serves lower its score [0.1]. */
  load?: number | null | undefined;
  /** Firms in the same chain segments that work with the candidate [3]. */
  segmentPeers?: number | null | undefined;
  /** Projects the candidate undertook with one of the firm's partners [2]. */
  sharedProjects?: number | null | undefined;
};

export type RegionLevel =
  | 'CITY'
  | 'COUNTY'
  | 'COUNTY_LEVEL_CITY'
  | 'DISTRICT'
  | 'FUNCTIONAL_ZONE';

/** A relationship type of the graph, as stored in Neo4j (the type of a @relationship field of this schema). */
export type RelationshipType =
  | 'ACHIEVED'
  | 'ADDRESSES'
  | 'COMPETED_IN'
  | 'COOPERATES_WITH'
  | 'EMPLOYED_BY'
  | 'FEEDS'
  | 'FOR_CHAIN'
  | 'FOR_REGION'
  | 'FUNDED_BY'
  | 'HAS_REPORT'
  | 'HOLDS'
  | 'HOSTS'
  | 'IN_CLUSTER'
  | 'LEADS'
  | 'LEADS_CHAIN'
  | 'LOCATED_IN'
  | 'MEMBER_OF'
  | 'MERGED_INTO'
  | 'OF_CHAIN'
  | 'OPERATES_IN'
  | 'PARTNERS_WITH'
  | 'PART_OF'
  | 'POSTED'
  | 'PRODUCED'
  | 'RECEIVED'
  | 'SECONDED_TO'
  | 'SERVES'
  | 'SUPPLIES'
  | 'TARGETS'
  | 'TOOK'
  | 'UNDERTAKES';

export type SegmentPosition =
  | 'DOWNSTREAM'
  | 'MIDSTREAM'
  | 'SUPPORT'
  | 'UPSTREAM';

export type TargetState =
  | 'MET'
  | 'NOT_MET'
  /** The actual value is withheld from the caller (see TargetStatus.suppressed). */
  | 'SUPPRESSED'
  | 'UNAVAILABLE';

export type ChainQueryVariables = Exact<{
  chainId: string | number;
}>;


export type ChainQuery = { __typename: 'Query', industryChains: Array<{ __typename: 'IndustryChain', id: string, name: string, segments: Array<{ __typename: 'ChainSegment', id: string, name: string, position: SegmentPosition, enterprisesConnection: { __typename: 'ChainSegmentEnterprisesConnection', aggregate: { __typename: 'ChainSegmentEnterpriseEnterprisesAggregateSelection', count: { __typename: 'CountConnection', nodes: number } } } }> }> };

export type ChainGapsQueryVariables = Exact<{
  chainId: string | number;
}>;


export type ChainGapsQuery = { __typename: 'Query', empty: Array<{ __typename: 'ChainSegment', id: string }>, noLab: Array<{ __typename: 'IndustryChain', id: string }>, noUniversity: Array<{ __typename: 'IndustryChain', id: string }> };

export type EnterprisesWithoutConsortiumPageQueryVariables = Exact<{
  year?: number | null | undefined;
  regionCode?: string | null | undefined;
  chainId?: string | number | null | undefined;
  offset: number;
}>;


export type EnterprisesWithoutConsortiumPageQuery = { __typename: 'Query', rows: Array<{ __typename: 'Enterprise', id: string, name: string, locatedIn: Array<{ __typename: 'Region', name: string }>, partnerSuggestions: Array<{ __typename: 'PartnerSuggestion', id: string, candidateId: string, name: string }> }> };

export type EnterprisesWithoutConsortiumTotalQueryVariables = Exact<{
  year?: number | null | undefined;
  regionCode?: string | null | undefined;
  chainId?: string | number | null | undefined;
}>;


export type EnterprisesWithoutConsortiumTotalQuery = { __typename: 'Query', total: number };

export type FourHavesCoverageQueryVariables = Exact<{
  year: number;
  regionCode?: string | null | undefined;
  chainId?: string | number | null | undefined;
  offset: number;
}>;


export type FourHavesCoverageQuery = { __typename: 'Query', c: { __typename: 'Coverage', covered: number, total: number, missing: number, ratio: number }, rows: Array<{ __typename: 'Enterprise', id: string, name: string, missingFourHaves: Array<FourHave>, locatedIn: Array<{ __typename: 'Region', name: string }> }> };

export type TargetReviewQueryVariables = Exact<{
  year: number;
  regionCode?: string | null | undefined;
  chainId?: string | number | null | undefined;
}>;


export type TargetReviewQuery = { __typename: 'Query', r: { __typename: 'TargetReview', met: number, notMet: number, unavailable: number, suppressed: number, targets: Array<{ __typename: 'TargetStatus', metric: MetricName, target: number, actual: number | null, unit: string | null, status: TargetState, previousActual: number | null, change: number | null }> } };

export type FirmsWithoutConsortiumQueryVariables = Exact<{
  year?: number | null | undefined;
  regionCode?: string | null | undefined;
  chainId?: string | number | null | undefined;
  limit: number;
  offset: number;
}>;


export type FirmsWithoutConsortiumQuery = { __typename: 'Query', total: number, rows: Array<{ __typename: 'Enterprise', id: string, name: string, creditCode: string | null, industryCode: string | null, foundedOn: string | null, revenue: string | null, locatedIn: Array<{ __typename: 'Region', id: string, code: string, name: string }> }> };

export type NeighborhoodQueryVariables = Exact<{
  id: string | number;
}>;


export type NeighborhoodQuery = { __typename: 'Query', neighborhood: { __typename: 'Subgraph', truncated: boolean, nodes: Array<{ __typename: 'GraphNode', id: string, type: NodeLabel, label: string, properties: Record<string, unknown> }>, edges: Array<{ __typename: 'GraphEdge', id: string, type: RelationshipType, source: string, target: string, properties: Record<string, unknown> }>, omitted: Array<{ __typename: 'OmittedCount', relationshipType: RelationshipType, count: number }> } };

export type ChainMapQueryVariables = Exact<{
  chainId: string | number;
}>;


export type ChainMapQuery = { __typename: 'Query', chainMap: { __typename: 'Subgraph', truncated: boolean, nodes: Array<{ __typename: 'GraphNode', id: string, type: NodeLabel, label: string, properties: Record<string, unknown> }>, edges: Array<{ __typename: 'GraphEdge', id: string, type: RelationshipType, source: string, target: string, properties: Record<string, unknown> }>, omitted: Array<{ __typename: 'OmittedCount', relationshipType: RelationshipType, count: number }> } };

export type SegmentFirmsQueryVariables = Exact<{
  id: string | number;
}>;


export type SegmentFirmsQuery = { __typename: 'Query', neighborhood: { __typename: 'Subgraph', truncated: boolean, nodes: Array<{ __typename: 'GraphNode', id: string, type: NodeLabel, label: string, properties: Record<string, unknown> }>, edges: Array<{ __typename: 'GraphEdge', id: string, type: RelationshipType, source: string, target: string, properties: Record<string, unknown> }>, omitted: Array<{ __typename: 'OmittedCount', relationshipType: RelationshipType, count: number }> } };

export type ShortestPathQueryVariables = Exact<{
  from: string | number;
  to: string | number;
}>;


export type ShortestPathQuery = { __typename: 'Query', shortestPath: { __typename: 'Subgraph', truncated: boolean, nodes: Array<{ __typename: 'GraphNode', id: string, type: NodeLabel, label: string, properties: Record<string, unknown> }>, edges: Array<{ __typename: 'GraphEdge', id: string, type: RelationshipType, source: string, target: string, properties: Record<string, unknown> }>, omitted: Array<{ __typename: 'OmittedCount', relationshipType: RelationshipType, count: number }> } };

export type SubgraphElementsFragment = { __typename: 'Subgraph', truncated: boolean, nodes: Array<{ __typename: 'GraphNode', id: string, type: NodeLabel, label: string, properties: Record<string, unknown> }>, edges: Array<{ __typename: 'GraphEdge', id: string, type: RelationshipType, source: string, target: string, properties: Record<string, unknown> }>, omitted: Array<{ __typename: 'OmittedCount', relationshipType: RelationshipType, count: number }> };

export type FirmSuggestionsQueryVariables = Exact<{
  id: string | number;
}>;


export type FirmSuggestionsQuery = { __typename: 'Query', partners: Array<{ __typename: 'PartnerSuggestion', id: string, candidateId: string, type: NodeLabel, name: string, score: number, reasons: Array<string> }>, deputies: Array<{ __typename: 'DeputySuggestion', id: string, personId: string, name: string, title: string | null, employerId: string, employerName: string, score: number, reasons: Array<string> }> };

export type PersonSuggestionsQueryVariables = Exact<{
  id: string | number;
}>;


export type PersonSuggestionsQuery = { __typename: 'Query', firms: Array<{ __typename: 'DeputyCandidate', id: string, enterpriseId: string, name: string, gaps: Array<DeputyGap>, score: number, reasons: Array<string> }> };

export type PartnerSuggestionsQueryVariables = Exact<{
  enterpriseId: string | number;
  limit?: number | null | undefined;
  weights?: PartnerWeights | null | undefined;
}>;


export type PartnerSuggestionsQuery = { __typename: 'Query', partnerSuggestions: Array<{ __typename: 'PartnerSuggestion', id: string, candidateId: string, type: NodeLabel, name: string, score: number, segmentPeers: number, sharedProjects: number, experts: number, industryPeers: number, divisionPeers: number, countyPeers: number, chainPlatforms: number, served: number, capacity: number, expertise: Array<string>, reasons: Array<string>, breakdown: Array<{ __typename: 'EvidencePoints', evidence: string, count: number, weight: number, points: number }> }> };

export type DeputySuggestionsQueryVariables = Exact<{
  enterpriseId: string | number;
  limit?: number | null | undefined;
  year?: number | null | undefined;
}>;


export type DeputySuggestionsQuery = { __typename: 'Query', deputySuggestions: Array<{ __typename: 'DeputySuggestion', id: string, personId: string, name: string, title: string | null, degree: string | null, expertise: Array<string>, chains: Array<string>, employerId: string, employerName: string, employerType: NodeLabel, endingSecondment: string | null, employerPartner: boolean, employerPeers: number, experience: number, score: number, reasons: Array<string> }> };

export type DeputyCandidatesForQueryVariables = Exact<{
  personId: string | number;
  limit?: number | null | undefined;
  year?: number | null | undefined;
}>;


export type DeputyCandidatesForQuery = { __typename: 'Query', deputyCandidatesFor: Array<{ __typename: 'DeputyCandidate', id: string, enterpriseId: string, name: string, industryCode: string | null, aboveScale: boolean, chains: Array<string>, gaps: Array<DeputyGap>, expertise: Array<string>, employerPartner: boolean, score: number, reasons: Array<string> }> };

export type ReferenceListsQueryVariables = Exact<{ [key: string]: never; }>;


export type ReferenceListsQuery = { __typename: 'Query', industryChains: Array<{ __typename: 'IndustryChain', id: string, name: string }>, regions: Array<{ __typename: 'Region', code: string, name: string, level: RegionLevel }>, targets: Array<{ __typename: 'Target', year: number }>, reports: Array<{ __typename: 'AnnualReport', year: number }> };

export type HistoryQueryVariables = Exact<{
  id: string | number;
  offset: number;
}>;


export type HistoryQuery = { __typename: 'Query', history: Array<{ __typename: 'Change', id: string, at: string, entity: ChangeEntity, action: ChangeAction, labels: Array<string> | null, nodeId: string | null, type: string | null, fromId: string | null, toId: string | null, actor: string, operation: string, outsideApi: boolean, auditEventId: string, file: string | null, row: number | null, properties: Array<{ __typename: 'PropertyChange', property: string, before: unknown, after: unknown, withheld: boolean }> }> };

export type QuickSearchQueryVariables = Exact<{
  text: string;
}>;


export type QuickSearchQuery = { __typename: 'Query', search: Array<{ __typename: 'SearchHit', id: string, nodeId: string, type: NodeLabel, label: string }> };

export type SearchQueryVariables = Exact<{
  text: string;
  types?: Array<NodeLabel> | NodeLabel | null | undefined;
  limit?: number | null | undefined;
}>;


export type SearchQuery = { __typename: 'Query', search: Array<{ __typename: 'SearchHit', id: string, nodeId: string, type: NodeLabel, label: string, score: number }> };

export const SubgraphElementsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SubgraphElements"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Subgraph"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"properties"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"properties"}}]}},{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"omitted"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"relationshipType"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<SubgraphElementsFragment, unknown>;
export const ChainDocument = {"__meta__":{"hash":"934bf51a4c3cece759d65790cb226966d5e75d7adf0ec16d160713a1c936b438"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Chain"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"chainId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"industryChains"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"id"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"chainId"}}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"segments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"enterprisesConnection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"count"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ChainQuery, ChainQueryVariables>;
export const ChainGapsDocument = {"__meta__":{"hash":"0b8a5e4e0de1bde91e874ee9b138f4fba0056a68cdd8890c13ffbe1f36833929"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ChainGaps"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"chainId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","alias":{"kind":"Name","value":"empty"},"name":{"kind":"Name","value":"chainSegmentsWithoutEnterprise"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"chainId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"chainId"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"500"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"noLab"},"name":{"kind":"Name","value":"chainsWithoutLabPartner"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"500"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"noUniversity"},"name":{"kind":"Name","value":"chainsWithoutUniversityPartner"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"500"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ChainGapsQuery, ChainGapsQueryVariables>;
export const EnterprisesWithoutConsortiumPageDocument = {"__meta__":{"hash":"1aad23eda18c7095fc9e1be8970747368118990f2fbd8919e0df7085be1090bc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EnterprisesWithoutConsortiumPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"year"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RegionCode"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"chainId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offset"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","alias":{"kind":"Name","value":"rows"},"name":{"kind":"Name","value":"enterprisesWithoutConsortium"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}},{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"chainId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"chainId"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"offset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offset"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"locatedIn"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"partnerSuggestions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"candidateId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<EnterprisesWithoutConsortiumPageQuery, EnterprisesWithoutConsortiumPageQueryVariables>;
export const EnterprisesWithoutConsortiumTotalDocument = {"__meta__":{"hash":"91876c67e4fc95de93e34a732c815602f03c72b283f3b60022c6f3a328c552fd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EnterprisesWithoutConsortiumTotal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"year"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RegionCode"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"chainId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","alias":{"kind":"Name","value":"total"},"name":{"kind":"Name","value":"enterprisesWithoutConsortiumTotal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}},{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"chainId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"chainId"}}}]}]}}]} as unknown as DocumentNode<EnterprisesWithoutConsortiumTotalQuery, EnterprisesWithoutConsortiumTotalQueryVariables>;
export const FourHavesCoverageDocument = {"__meta__":{"hash":"ee25c29fb38f0c672926dd755a08d166f8548155162ca0fd8caef92eeb5a47c6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FourHavesCoverage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"year"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RegionCode"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"chainId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offset"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","alias":{"kind":"Name","value":"c"},"name":{"kind":"Name","value":"fourHavesCoverage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}},{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"chainId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"chainId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"covered"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"missing"}},{"kind":"Field","name":{"kind":"Name","value":"ratio"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"rows"},"name":{"kind":"Name","value":"enterprisesMissingFourHaves"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}},{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"chainId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"chainId"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"offset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offset"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"locatedIn"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"missingFourHaves"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}}]}]}}]}}]} as unknown as DocumentNode<FourHavesCoverageQuery, FourHavesCoverageQueryVariables>;
export const TargetReviewDocument = {"__meta__":{"hash":"70c79cf5f9eb48b3c4544fb947ae617651f3e39207ca49bf3904d6dab936ac79"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TargetReview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"year"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RegionCode"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"chainId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","alias":{"kind":"Name","value":"r"},"name":{"kind":"Name","value":"targetReview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}},{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"chainId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"chainId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"met"}},{"kind":"Field","name":{"kind":"Name","value":"notMet"}},{"kind":"Field","name":{"kind":"Name","value":"unavailable"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"actual"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"previousActual"}},{"kind":"Field","name":{"kind":"Name","value":"change"}}]}}]}}]}}]} as unknown as DocumentNode<TargetReviewQuery, TargetReviewQueryVariables>;
export const FirmsWithoutConsortiumDocument = {"__meta__":{"hash":"3e57e52828b6a1ba32e4e8341856a8130d758d47c4f3a846297472a206941e1f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FirmsWithoutConsortium"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"year"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RegionCode"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"chainId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offset"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","alias":{"kind":"Name","value":"rows"},"name":{"kind":"Name","value":"enterprisesWithoutConsortium"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}},{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"chainId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"chainId"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}},{"kind":"Argument","name":{"kind":"Name","value":"offset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offset"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"industryCode"}},{"kind":"Field","name":{"kind":"Name","value":"foundedOn"}},{"kind":"Field","name":{"kind":"Name","value":"revenue"}},{"kind":"Field","name":{"kind":"Name","value":"locatedIn"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"total"},"name":{"kind":"Name","value":"enterprisesWithoutConsortiumTotal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}},{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"chainId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"chainId"}}}]}]}}]} as unknown as DocumentNode<FirmsWithoutConsortiumQuery, FirmsWithoutConsortiumQueryVariables>;
export const NeighborhoodDocument = {"__meta__":{"hash":"e81d7749d73db59ce2cb872b4ff308320944c4e0ad0136bf5d7692623b095aa7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Neighborhood"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"neighborhood"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"depth"},"value":{"kind":"IntValue","value":"1"}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"200"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"SubgraphElements"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SubgraphElements"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Subgraph"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"properties"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"properties"}}]}},{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"omitted"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"relationshipType"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<NeighborhoodQuery, NeighborhoodQueryVariables>;
export const ChainMapDocument = {"__meta__":{"hash":"d0d8fc7b5ce44fe9e6a9c433b0f33721fa4179ccb5eda1ec786d0f9da86a380c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ChainMap"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"chainId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"chainMap"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"chainId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"chainId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"SubgraphElements"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SubgraphElements"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Subgraph"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"properties"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"properties"}}]}},{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"omitted"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"relationshipType"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<ChainMapQuery, ChainMapQueryVariables>;
export const SegmentFirmsDocument = {"__meta__":{"hash":"943a618933df2e51891ee1dfc85f3a1b5bafd8d8bc5cfb6081276a30f5ef7dba"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SegmentFirms"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"neighborhood"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"relationshipTypes"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"OPERATES_IN"}]}},{"kind":"Argument","name":{"kind":"Name","value":"labels"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"Enterprise"}]}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"1000"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"SubgraphElements"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SubgraphElements"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Subgraph"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"properties"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"properties"}}]}},{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"omitted"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"relationshipType"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<SegmentFirmsQuery, SegmentFirmsQueryVariables>;
export const ShortestPathDocument = {"__meta__":{"hash":"5de642910c734f72f021a03db85d7335b43c3d0b5e518ddfe4275ebfaa0a1ea6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ShortestPath"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"shortestPath"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"fromId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"toId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"maxHops"},"value":{"kind":"IntValue","value":"6"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"SubgraphElements"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SubgraphElements"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Subgraph"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"properties"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"properties"}}]}},{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"omitted"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"relationshipType"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<ShortestPathQuery, ShortestPathQueryVariables>;
export const FirmSuggestionsDocument = {"__meta__":{"hash":"9829b9d6f421a9523b517da55a5979d19e80f26ab821110392e32944ef8b8431"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FirmSuggestions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","alias":{"kind":"Name","value":"partners"},"name":{"kind":"Name","value":"partnerSuggestions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"enterpriseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"candidateId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"deputies"},"name":{"kind":"Name","value":"deputySuggestions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"enterpriseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"personId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"employerId"}},{"kind":"Field","name":{"kind":"Name","value":"employerName"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}}]}}]}}]} as unknown as DocumentNode<FirmSuggestionsQuery, FirmSuggestionsQueryVariables>;
export const PersonSuggestionsDocument = {"__meta__":{"hash":"3acb0d889e2d66d1209f95aa4d4f2019cadbe4bf83e890f174bf9305eb5d3e18"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PersonSuggestions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","alias":{"kind":"Name","value":"firms"},"name":{"kind":"Name","value":"deputyCandidatesFor"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"personId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"8"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"enterpriseId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"gaps"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}}]}}]}}]} as unknown as DocumentNode<PersonSuggestionsQuery, PersonSuggestionsQueryVariables>;
export const PartnerSuggestionsDocument = {"__meta__":{"hash":"3fbff83108a43d78fe8a4bb0d4865aa30baefacb4618cce739e72e39e98ba7fd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PartnerSuggestions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"weights"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PartnerWeights"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"partnerSuggestions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"enterpriseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}},{"kind":"Argument","name":{"kind":"Name","value":"weights"},"value":{"kind":"Variable","name":{"kind":"Name","value":"weights"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"candidateId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"segmentPeers"}},{"kind":"Field","name":{"kind":"Name","value":"sharedProjects"}},{"kind":"Field","name":{"kind":"Name","value":"experts"}},{"kind":"Field","name":{"kind":"Name","value":"industryPeers"}},{"kind":"Field","name":{"kind":"Name","value":"divisionPeers"}},{"kind":"Field","name":{"kind":"Name","value":"countyPeers"}},{"kind":"Field","name":{"kind":"Name","value":"chainPlatforms"}},{"kind":"Field","name":{"kind":"Name","value":"served"}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}},{"kind":"Field","name":{"kind":"Name","value":"expertise"}},{"kind":"Field","name":{"kind":"Name","value":"breakdown"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"points"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}}]}}]}}]} as unknown as DocumentNode<PartnerSuggestionsQuery, PartnerSuggestionsQueryVariables>;
export const DeputySuggestionsDocument = {"__meta__":{"hash":"304166f26da582f12f2f65b5e574431d91d7490286cc598038464fbb874e918e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DeputySuggestions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"year"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"deputySuggestions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"enterpriseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}},{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"personId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"degree"}},{"kind":"Field","name":{"kind":"Name","value":"expertise"}},{"kind":"Field","name":{"kind":"Name","value":"chains"}},{"kind":"Field","name":{"kind":"Name","value":"employerId"}},{"kind":"Field","name":{"kind":"Name","value":"employerName"}},{"kind":"Field","name":{"kind":"Name","value":"employerType"}},{"kind":"Field","name":{"kind":"Name","value":"endingSecondment"}},{"kind":"Field","name":{"kind":"Name","value":"employerPartner"}},{"kind":"Field","name":{"kind":"Name","value":"employerPeers"}},{"kind":"Field","name":{"kind":"Name","value":"experience"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}}]}}]}}]} as unknown as DocumentNode<DeputySuggestionsQuery, DeputySuggestionsQueryVariables>;
export const DeputyCandidatesForDocument = {"__meta__":{"hash":"abce58fabfde4b1c01f75be33421f786db08d7505b34c141255183425ef4f2a6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DeputyCandidatesFor"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"personId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"year"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"deputyCandidatesFor"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"personId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"personId"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}},{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"enterpriseId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"industryCode"}},{"kind":"Field","name":{"kind":"Name","value":"aboveScale"}},{"kind":"Field","name":{"kind":"Name","value":"chains"}},{"kind":"Field","name":{"kind":"Name","value":"gaps"}},{"kind":"Field","name":{"kind":"Name","value":"expertise"}},{"kind":"Field","name":{"kind":"Name","value":"employerPartner"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}}]}}]}}]} as unknown as DocumentNode<DeputyCandidatesForQuery, DeputyCandidatesForQueryVariables>;
export const ReferenceListsDocument = {"__meta__":{"hash":"cc7541f09d71c38b7be915384ba780430e5c5c4183b612da872617c3140d500b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReferenceLists"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"industryChains"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"EnumValue","value":"ASC"}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"regions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"500"}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"code"},"value":{"kind":"EnumValue","value":"ASC"}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"level"}}]}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"1"}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"year"},"value":{"kind":"EnumValue","value":"DESC"}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"year"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"reports"},"name":{"kind":"Name","value":"annualReports"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"1"}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"year"},"value":{"kind":"EnumValue","value":"DESC"}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"year"}}]}}]}}]} as unknown as DocumentNode<ReferenceListsQuery, ReferenceListsQueryVariables>;
export const HistoryDocument = {"__meta__":{"hash":"e87180c172f4b0642ba67cf59cbcb86ef2f2cd5a3d8b048b75e14f93b2e438ef"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"History"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offset"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"offset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offset"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"entity"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"labels"}},{"kind":"Field","name":{"kind":"Name","value":"nodeId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"fromId"}},{"kind":"Field","name":{"kind":"Name","value":"toId"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"outsideApi"}},{"kind":"Field","name":{"kind":"Name","value":"auditEventId"}},{"kind":"Field","name":{"kind":"Name","value":"file"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"properties"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"property"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}},{"kind":"Field","name":{"kind":"Name","value":"withheld"}}]}}]}}]}}]} as unknown as DocumentNode<HistoryQuery, HistoryQueryVariables>;
export const QuickSearchDocument = {"__meta__":{"hash":"6d1728e30b951e9be1b3c9d238ce90eb9ff039a37013be799acb1385b7062ed1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"QuickSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"search"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"15"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nodeId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}}]}}]} as unknown as DocumentNode<QuickSearchQuery, QuickSearchQueryVariables>;
export const SearchDocument = {"__meta__":{"hash":"08c5926c6a70fc12eccd49bda8a1e4c277dbdaddea129cd93f966076454495d0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Search"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"types"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"NodeLabel"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"search"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}},{"kind":"Argument","name":{"kind":"Name","value":"types"},"value":{"kind":"Variable","name":{"kind":"Name","value":"types"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nodeId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"score"}}]}}]}}]} as unknown as DocumentNode<SearchQuery, SearchQueryVariables>;