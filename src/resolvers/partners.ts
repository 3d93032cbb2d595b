import type DataLoader from 'dataloader';
import { CUSTOM_FIELD_ROLES, hasRole, forbidden } from '../auth';
import { badInput, notFound } from '../errors';
import {
  deputyCandidatesFor as rankDeputyCandidates,
  type DeputyCandidate,
  type DeputySuggestion,
  enterpriseExists,
  PARTNER_EVIDENCE,
  type PartnerSuggestion,
  type PartnerWeights,
  personExists,
  suggestDeputiesFor,
  suggestPartnersFor,
  type QueryRunner,
} from '../queries';
import type { RequestContext } from '../context';
import { intArgument } from './arguments';
import { batchedByLimit, limitKey } from './batched';
import { questionOf, scopedTo } from './questionIds';
import { readFor } from './read';

const MAX_LIMIT = 50;
/**
 * Firms per statement when a page's suggestions are batched: a page of 500 is 5 statements. 100 firms of the scale-10
 * city took about 2 s (p50, measured) and stay well inside the 512 MiB a transaction may use.
 */
const MAX_BATCH = 100;
const WEIGHT_KEYS = [...PARTNER_EVIDENCE, 'load'] as const;

/** The calendar year in China now: the default year a 科技副总 must be free in. */
function thisYear(): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
}

function yearArgument(value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return intArgument('year', value, value, 1949, 2100);
}

/** PartnerWeights as given, each checked: a finite number from 0 to 100. */
function weightsArgument(weights: Record<string, number | null> | null | undefined): PartnerWeights | null {
  if (weights === null || weights === undefined) return null;
  const checked: PartnerWeights = {};
  for (const key of WEIGHT_KEYS) {
    const value = weights[key];
    if (value === null || value === undefined) continue;
    if (!Number.isFinite(value) || value < 0 || value > 100) {
      throw badInput(`weights.${key}`, `must be a number from 0 to 100; got ${value}`, value);
    }
    checked[key] = value;
  }
  return checked;
}

/**
 * One enterprise's rows of a batched suggestion statement, in one read that first checks the enterprise exists (a
 * known firm without suggestions has no row either): NOT_FOUND naming `enterpriseId` when it does not.
 */
async function forEnterprise<T>(
  context: RequestContext,
  enterpriseId: string,
  load: (tx: QueryRunner, ids: string[]) => Promise<Map<string, T[]>>,
): Promise<T[]> {
  const found = await readFor(context, async (tx) =>
    (await enterpriseExists(tx, enterpriseId)) ? ((await load(tx, [enterpriseId])).get(enterpriseId) ?? []) : null,
  );
  if (found === null) throw notFound('enterpriseId', 'enterprise', enterpriseId);
  return found;
}

/** A firm's partner suggestions with ids of their question (questionIds.ts) and `candidateId`. */
function partnerAnswers(enterpriseId: string, weights: PartnerWeights | null, rows: PartnerSuggestion[]) {
  return scopedTo(questionOf('partnerSuggestions', enterpriseId, weights), 'candidateId', rows);
}

/** A firm's 科技副总 suggestions for a year with ids of their question and `personId`. */
function deputyAnswers(enterpriseId: string, year: number, rows: DeputySuggestion[]) {
  return scopedTo(questionOf('deputySuggestions', enterpriseId, year), 'personId', rows);
}

/** `Query.partnerSuggestions`: checks the arguments and the enterprise, then ranks candidates in one read. */
export async function partnerSuggestions(
  _source: unknown,
  args: { enterpriseId: string; limit?: number | null; weights?: Record<string, number | null> | null },
  context: RequestContext,
): Promise<PartnerSuggestion[]> {
  const limit = intArgument('limit', args.limit, 10, 1, MAX_LIMIT);
  const weights = weightsArgument(args.weights);
  const found = await forEnterprise(context, args.enterpriseId, (tx, ids) =>
    suggestPartnersFor(tx, ids, limit, weights),
  );
  return partnerAnswers(args.enterpriseId, weights, found);
}

