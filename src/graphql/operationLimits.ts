import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type DocumentNode,
  getArgumentValues,
  getNamedType,
  getNullableType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isListType,
  isObjectType,
  isUnionType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type TypeInfo,
  type ValidationRule,
  valueFromASTUntyped,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { LRUCache } from 'lru-cache';
import type { OperationLimits } from '../config';
import { AppError, badInput, ErrorCode } from '../errors';
import { filterExpansion, formatInputPath, MAX_INPUT_NESTING } from './filterCost';
import { executionOf, visitExecuted } from './operations';

/** A @node type's list bounds, from its `@limit(default, max)` in schema/. */
export interface ListLimit {
  default: number;
  max: number;
}

/** Every `@limit(default, max)` of the SDL's object and interface types, by type name. */
export function listLimitsOf(typeDefs: readonly string[]): Map<string, ListLimit> {
  const limits = new Map<string, ListLimit>();
  for (const sdl of typeDefs) {
    for (const definition of parse(sdl).definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION)
        continue;
      const limit = definition.directives?.find((d) => d.name.value === 'limit');
      if (!limit) continue;
      const args = Object.fromEntries((limit.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]));
      limits.set(definition.name.value, { default: Number(args.default), max: Number(args.max) });
    }
  }
  return limits;
}

/** The @node type whose items a field lists: the list's item type, or a connection's `edges { node }` type. */
function itemType(type: GraphQLNamedType): GraphQLNamedType {
  if (!isObjectType(type)) return type;
  const edges = type.getFields().edges;
  if (!edges) return type;
  const edge = getNamedType(edges.type);
  const node = isObjectType(edge) ? edge.getFields().node : undefined;
  return node ? getNamedType(node.type) : type;
}

function pageSize(args: Record<string, unknown>): number | undefined {
  const size = args.limit ?? args.first;
  if (typeof size === 'number') return size;
  // Ids are unique across the graph: a list filtered to `id: { eq }` or `id: { in: [...] }` holds at most that many.
  const id = (args.where as { id?: { eq?: unknown; in?: unknown } } | undefined)?.id;
  if (id?.eq !== undefined) return 1;
  return Array.isArray(id?.in) ? id.in.length : undefined;
}

/**
 * How many items a field's selection is repeated for: its `limit` / `first` when given, or the ids its `where` pins
 * down; else, for a list or a
 * connection of a @node type, that type's @limit default (what @neo4j/graphql returns); else 1 (one object, or a
 * list of our own types, which their resolvers bound).
 */
function multiplier(
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  limits: Map<string, ListLimit>,
) {
  const explicit = pageSize(args);
  if (explicit !== undefined) return Math.max(0, explicit);
  const named = getNamedType(field.type);
  const item = itemType(named);
  const listed = isListType(getNullableType(field.type)) || item !== named;
  return listed ? (limits.get(item.name)?.default ?? 1) : 1;
}

/**
 * The cost estimator: each field counts 1, and what it selects counts once per item it returns. A `limit: 1000`
 * inside another `limit: 1000` costs 10^6: roughly the number of values the answer would hold. A field's relationship
 * filters (`where: { holders: { some: … } }`, src/graphql/filterCost.ts) add the relationships Neo4j expands to test
 * them, `hopCost` per hop times what is nested in it; like the field, that counts once per item of the lists the
 * field is nested in (a nested list's filter runs for each parent).
 */
export function listCost(limits: Map<string, ListLimit>, hopCost = 0): ComplexityEstimator {
  return ({ field, args, childComplexity }) =>
    1 +
    (hopCost > 0 && field.args.length > 0 ? filterExpansion(field.args, args, hopCost).cost : 0) +
    childComplexity * multiplier(field, args, limits);
}

/**
 * Checks every `limit`, `first` and `offset` argument of the operation, at any depth, before it runs: none may be
 * negative, `limit` and `first` not 0 (the library reads 0 as "no limit"), a page of a @node type may not exceed its
 * @limit max, and a list of a union must say its `limit` (the library bounds unions by nothing else). The rule is by
 * argument name and the SDL's @limit, so a new field is covered without being listed anywhere. Our own root fields
 * check their own ranges too.
 */
