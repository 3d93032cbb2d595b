import { defaultFieldResolver, getNamedType, type GraphQLSchema, isObjectType } from 'graphql';

/** The resolvers @neo4j/graphql gives fields that have none, by name (the library does not export them). */
const LIBRARY_DEFAULTS = new Set(['defaultFieldResolver', 'numericalResolver', 'idResolver']);

/** The fields our own resolvers answer: type name → field names (e.g. Query.metric, Enterprise.partnerSuggestions). */
export type ResolvedFields = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/**
 * Gives the fields of the object types our own resolvers return (PartnerSuggestion, Subgraph, MetricValue, … and
 * the types inside them, down to any @node type) graphql-js's default resolver, which reads a field by its name.
 *
 * @neo4j/graphql gives every field without a resolver its own default, which reads `source[alias]` first when the
 * object has a property of that name, because its Cypher projections return fields under their aliases. On the plain
 * objects our resolvers return, that answers `{ id: candidateId }` with the value of `id` and `{ name: type }` with
 * the value of `name`: a client renaming a field got another field's value. Our objects are already plain (numbers,
 * strings, no Neo4j integers), so the name-based default is the right one; @node types keep the library's.
 * @returns the names of the types changed
 */
export function resolvePlainTypesByName(
  schema: GraphQLSchema,
  resolved: ResolvedFields,
  nodeTypes: ReadonlySet<string>,
): string[] {
  const plain = new Set<string>();
  const visit = (typeName: string): void => {
    const type = schema.getType(typeName);
    if (!isObjectType(type) || nodeTypes.has(typeName) || plain.has(typeName)) return;
    plain.add(typeName);
    for (const field of Object.values(type.getFields())) {
      if (field.resolve === undefined || LIBRARY_DEFAULTS.has(field.resolve.name)) field.resolve = defaultFieldResolver;
      visit(getNamedType(field.type).name);
    }
  };
  for (const [typeName, fields] of Object.entries(resolved)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    for (const fieldName of Object.keys(fields)) {
      const field = type.getFields()[fieldName];
      if (field !== undefined) visit(getNamedType(field.type).name);
    }
  }
  return [...plain].sort();
}