/** `Query.deputySuggestions`: people who could be seconded to the enterprise, free in `year` (default: this year). */
export async function deputySuggestions(
  _source: unknown,
  args: { enterpriseId: string; limit?: number | null; year?: number | null },
  context: RequestContext,
): Promise<DeputySuggestion[]> {
  const limit = intArgument('limit', args.limit, 10, 1, MAX_LIMIT);
  const year = yearArgument(args.year) ?? thisYear();
  const found = await forEnterprise(context, args.enterpriseId, (tx, ids) => suggestDeputiesFor(tx, ids, year, limit));
  return deputyAnswers(args.enterpriseId, year, found);
}

/** `Query.deputyCandidatesFor`: the firms an expert could serve, gap firms first. */
export async function deputyCandidatesFor(
  _source: unknown,
  args: { personId: string; limit?: number | null; year?: number | null },
  context: RequestContext,
): Promise<DeputyCandidate[]> {
  const limit = intArgument('limit', args.limit, 10, 1, MAX_LIMIT);
  const year = yearArgument(args.year);
  const found = await readFor(context, async (tx) =>
    (await personExists(tx, args.personId)) ? rankDeputyCandidates(tx, args.personId, year, limit) : null,
  );
  if (found === null) throw notFound('personId', 'person', args.personId);
  return scopedTo(questionOf('deputyCandidatesFor', args.personId, year ?? 'latest'), 'enterpriseId', found);
}

interface Loaders {
  /** The year the deputies are free in: this year, once per request. */
  year: number;
  partners: DataLoader<string, PartnerSuggestion[]>;
  deputies: DataLoader<string, DeputySuggestion[]>;
}

/** A request's loaders: built on its first use, gone with the request's context. */
const loadersOf = new WeakMap<RequestContext, Loaders>();

function loaders(context: RequestContext): Loaders {
  let found = loadersOf.get(context);
  if (found === undefined) {
    const year = thisYear();
    found = {
      year,
      partners: batchedByLimit(MAX_BATCH, (ids, limit) => readFor(context, (tx) => suggestPartnersFor(tx, ids, limit))),
      deputies: batchedByLimit(MAX_BATCH, (ids, limit) =>
        readFor(context, (tx) => suggestDeputiesFor(tx, ids, year, limit)),
      ),
    };
    loadersOf.set(context, found);
  }
  return found;
}

/**
 * The enterprise a field of it is asked for: @neo4j/graphql projects only the selected fields (its `requires` check
 * fails on our schema, see schema/organisations.graphql), so the request must select `id` too.
 */
function idOf(source: { id?: unknown }, field: string): string {
  if (typeof source.id !== 'string') {
    throw badInput(field, `select the enterprise's id with Enterprise.${field}: suggestions are answered for that id`);
  }
  return source.id;
}

/** The access check refused these fields already (CUSTOM_FIELD_ROLES); a second line, as for @authorization. */
function assertPlanner(context: RequestContext, field: string): void {
  const needs = CUSTOM_FIELD_ROLES.get(field) ?? 'admin';
  if (!hasRole(context.principal, needs)) {
    throw forbidden([{ what: `Enterprise.${field}`, needs, kind: 'confidential field' }], context.principal);
  }
}

export const partnersResolvers = {
  Query: { partnerSuggestions, deputySuggestions, deputyCandidatesFor },
  Enterprise: {
    /** `Enterprise.partnerSuggestions`: a page's firms share one statement (dataloader). */
    partnerSuggestions(source: { id?: unknown }, args: { limit?: number | null }, context: RequestContext) {
      assertPlanner(context, 'partnerSuggestions');
      const limit = intArgument('limit', args.limit, 5, 1, MAX_LIMIT);
      const id = idOf(source, 'partnerSuggestions');
      return loaders(context)
        .partners.load(limitKey(limit, id))
        .then((rows) => partnerAnswers(id, null, rows));
    },
    /** `Enterprise.deputySuggestions`: a page's firms share one statement (dataloader). */
    deputySuggestions(source: { id?: unknown }, args: { limit?: number | null }, context: RequestContext) {
      assertPlanner(context, 'deputySuggestions');
      const limit = intArgument('limit', args.limit, 5, 1, MAX_LIMIT);
      const id = idOf(source, 'deputySuggestions');
      const { deputies, year } = loaders(context);
      return deputies.load(limitKey(limit, id)).then((rows) => deputyAnswers(id, year, rows));
    },
  },
};
