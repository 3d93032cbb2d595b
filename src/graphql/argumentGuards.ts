import type { ApolloServerPlugin } from '@apollo/server';
import {
  getArgumentValues,
  Kind,
  parse,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { isInt } from 'neo4j-driver';
import { type AppError, badInput } from '../errors';
import { checkGapArguments, type GapArgumentRefs } from '../queries';
import type { RequestContext } from '../context';
import { validateYear } from '../domain';
import { readFor } from '../resolvers';
import { executionOf, rootFieldNodes } from './operations';

/** Paging of every gap list: the SDL default of `limit`, and its maximum. */
export const GAP_PAGING = { defaultLimit: 50, maxLimit: 500 } as const;

/** The range of `withinYears` (R2's landmark window). */
export const WITHIN_YEARS = { min: 1, max: 100 } as const;

/** What the guards know of a root field: whether its `year` must be a year with AnnualReports. */
export interface GuardedField {
  reportYear: boolean;
}

/**
 * The root fields whose arguments are guarded, read from the SDL by rule so that a new gap field is covered by
 * being written, never by being listed: every Query field declared with `@cypher` (@neo4j/graphql runs those itself,
 * so no resolver of ours sees their arguments) or with an argument marked `@reportYear`. A `year` must be a year with
 * AnnualReports where the SDL marks it `@reportYear` (schema/gaps.graphql: the fields that compare a report of the
 * year); elsewhere it only needs to be a plausible year (expiringQualifications looks ahead, and
 * backboneEnterprisesWithoutPlatform's year is about platforms).
 */
export function guardedFieldsOf(typeDefs: readonly string[]): ReadonlyMap<string, GuardedField> {
  const fields = new Map<string, GuardedField>();
  for (const source of typeDefs) {
    for (const definition of parse(source, { noLocation: true }).definitions) {
      const isQuery =
        (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
        definition.name.value === 'Query';
      if (!isQuery) continue;
      for (const field of definition.fields ?? []) {
        const marked = (field.arguments ?? []).filter((a) => a.directives?.some((d) => d.name.value === 'reportYear'));
        const cypher = field.directives?.some((d) => d.name.value === 'cypher') ?? false;
        if (!cypher && marked.length === 0) continue;
        fields.set(field.name.value, { reportYear: marked.some((a) => a.name.value === 'year') });
      }
    }
  }
  return fields;
}

/** A guarded field of an operation with its argument values (defaults applied, variables substituted). */
export interface GuardedCall {
  field: string;
  args: Record<string, unknown>;
  /** Its `year` must be a year with AnnualReports ({@link GuardedField}). */
  reportYear?: boolean;
}

function reject(field: string, argument: string, message: string, value: unknown): AppError {
  const shown = isInt(value) || typeof value === 'bigint' ? value.toString() : value;
  return badInput(argument, `${message} (in ${field})`, shown, { field });
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * The checks that need no database: paging, thresholds, the window of years and the year's range.
 * @returns the first problem as a BAD_USER_INPUT AppError naming the argument and what is accepted, or null
 */
export function checkStaticArguments({ field, args }: GuardedCall): AppError | null {
  const { limit, offset, minRevenue, withinYears, year } = args;
  if (limit !== undefined && !isIntegerIn(limit, 1, GAP_PAGING.maxLimit)) {
    return reject(field, 'limit', `must be between 1 and ${GAP_PAGING.maxLimit}; got ${String(limit)}`, limit);
  }
  if (offset !== undefined && !isIntegerIn(offset, 0, Number.MAX_SAFE_INTEGER)) {
    return reject(field, 'offset', `must be 0 or more; got ${String(offset)}`, offset);
  }
  if (minRevenue !== undefined && minRevenue !== null) {
    const negative = isInt(minRevenue) ? minRevenue.isNegative() : Number(minRevenue) < 0;
    if (negative) {
      return reject(field, 'minRevenue', `must be 0 or more yuan; got ${String(minRevenue)}`, minRevenue);
    }
  }
  if (withinYears !== undefined && !isIntegerIn(withinYears, WITHIN_YEARS.min, WITHIN_YEARS.max)) {
    const range = `${WITHIN_YEARS.min} and ${WITHIN_YEARS.max}`;
    return reject(field, 'withinYears', `must be between ${range}; got ${String(withinYears)}`, withinYears);
  }
  if (typeof year === 'number') {
    const problem = validateYear(year);
    if (problem !== null) return reject(field, 'year', `${problem}; got ${year}`, year);
  }
  return null;
}

/** The regions, chains and report years a set of calls names, each once. */
export function referencesOf(calls: readonly GuardedCall[]): GapArgumentRefs {
  const regionCodes = new Set<string>();
  const chainIds = new Set<string>();
  const years = new Set<number>();
  for (const { args, reportYear } of calls) {
    if (typeof args.regionCode === 'string') regionCodes.add(args.regionCode);
    if (typeof args.chainId === 'string') chainIds.add(args.chainId);
    if (typeof args.year === 'number' && reportYear) years.add(args.year);
  }
  return { regionCodes: [...regionCodes], chainIds: [...chainIds], years: [...years] };
}

/**
 * The guarded root fields an operation selects (through fragments too, leaving out those @skip/@include drop),
 * with their argument values. Returns [] when the variables do not coerce or an argument is invalid: execution
 * then reports that itself, with graphql-js's own message.
 */
export function guardedCalls(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown>,
  guarded: ReadonlyMap<string, GuardedField>,
): GuardedCall[] {
  const queryType = schema.getQueryType();
  if (operation.operation !== 'query' || !queryType) return [];
  const { variables, includes } = executionOf(schema, operation, rawVariables);
  if (!variables) return [];
  const fields = rootFieldNodes(document, operation, includes).filter((node) => guarded.has(node.name.value));
  const calls: GuardedCall[] = [];
  for (const node of fields) {
    const definition = queryType.getFields()[node.name.value];
    if (!definition) continue;
    try {
      const field = node.name.value;
      const reportYear = guarded.get(field)?.reportYear ?? false;
      calls.push({ field, args: getArgumentValues(definition, node, variables), reportYear });
    } catch {
      return [];
    }
  }
  return calls;
}

function unknownReferenceError(calls: readonly GuardedCall[], check: Awaited<ReturnType<typeof checkGapArguments>>) {
  for (const call of calls) {
    const { regionCode, chainId, year } = call.args;
    if (typeof regionCode === 'string' && check.unknownRegionCodes.includes(regionCode)) {
      const message = `no region has the code ${JSON.stringify(regionCode)}; give the code of an existing Region`;
      return reject(call.field, 'regionCode', message, regionCode);
    }
    if (typeof chainId === 'string' && check.unknownChainIds.includes(chainId)) {
      const message = `no industry chain has the id ${JSON.stringify(chainId)}; give the id of an existing IndustryChain`;
      return reject(call.field, 'chainId', message, chainId);
    }
    if (typeof year === 'number' && call.reportYear && check.unknownYears.includes(year)) {
      const range = check.reportYears
        ? `annual reports cover ${check.reportYears.first} to ${check.reportYears.last}`
        : 'the data has no annual reports';
      return reject(call.field, 'year', `no annual report of ${year} in the data; ${range}`, year);
    }
  }
  return null;
}

/**
 * Checks the arguments of the gap fields before the operation executes: the lists are @cypher fields that
 * @neo4j/graphql runs itself, so no resolver of ours could check them, and a bad argument must be a clear
 * BAD_USER_INPUT naming the argument and what it accepts, never an empty list. Static checks come first; then one
 * read transaction looks up the regions, chains and report years named — unless `answersFromCache` says the response
 * cache answers the request. It keeps only answers without errors, under the data version read before their lookup
 * ran, and serves one only while a fresh read still returns that version, that is while no write has committed since:
 * so the kept answer's lookup ran on the very data this request would look at.
 */
export function argumentGuards(
  guarded: ReadonlyMap<string, GuardedField>,
  options: {
    answersFromCache?: (context: RequestContext) => Promise<boolean>;
    /** Resolves false when a check before the guards refuses the request: then nothing is looked up. */
    proceed?: (context: RequestContext) => Promise<boolean>;
  } = {},
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return;
          const calls = guardedCalls(schema, document, operation, request.variables ?? {}, guarded);
          if (calls.length === 0) return;
          for (const call of calls) {
            const problem = checkStaticArguments(call);
            if (problem) throw problem;
          }
          const refs = referencesOf(calls);
          if (refs.regionCodes.length + refs.chainIds.length + refs.years.length === 0) return;
          if (options.proceed && !(await options.proceed(contextValue))) return;
          if (options.answersFromCache && (await options.answersFromCache(contextValue))) return;
          const check = await readFor(contextValue, (tx) => checkGapArguments(tx, refs));
          const problem = unknownReferenceError(calls, check);
          if (problem) throw problem;
        },
      };
    },
  };
}