function checkPaging(
  typeInfo: TypeInfo,
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  limits: Map<string, ListLimit>,
): AppError | null {
  const where = `${typeInfo.getParentType()?.name ?? '?'}.${field.name}`;
  const named = getNamedType(field.type);
  // @neo4j/graphql applies no @limit to a list of a union (its members' would not agree): the client must bound it.
  if (isUnionType(named) && isListType(getNullableType(field.type)) && typeof args.limit !== 'number') {
    return badInput('limit', `is required on a list of ${named.name} (1 to 1000) (in ${where})`, undefined, {
      field: field.name,
    });
  }
  for (const name of ['limit', 'first', 'offset'] as const) {
    const value = args[name];
    if (typeof value !== 'number') continue;
    const refuse = (message: string) => badInput(name, message, value, { field: field.name });
    if (value < 0) return refuse(`must be 0 or more; got ${value} (in ${where})`);
    const max =
      name === 'offset'
        ? undefined
        : (limits.get(itemType(named).name)?.max ?? (isUnionType(named) ? 1000 : undefined));
    // @neo4j/graphql reads a limit or first of 0 as none at all: every row (our own fields check their own ranges).
    if (value === 0 && max !== undefined) return refuse(`must be at least 1; got 0 (in ${where})`);
    if (max !== undefined && value > max) {
      return refuse(`must be at most ${max}; got ${value} (in ${where}); page with offset or after`);
    }
  }
  return null;
}

/**
 * The bounds of every operation, checked before it runs:
 * - depth, aliases and directives by graphql-armor (validation rules: GRAPHQL_VALIDATION_FAILED, 400); tokens by the
 *   parser (`parseOptions.maxTokens` in server.ts: GRAPHQL_PARSE_FAILED, 400);
 * - a subscription: this API has none (BAD_REQUEST, where graphql-js would fail later with an internal error);
 * - paging arguments anywhere in the operation ({@link checkPaging}: BAD_USER_INPUT naming the argument);
 * - relationship filters nested in one another (`where: { holders: { some: { qualifications: { some: … } } } }`,
 *   src/graphql/filterCost.ts): deeper than `maxFilterDepth` is QUERY_TOO_COMPLEX naming the filter's path;
 * - the cost, lists multiplied by their sizes and relationship filters by their hops ({@link listCost}, with
 *   graphql-query-complexity): over the budget is QUERY_TOO_COMPLEX, before any database work.
 */
