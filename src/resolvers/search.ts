import { badInput } from '../errors';
import { searchEntities, type SearchHit } from '../queries';
import type { Label } from '../domain';
import type { RequestContext } from '../context';
import { intArgument } from './arguments';
import { questionOf, scopedTo } from './questionIds';
import { readFor } from './read';

export interface SearchArgs {
  text: string;
  /** Values of the NodeLabel enum: GraphQL has refused any other before the resolver runs. */
  types?: Label[] | null;
  limit?: number | null;
}

const MAX_LIMIT = 100;
const MAX_TEXT = 100;

/** `Query.search`: validates the text and limit (the types are NodeLabel values), then asks the full-text index. */
export async function search(_source: unknown, args: SearchArgs, context: RequestContext): Promise<SearchHit[]> {
  const text = args.text.trim();
  if (text === '' || text.length > MAX_TEXT) {
    throw badInput('text', `must be 1 to ${MAX_TEXT} characters after trimming; got ${text.length}`, args.text);
  }
  const limit = intArgument('limit', args.limit, 20, 1, MAX_LIMIT);
  const types = args.types ?? null;
  const hits = await readFor(context, (tx) => searchEntities(tx, text, types, limit));
  // A hit's score depends on the text only (types filter, limit cuts), so the text is the question.
  return scopedTo(questionOf('search', text), 'nodeId', hits);
}

export const searchResolvers = { Query: { search } };
