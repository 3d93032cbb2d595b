import { badInput } from '../errors';
import { searchEntities, type SearchHit } from '../queries';
import { LABELS, isLabel } from '../domain';
import type { RequestContext } from '../context';
import { intArgument } from './arguments';
import { questionOf, scopedTo } from './questionIds';
import { readFor } from './read';

export interface SearchArgs {
  text: string;
  types?: string[] | null;
  limit?: number | null;
}

const MAX_LIMIT = 100;
const MAX_TEXT = 100;

/** `Query.search`: validates the text, types and limit, then asks the full-text index. */
export async function search(_source: unknown, args: SearchArgs, context: RequestContext): Promise<SearchHit[]> {
  const text = args.text.trim();
  if (text === '' || text.length > MAX_TEXT) {
    throw badInput('text', `must be 1 to ${MAX_TEXT} characters after trimming; got ${text.length}`, args.text);
  }
  const limit = intArgument('limit', args.limit, 20, 1, MAX_LIMIT);
  const types = args.types ?? null;
  const unknown = (types ?? []).filter((t) => !isLabel(t));
  if (unknown.length > 0) {
    throw badInput('types', `unknown type ${unknown.join(', ')}; known types are ${LABELS.join(', ')}`, unknown);
  }
  const hits = await readFor(context, (tx) => searchEntities(tx, text, types, limit));
  // A hit's score depends on the text only (types filter, limit cuts), so the text is the question.
  return scopedTo(questionOf('search', text), 'nodeId', hits);
}

export const searchResolvers = { Query: { search } };
