import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Neo4jGraphQL } from '@neo4j/graphql';
import type { GraphQLSchema } from 'graphql';
import type { Driver } from 'neo4j-driver';
import { JSONObjectResolver, JSONResolver } from 'graphql-scalars';
import { auditMutations, selfAuditedFields } from '../audit';
import { accessRulesOf, type AccessRules } from '../auth';
import { vocabularyOf } from '../domain';
import { fromRoot } from '../paths';
import { resolvers } from '../resolvers';
import { type GuardedField, guardedFieldsOf } from './argumentGuards';
import { gapTotals } from './gapTotals';
import { inlineCypherFiles } from './inlineCypherFiles';
import { boundBigInt } from './money';
import { type ListLimit, listLimitsOf } from './operationLimits';
import { CreditCode, IndustryCode, RegionCode } from './scalars';
import { resolvePlainTypesByName } from './plainTypes';
import { vocabularyEnums } from './vocabularyEnums';

export const SCHEMA_DIR = fromRoot('schema');

/**
 * The SDL of every `schema/*.graphql` file, in name order, with `"#file:<path>.cypher"` statements inlined, and last
 * the enums of the graph's vocabulary written from them (vocabularyEnums.ts) and the totals of the paged gap lists
 * (gapTotals.ts, read from the files as written: a list is known by its `#file:gaps/…` statement).
 */
export function loadTypeDefs(dir: string = SCHEMA_DIR): string[] {
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
  const files = sources.map(inlineCypherFiles);
  const totals = gapTotals(sources);
  return [...files, vocabularyEnums(files), ...(totals === null ? [] : [totals])];
}

/**
 * Builds the executable schema: generated CRUD for every @node type plus our own resolvers, every mutation audited
 * (src/audit/auditMutations.ts), the access rules its directives state (src/auth/accessRules.ts) and its types' list
 * bounds (@limit, for src/graphql/operationLimits.ts). Needs no database.
 */
export async function buildSchema(driver?: Driver): Promise<{
  schema: GraphQLSchema;
  neo4jGraphQL: Neo4jGraphQL;
  accessRules: AccessRules;
  listLimits: Map<string, ListLimit>;
  guardedFields: ReadonlyMap<string, GuardedField>;
}> {
  const typeDefs = loadTypeDefs();
  const accessRules = accessRulesOf(typeDefs);
  const neo4jGraphQL = new Neo4jGraphQL({
    typeDefs,
    resolvers: {
      CreditCode,
      IndustryCode,
      JSON: JSONResolver,
      JSONObject: JSONObjectResolver,
      RegionCode,
      ...resolvers,
    },
    ...(driver ? { driver } : {}),
    features: {
      // The server passes the principal it verified as `context.jwt`, which the library trusts and prefers; it never
      // passes `context.token`. A key is still set, or the library warns at every build that none is: a random one,
      // so that a token could never verify here even if one were passed.
      authorization: { key: randomBytes(32).toString('base64') },
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
  resolvePlainTypesByName(schema, resolvers, new Set(vocabularyOf(typeDefs).labels));
  auditMutations(schema, selfAuditedFields(resolvers));
  boundBigInt(schema);
  return {
    schema,
    neo4jGraphQL,
    accessRules,
    listLimits: listLimitsOf(typeDefs),
    guardedFields: guardedFieldsOf(typeDefs),
  };
}
