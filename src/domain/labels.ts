import { NODE_LABELS, type NodeLabel } from './schema.generated';

/**
 * The node labels of the domain: each is a @node type of schema/*.graphql (GraphQL type name = Neo4j label) with a
 * uniqueness constraint on `id`, as `npm run domain:types` reads them from the schema. Arguments that name types are
 * checked against this list before any Cypher runs.
 */
export const LABELS = NODE_LABELS;

export type Label = NodeLabel;

export function isLabel(name: string): name is Label {
  return (LABELS as readonly string[]).includes(name);
}
