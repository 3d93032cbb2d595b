import neo4j from 'neo4j-driver';
import { PARTNER_SEGMENT_SUBSETS } from '../aggregates';
import { toPlain, loadCypher } from '../db';
import type { QueryRunner } from './metrics';

/** The kinds of evidence of a partner suggestion, in the order of cypher/partners/partnerSuggestions.cypher. */
export const PARTNER_EVIDENCE = [
  'segmentPeers',
  'sharedProjects',
  'industryPeers',
  'divisionPeers',
  'countyPeers',
  'experts',
  'chainPlatforms',
] as const;
export type PartnerEvidence = (typeof PARTNER_EVIDENCE)[number];

/** Weights of the partner score (PartnerWeights): a key left out keeps the default written in the Cypher file. */
export type PartnerWeights = Partial<Record<PartnerEvidence | 'load', number>>;

export interface EvidencePoints {
  evidence: PartnerEvidence;
  count: number;
  weight: number;
  points: number;
}

export interface PartnerSuggestion extends Record<PartnerEvidence, number> {
  id: string;
  type: string;
  name: string;
  score: number;
  served: number;
  capacity: number;
  expertise: string[];
  breakdown: EvidencePoints[];
  reasons: string[];
}

/** A row of partnerSuggestions.cypher's `suggestions` list. */
type SuggestionRow = Omit<PartnerSuggestion, 'breakdown' | 'reasons'> & { chains: string[]; evidence: number };

/** What the reasons say of the enterprise itself. */
interface FirmFacts {
  industryCode: string | null;
  division: string | null;
}

/** Points of one kind of evidence: 100 × weight × ln(1 + count), as the Cypher file scores it. */
function pointsOf(weight: number, count: number): number {
  return Math.round(100 * weight * Math.log(1 + count));
}

/**
 * The evidence in words (Chinese), strongest first, leaving out kinds with no evidence; the candidate's load last.
 * @param row a suggestion's counts, matched expertise and chains
 * @param breakdown its evidence with points (the order of the reasons)
 */
export function partnerReasons(
  row: Pick<SuggestionRow, PartnerEvidence | 'expertise' | 'chains' | 'served'>,
  breakdown: readonly EvidencePoints[],
  firm: FirmFacts,
): string[] {
  const say: Record<PartnerEvidence, (n: number) => string> = {
    segmentPeers: (n) => `同链段已有 ${n} 家企业与其合作`,
    sharedProjects: (n) => `与贵企业的合作方共同承担过 ${n} 个项目`,
    industryPeers: (n) => `同行业${firm.industryCode ? `（${firm.industryCode}）` : ''}已有 ${n} 家企业与其合作`,
    divisionPeers: (n) => `同行业大类${firm.division ? `（${firm.division}）` : ''}另有 ${n} 家企业与其合作`,
    countyPeers: (n) => `同县区同行业大类已有 ${n} 家企业与其合作`,
    experts: (n) =>
      `有 ${n} 名专家的研究方向对口${row.expertise.length > 0 ? `（${row.expertise.slice(0, 3).join('、')}）` : ''}`,
    chainPlatforms: () => `服务于贵企业所在产业链（${row.chains.join('、')}）`,
  };
  const reasons = [...breakdown]
    .filter((b) => b.count > 0)
    .sort((a, b) => b.points - a.points)
    .map((b) => say[b.evidence](b.count));
  reasons.push(row.served <= 5 ? `目前仅服务 ${row.served} 家企业，尚有余力` : `已服务 ${row.served} 家企业`);
  return reasons;
}

/** The division part of a GB/T 4754 code ('C2651' → 'C26', '2651' → '26'), as the Cypher file takes it. */
function divisionOf(code: string | null): string | null {
  if (code === null) return null;
  return /^[A-Za-z]/.test(code) ? code.slice(0, 3) : code.slice(0, 2);
}

/**
 * The least contribution version whose counters hold the partner counts (CONTRIBUTION_VERSION 3 of
 * src/aggregates/contributions.ts; a later one holds them too), as src/aggregates/read.ts names the cells' own.
 */
export const PARTNER_COUNTERS_VERSION = 3;

