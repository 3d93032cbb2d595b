import neo4j from 'neo4j-driver';
import { toPlain } from '../db';
import { loadCypher } from './loadCypher';
import type { QueryRunner } from './metrics';

export interface PartnerSuggestion {
  id: string;
  type: string;
  name: string;
  score: number;
  segmentPeers: number;
  sharedProjects: number;
  experts: number;
  reasons: string[];
}

/** The evidence in words, strongest kind first, leaving out kinds with no evidence. */
export function partnerReasons(s: Pick<PartnerSuggestion, 'segmentPeers' | 'sharedProjects' | 'experts'>): string[] {
  return [
    s.segmentPeers > 0 ? `同链段已有 ${s.segmentPeers} 家企业与其合作` : null,
    s.sharedProjects > 0 ? `与贵企业的合作方共同承担过 ${s.sharedProjects} 个项目` : null,
    s.experts > 0 ? `有 ${s.experts} 名与本产业链相关领域的专家` : null,
  ].filter((r): r is string => r !== null);
}

/** True when an Enterprise with this id exists. */
export async function enterpriseExists(tx: QueryRunner, id: string): Promise<boolean> {
  const result = await tx.run('MATCH (e:Enterprise {id: $id}) RETURN count(e) > 0 AS found', { id });
  return result.records[0]?.get('found') === true;
}

/** Runs cypher/partners/partnerSuggestions.cypher. */
export async function suggestPartners(
  tx: QueryRunner,
  enterpriseId: string,
  limit: number,
): Promise<PartnerSuggestion[]> {
  const result = await tx.run(loadCypher('partners', 'partnerSuggestions.cypher'), {
    enterpriseId,
    limit: neo4j.int(limit),
  });
  return result.records.map((r) => {
    const row = toPlain(r.toObject()) as Omit<PartnerSuggestion, 'reasons'>;
    return { ...row, reasons: partnerReasons(row) };
  });
}
