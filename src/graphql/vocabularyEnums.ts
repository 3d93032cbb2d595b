import { vocabularyOf } from '../domain';

/**
 * The graph's vocabulary as two enums of the API, `NodeLabel` and `RelationshipType`, written from the SDL itself
 * (every @node type, every @relationship type) when the schema is loaded: a client types `GraphNode.type` or the
 * `labels` argument of `neighborhood` with them, GraphQL validates the arguments, and a new type in schema/ joins
 * them with no second list to keep.
 */
export function vocabularyEnums(typeDefs: readonly string[]): string {
  const { labels, relationshipTypes } = vocabularyOf(typeDefs);
  return `"""
A node type of the graph: the name of a @node type of this schema, which is also its Neo4j label.
"""
enum NodeLabel {
${labels.map((label) => `  ${label}`).join('\n')}
}

"""
A relationship type of the graph, as stored in Neo4j (the type of a @relationship field of this schema).
"""
enum RelationshipType {
${relationshipTypes.map((type) => `  ${type}`).join('\n')}
}
`;
}
