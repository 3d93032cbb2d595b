/**
 * The node labels of the domain: each is a @node type of schema/*.graphql (GraphQL type name = Neo4j label) with a
 * uniqueness constraint on `id`. Arguments that name types are checked against this list before any Cypher runs.
 */
export const LABELS = [
  'Region',
  'IndustryCluster',
  'IndustryChain',
  'ChainSegment',
  'Enterprise',
  'AnnualReport',
  'Qualification',
  'University',
  'ResearchInstitute',
  'Platform',
  'Person',
  'Project',
  'Fund',
  'Consortium',
  'Achievement',
  'Challenge',
  'Policy',
  'Contest',
  'Target',
] as const;

export type Label = (typeof LABELS)[number];

export function isLabel(name: string): name is Label {
  return (LABELS as readonly string[]).includes(name);
}
