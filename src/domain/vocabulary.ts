import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type ConstDirectiveNode, Kind, parse, type TypeNode, visit } from 'graphql';
import { fromRoot } from '../paths';

/** The node labels and relationship types of the graph, as the GraphQL schema declares them. */
export interface GraphVocabulary {
  /** Every `@node` type's name (GraphQL type name = Neo4j label), in schema order. */
  labels: readonly string[];
  /** Every `@relationship(type: ...)` of the schema, each once, in schema order. */
  relationshipTypes: readonly string[];
  /**
   * The amounts of money (fields typed BigInt: whole yuan) of each node label and relationship type, by its name
   * (a relationship type's are those of its `@relationshipProperties` type). Maps write them as decimal strings.
   */
  moneyProperties: Readonly<Record<string, readonly string[]>>;
}

/** The name of a field's type without its list and non-null wrappers. */
function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const argument = directive.arguments?.find((a) => a.name.value === name);
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}

/**
 * Reads the vocabulary from SDL texts: the schema is the one list of labels and relationship types, so an argument
 * naming either is checked against it and a new type in schema/ is accepted without a second list to update.
 */
export function vocabularyOf(typeDefs: readonly string[]): GraphVocabulary {
  const labels = new Set<string>();
  const relationshipTypes = new Set<string>();
  /** BigInt fields by object type name; which properties type each relationship type uses. */
  const bigIntFields = new Map<string, string[]>();
  const propertiesTypeOf = new Map<string, string>();
  for (const sdl of typeDefs) {
    visit(parse(sdl), {
      ObjectTypeDefinition(node) {
        if (node.directives?.some((d) => d.name.value === 'node')) labels.add(node.name.value);
        const money = (node.fields ?? []).filter((f) => namedType(f.type) === 'BigInt').map((f) => f.name.value);
        if (money.length > 0) bigIntFields.set(node.name.value, money);
      },
      FieldDefinition(node) {
        for (const directive of node.directives ?? []) {
          const type = directive.name.value === 'relationship' ? stringArgument(directive, 'type') : undefined;
          if (type === undefined) continue;
          relationshipTypes.add(type);
          const properties = stringArgument(directive, 'properties');
          if (properties !== undefined) propertiesTypeOf.set(type, properties);
        }
      },
    });
  }
  const moneyProperties: Record<string, readonly string[]> = {};
  for (const label of labels) {
    const fields = bigIntFields.get(label);
    if (fields !== undefined) moneyProperties[label] = fields;
  }
  for (const [type, propertiesType] of propertiesTypeOf) {
    const fields = bigIntFields.get(propertiesType);
    if (fields !== undefined) moneyProperties[type] = fields;
  }
  return { labels: [...labels], relationshipTypes: [...relationshipTypes], moneyProperties };
}

let cached: GraphVocabulary | undefined;

/**
 * The vocabulary of `schema/*.graphql`, read on first use and kept (reading lazily keeps imports side-effect free).
 * The files are read here rather than through buildSchema's loader, which imports the resolvers that call this.
 */
export function graphVocabulary(): GraphVocabulary {
  if (cached === undefined) {
    const dir = fromRoot('schema');
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.graphql'))
      .sort();
    cached = vocabularyOf(files.map((f) => readFileSync(path.join(dir, f), 'utf8')));
  }
  return cached;
}