/**
 * Where partner suggestions are read from: `auto` from the maintained partner counters when the aggregates are ready
 * (cypher/partners/partnerSuggestionsMaintained.cypher), else live (partnerSuggestions.cypher); `live` always live.
 * Both give the same answer for the same graph.
 */
export type PartnerSource = 'auto' | 'live';

/** True when the maintained partner counters may be read (cypher/partners/countersReady.cypher). */
export async function partnerCountersReady(tx: QueryRunner): Promise<boolean> {
  const result = await tx.run(loadCypher('partners', 'countersReady.cypher'), {
    version: neo4j.int(PARTNER_COUNTERS_VERSION),
  });
  return result.records[0]?.get('ready') === true;
}

/**
 * Partner suggestions for several enterprises in one statement: from the maintained partner counters when they are
 * ready (cypher/partners/partnerSuggestionsMaintained.cypher), else live (partnerSuggestions.cypher); the same answer.
 * @param source `live` skips the counters (the bench and the tests compare the two)
 * @returns each known id's suggestions, best first (an id with none maps to []; unknown ids are absent)
 */
export async function suggestPartnersFor(
  tx: QueryRunner,
  enterpriseIds: readonly string[],
  limit: number,
  weights: PartnerWeights | null = null,
  source: PartnerSource = 'auto',
): Promise<Map<string, PartnerSuggestion[]>> {
  const maintained = source === 'auto' && (await partnerCountersReady(tx));
  const result = await tx.run(
    loadCypher('partners', maintained ? 'partnerSuggestionsMaintained.cypher' : 'partnerSuggestions.cypher'),
    {
      enterpriseIds: [...new Set(enterpriseIds)],
      limit: neo4j.int(limit),
      weights,
      segmentSubsets: neo4j.int(PARTNER_SEGMENT_SUBSETS),
    },
  );
  const found = new Map<string, PartnerSuggestion[]>();
  for (const record of result.records) {
    const {
      enterpriseId,
      industryCode,
      weights: used,
      suggestions,
    } = toPlain(record.toObject()) as {
      enterpriseId: string;
      industryCode: string | null;
      weights: Record<PartnerEvidence | 'load', number>;
      suggestions: SuggestionRow[];
    };
    const firm = { industryCode, division: divisionOf(industryCode) };
    found.set(
      enterpriseId,
      suggestions.map((found) => {
        // Lists in a stable order (Cypher collects them in match order).
        const row = { ...found, expertise: [...found.expertise].sort(), chains: [...found.chains].sort() };
        const breakdown = PARTNER_EVIDENCE.map((evidence) => ({
          evidence,
          count: row[evidence],
          weight: used[evidence],
          points: pointsOf(used[evidence], row[evidence]),
        }));
        const { chains: _chains, evidence: _evidence, ...rest } = row;
        return {
          ...rest,
          score: Math.round(100 * row.score),
          breakdown,
          reasons: partnerReasons(row, breakdown, firm),
        };
      }),
    );
  }
  return found;
}

export interface DeputySuggestion {
  id: string;
  name: string;
  title: string | null;
  degree: string | null;
  expertise: string[];
  chains: string[];
  employerId: string;
  employerName: string;
  employerType: string;
  endingSecondment: string | null;
  employerPartner: boolean;
  employerPeers: number;
  experience: number;
  score: number;
  reasons: string[];
}

type DeputyRow = Omit<DeputySuggestion, 'reasons'> & { seniority: number };

/** Why a person fits a firm, in Chinese. */
export function deputyReasons(row: DeputyRow, year: number): string[] {
  return [
    `研究方向（${row.expertise.join('、')}）对口${row.chains.join('、')}`,
    row.employerPartner ? `所在单位${row.employerName}已与贵企业合作` : null,
    row.employerPeers > 0 ? `所在单位已与同行业 ${row.employerPeers} 家企业合作` : null,
    row.seniority >= 1 && row.title ? `${row.title}` : null,
    row.experience > 0 ? `曾任 ${row.experience} 届科技副总` : null,
    row.endingSecondment ? `在${row.endingSecondment}的科技副总任期于 ${year} 年结束` : `${year} 年未任科技副总`,
  ].filter((r): r is string => r !== null);
}

