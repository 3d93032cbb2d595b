import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type ConstDirectiveNode, Kind, parse, visit } from 'graphql';
import { fromRoot } from '../paths';

/** The node labels and relationship types of the graph, as the GraphQL schema declares them. */
export interface GraphVocabulary {
  /** Every `@node` type's name (GraphQL type name = Neo4j label), in schema order. */
  labels: readonly string[];
  /** Every `@relationship(type: ...)` of the schema, each once, in schema order. */
  relationshipTypes: readonly string[];
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
  for (const sdl of typeDefs) {
    visit(parse(sdl), {
      ObjectTypeDefinition(node) {
        if (node.directives?.some((d) => d.name.value === 'node')) labels.add(node.name.value);
      },
      FieldDefinition(node) {
        for (const directive of node.directives ?? []) {
          const type = directive.name.value === 'relationship' ? stringArgument(directive, 'type') : undefined;
          if (type !== undefined) relationshipTypes.add(type);
        }
      },
    });
  }
  return { labels: [...labels], relationshipTypes: [...relationshipTypes] };
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
