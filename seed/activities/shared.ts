import { chains, GAPS } from '../reference/industry';
import {
  type AcademicOrg,
  institutes,
  localInstitutes,
  SYNTHETIC_SOURCE,
  universities,
} from '../reference/organisations';

export const S = SYNTHETIC_SOURCE;
export const chainIndex = (key: string): number => chains.findIndex((c) => c.key === key);
export const NO_UNI = new Set(GAPS.chainsWithoutUniversity.map(chainIndex));
export const UNI_IDS = universities.map((u) => u.id);

/**
 * Academic partners with their disciplines as chain indexes: the universities, then the institutes (the letter's,
 * the fictitious external ones, the city's own).
 */
export interface Academic {
  id: string;
  label: 'University' | 'ResearchInstitute';
  disciplines: number[];
  popularity: number;
}
const academic =
  (label: Academic['label']) =>
  (o: AcademicOrg): Academic => ({
    id: o.id,
    label,
    disciplines: o.disciplines.map(chainIndex),
    popularity: o.popularity,
  });
export const ACADEMIA: readonly Academic[] = [
  ...universities.map(academic('University')),
  ...[...institutes, ...localInstitutes].map(academic('ResearchInstitute')),
];
export const popularity = (o: Academic): number => o.popularity;
/** Partners of a kind; of a discipline when there are any (else every one of the kind). */
export function partnersOf(label: Academic['label'], discipline: number): Academic[] {
  const kind = ACADEMIA.filter((o) => o.label === label);
  const fit = kind.filter((o) => o.disciplines.includes(discipline));
  return fit.length > 0 ? fit : kind;
}