/**
 * 科技副总 suggestions for several enterprises in one statement (cypher/partners/deputySuggestions.cypher).
 * @param year the year the person must be free in
 */
export async function suggestDeputiesFor(
  tx: QueryRunner,
  enterpriseIds: readonly string[],
  year: number,
  limit: number,
): Promise<Map<string, DeputySuggestion[]>> {
  const result = await tx.run(loadCypher('partners', 'deputySuggestions.cypher'), {
    enterpriseIds: [...new Set(enterpriseIds)],
    year: neo4j.int(year),
    limit: neo4j.int(limit),
    weights: null,
  });
  const found = new Map<string, DeputySuggestion[]>();
  for (const record of result.records) {
    const { enterpriseId, suggestions } = toPlain(record.toObject()) as {
      enterpriseId: string;
      suggestions: DeputyRow[];
    };
    // A person with two employers is a row per employer: the better one stays.
    const seen = new Set<string>();
    const rows = suggestions
      .filter((row) => !seen.has(row.id) && seen.add(row.id))
      .map((row) => ({ ...row, chains: [...row.chains].sort() }));
    found.set(
      enterpriseId,
      rows.map(({ seniority: _seniority, ...row }) => ({
        ...row,
        score: Math.round(100 * row.score),
        reasons: deputyReasons({ ...row, seniority: _seniority }, year),
      })),
    );
  }
  return found;
}

export type DeputyGap = 'NO_RD_INSTITUTION' | 'NO_COOPERATION';

export interface DeputyCandidate {
  id: string;
  name: string;
  industryCode: string | null;
  aboveScale: boolean;
  chains: string[];
  gaps: DeputyGap[];
  expertise: string[];
  employerPartner: boolean;
  score: number;
  reasons: string[];
}

type CandidateRow = Omit<DeputyCandidate, 'reasons'> & { via: ('SEGMENT' | 'INDUSTRY')[] };

/** Why a firm suits an expert, in Chinese: its gaps first. */
export function candidateReasons(row: CandidateRow): string[] {
  return [
    row.gaps.includes('NO_RD_INSTITUTION') ? '尚无研发机构' : null,
    row.gaps.includes('NO_COOPERATION') ? '尚无产学研合作' : null,
    row.via.includes('SEGMENT')
      ? `位于${row.chains.join('、')}`
      : `主营行业${row.industryCode ? `（${row.industryCode}）` : ''}属于${row.chains.join('、')}`,
    `专家研究方向（${row.expertise.join('、')}）对口`,
    row.employerPartner ? '专家所在单位已与该企业合作' : null,
    row.aboveScale ? '规模以上企业' : null,
  ].filter((r): r is string => r !== null);
}

/** The firms an expert could serve (cypher/partners/deputyCandidatesFor.cypher); [] for an unknown person. */
export async function deputyCandidatesFor(
  tx: QueryRunner,
  personId: string,
  year: number | null,
  limit: number,
): Promise<DeputyCandidate[]> {
  const result = await tx.run(loadCypher('partners', 'deputyCandidatesFor.cypher'), {
    personId,
    year: year === null ? null : neo4j.int(year),
    limit: neo4j.int(limit),
    weights: null,
  });
  return result.records.map((record) => {
    const { via, ...found } = toPlain(record.toObject()) as CandidateRow;
    const row = { ...found, chains: [...found.chains].sort(), expertise: [...found.expertise].sort() };
    return { ...row, score: Math.round(100 * row.score), reasons: candidateReasons({ ...row, via }) };
  });
}

/** True when a node with this label and id exists. */
async function exists(tx: QueryRunner, label: 'Enterprise' | 'Person', id: string): Promise<boolean> {
  const result = await tx.run(`MATCH (n:${label} {id: $id}) RETURN count(n) > 0 AS found`, { id });
  return result.records[0]?.get('found') === true;
}

/** True when an Enterprise with this id exists. */
export function enterpriseExists(tx: QueryRunner, id: string): Promise<boolean> {
  return exists(tx, 'Enterprise', id);
}

/** True when a Person with this id exists. */
export function personExists(tx: QueryRunner, id: string): Promise<boolean> {
  return exists(tx, 'Person', id);
}
