import neo4j from 'neo4j-driver';
import { loadCypher } from './loadCypher';
import type { QueryRunner } from './metrics';

export interface SearchHit {
  id: string;
  type: string;
  label: string;
  score: number;
}

/** Lucene's special characters; a user's text is matched literally, never as query syntax. */
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** Turns what a user typed into a Lucene query that matches its words literally. */
export function toLuceneQuery(text: string): string {
  return text.trim().replace(LUCENE_SPECIAL, (c) => `\\${c}`);
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
