import neo4j from 'neo4j-driver';
import { loadCypher } from '../db';
import type { QueryRunner } from './metrics';

export interface SearchHit {
  id: string;
  type: string;
  label: string;
  score: number;
}

/**
 * What a user types is searched as text, never read as Lucene query syntax. Neo4j 5 parses the query of
 * db.index.fulltext.queryNodes with Lucene's classic QueryParser, whose grammar (QueryParser.jj) has two kinds of
 * syntax: the characters below, escaped one by one (the set of Lucene's own QueryParser.escape: `&&` and `||` are
 * operators, so `&` and `|` are escaped too), and the words AND, OR and NOT, operators when they stand alone between
 * whitespace (`a AND` fails to parse). Escaping one of their letters (`\AND`) makes such a word a plain term, as
 * the grammar's escaped characters are term characters. Hand-written because the escapers on npm (and
 * QueryParser.escape itself) escape characters only, never these words, and some miss `~` or `*`.
 */
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** The classic QueryParser's whitespace (QueryParser.jj `_WHITESPACE`): what separates a query's words. */
const LUCENE_WHITESPACE = /([ \t\n\r\u3000]+)/;

const LUCENE_KEYWORDS = new Set(['AND', 'OR', 'NOT']);

/** Turns what a user typed into a Lucene query that matches its words literally, operators included. */
export function toLuceneQuery(text: string): string {
  return text
    .trim()
    .split(LUCENE_WHITESPACE)
    .map((word) => (LUCENE_KEYWORDS.has(word) ? `\\${word}` : word.replace(LUCENE_SPECIAL, (c) => `\\${c}`)))
    .join('');
}

/** Runs the full-text search (cypher/search/entities.cypher). */
export async function searchEntities(
  tx: QueryRunner,
  text: string,
  types: string[] | null,
  limit: number,
): Promise<SearchHit[]> {
  const result = await tx.run(loadCypher('search', 'entities.cypher'), {
    query: toLuceneQuery(text),
    labels: types,
    limit: neo4j.int(limit),
  });
  return result.records.map((r) => ({
    id: r.get('id') as string,
    type: r.get('type') as string,
    label: r.get('label') as string,
    score: r.get('score') as number,
  }));
}
