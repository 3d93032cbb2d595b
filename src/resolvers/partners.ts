import { notFound } from '../errors';
import { enterpriseExists, suggestPartners, type PartnerSuggestion } from '../queries/partners';
import type { RequestContext } from '../context';
import { intArgument } from './arguments';
import { readFor } from './read';

const MAX_LIMIT = 50;

/** `Query.partnerSuggestions`: checks the limit and the enterprise, then ranks candidates in one read (readFor). */
export async function partnerSuggestions(
  _source: unknown,
  args: { enterpriseId: string; limit?: number | null },
  context: RequestContext,
): Promise<PartnerSuggestion[]> {
  const limit = intArgument('limit', args.limit, 10, 1, MAX_LIMIT);
  const found = await readFor(context, async (tx) =>
    (await enterpriseExists(tx, args.enterpriseId)) ? suggestPartners(tx, args.enterpriseId, limit) : null,
  );
  if (found === null) {
    throw notFound('enterpriseId', 'enterprise', args.enterpriseId);
  }
  return found;
}

export const partnersResolvers = { Query: { partnerSuggestions } };
