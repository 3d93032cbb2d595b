import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Neo4jGraphQL } from '@neo4j/graphql';
import type { GraphQLSchema } from 'graphql';
import type { Driver } from 'neo4j-driver';
import { JSONObjectResolver } from 'graphql-scalars';
import { fromRoot } from '../paths';
import { resolvers } from '../resolvers';
import { inlineCypherFiles } from './inlineCypherFiles';
import { CreditCode, IndustryCode, RegionCode } from './scalars';

export const SCHEMA_DIR = fromRoot('schema');

/** The SDL of every `schema/*.graphql` file, in name order, with `"#file:<path>.cypher"` statements inlined. */
export function loadTypeDefs(dir: string = SCHEMA_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => inlineCypherFiles(readFileSync(path.join(dir, f), 'utf8')));
}

/** Builds the executable schema: generated CRUD for every @node type plus our own resolvers. Needs no database. */
export async function buildSchema(driver?: Driver): Promise<{ schema: GraphQLSchema; neo4jGraphQL: Neo4jGraphQL }> {
  const neo4jGraphQL = new Neo4jGraphQL({
    typeDefs: loadTypeDefs(),
    resolvers: { CreditCode, IndustryCode, JSONObject: JSONObjectResolver, RegionCode, ...resolvers },
    ...(driver ? { driver } : {}),
    features: {
      excludeDeprecatedFields: {
        mutationOperations: true,
        aggregationFilters: true,
        aggregationFiltersOutsideConnection: true,
        relationshipFilters: true,
        attributeFilters: true,
      },
    },
  });
  const schema = await neo4jGraphQL.getSchema();
  return { schema, neo4jGraphQL };
}