export function operationLimits<TContext extends BaseContext>(
  limits: OperationLimits,
  listLimits: Map<string, ListLimit>,
): { validationRules: ValidationRule[]; plugins: ApolloServerPlugin<TContext>[] } {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    // Tokens are bounded by graphql-js's own parser (Apollo's parseOptions.maxTokens, see server.ts): armor's token
    // plugin throws from a hook that Apollo 5 answers with a 500.
    maxTokens: { enabled: false },
    // The cost is ours (below): armor's cost does not multiply by list sizes.
    costLimit: { enabled: false },
    // Suggestions help people write queries; the schema is not secret (introspection is on).
    blockFieldSuggestion: { enabled: false },
  }).protect();
  const estimators = [listCost(listLimits, limits.filterHopCost)];
  // The verdict depends on the document and the variables only (the schema is fixed), and most requests repeat a
  // document: it is kept for the last 2000 (document, operation, variables), small variables only.
  const verdicts = new LRUCache<string, { problem: AppError | null }>({ max: 2000 });
  const check = (
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    request: { variables?: Record<string, unknown>; operationName?: string | null },
  ): AppError | null => {
    const { variables, includes } = executionOf(schema, operation, request.variables ?? {});
    if (!variables) return null; // execution reports them with graphql-js's own messages
    let problem: AppError | null = null;
    // The fields from the operation's (or a fragment's) root to the one visited, for the path of a filter.
    const fields: string[] = [];
    // The field whose relationship filters cost the most, for the message when the operation costs too much.
    let costliest = { cost: 0, path: '' };
    // What runs only: not the other operations of the document (their variables are not given), nor a field that
    // @skip/@include leave out — graphql-query-complexity leaves those out of the cost too.
    visitExecuted(schema, document, operation, includes, (typeInfo) => ({
      FragmentDefinition: {
        enter: (node) => void fields.push(`...${node.name.value}`),
        leave: () => void fields.pop(),
      },
      Field: {
        enter(node) {
          fields.push(node.name.value);
          const field = typeInfo.getFieldDef();
          if (problem || !field || field.args.length === 0) return;
          let args: Record<string, unknown>;
          try {
            args = getArgumentValues(field, node, variables);
          } catch {
            return; // an argument that does not coerce: execution reports it
          }
          if (field.args.some((a) => ['limit', 'first', 'offset'].includes(a.name))) {
            problem = checkPaging(typeInfo, field, args, listLimits);
            if (problem) return;
          }
          const filters = filterExpansion(field.args, args, limits.filterHopCost, limits.maxFilterDepth);
          const at = (path: readonly (string | number)[]) => `${fields.join('.')}.${formatInputPath(path)}`;
          if (filters.tooNested) {
            // The argument only: the path itself is over a hundred steps long.
            const argument = at(filters.tooNested.slice(0, 1));
            problem = new AppError(
              ErrorCode.QUERY_TOO_COMPLEX,
              `The input of ${argument} nests objects more than ${MAX_INPUT_NESTING} deep: write it flatter.`,
              { path: argument },
            );
          } else if (filters.over) {
            problem = new AppError(
              ErrorCode.QUERY_TOO_COMPLEX,
              `The relationship filter at ${at(filters.over)} is nested ${limits.maxFilterDepth + 1} relationship filters deep (some, all, none, single, aggregate), over the limit of ${limits.maxFilterDepth}: Neo4j expands every related node of every level for each candidate. Filter on fewer levels, or ask in two steps (the ids of the inner level first).`,
              { path: at(filters.over), filterDepth: filters.depth, maxFilterDepth: limits.maxFilterDepth },
            );
          } else if (filters.cost > costliest.cost) {
            costliest = { cost: filters.cost, path: fields.join('.') };
          }
        },
        leave: () => void fields.pop(),
      },
    }));
    if (problem) return problem;
    const options = {
      schema,
      query: document,
      estimators,
      variables: request.variables ?? {},
      ...(request.operationName ? { operationName: request.operationName } : {}),
    };
    const cost = getComplexity(options);
    if (cost <= limits.maxCost) return null;
    if (costliest.cost === 0) {
      return new AppError(
        ErrorCode.QUERY_TOO_COMPLEX,
        `This query could return about ${cost} values, over the limit of ${limits.maxCost}: ask for smaller or fewer nested lists (limit, first), or page through them.`,
        { cost, maxCost: limits.maxCost },
      );
    }
    // Only when refusing: the share of the relationship filters, for a message that says what to change.
    const values = getComplexity({ ...options, estimators: [listCost(listLimits)] });
    return new AppError(
      ErrorCode.QUERY_TOO_COMPLEX,
      `This query could return about ${values} values and expand about ${cost - values} relationships for its relationship filters (${limits.filterHopCost} a hop, times the lists a filtered field is nested in; the costliest filters are those of ${costliest.path}): ${cost} in all, over the limit of ${limits.maxCost}. Filter on fewer relationships, or nest the filtered list in fewer or smaller lists (limit, first).`,
      { cost, maxCost: limits.maxCost, path: costliest.path },
    );
  };
  const plugin: ApolloServerPlugin<TContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, queryHash }) {
          if (!operation) return;
          if (operation.operation === 'subscription') {
            throw new AppError(ErrorCode.BAD_REQUEST, 'This API has no subscriptions: send a query or a mutation.');
          }
          const variables = JSON.stringify(request.variables ?? {});
          const key =
            variables.length <= 4096 ? `${queryHash}\u0000${request.operationName ?? ''}\u0000${variables}` : null;
          let verdict = key === null ? undefined : verdicts.get(key);
          if (verdict === undefined) {
            verdict = { problem: check(schema, document, operation, request) };
            if (key !== null) verdicts.set(key, verdict);
          }
          if (verdict.problem) {
            // A fresh error for each request: one kept in the cache is never handed to Apollo twice.
            const { code, http: _http, ...details } = verdict.problem.extensions;
            throw new AppError(code as ErrorCode, verdict.problem.message, details);
          }
        },
      };
    },
  };
  return {
    validationRules: armor.validationRules,
    plugins: [...(armor.plugins as ApolloServerPlugin<TContext>[]), plugin],
  };
}
