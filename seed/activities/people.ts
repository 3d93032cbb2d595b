import type { GraphBuilder } from '../graphBuilder';
import { Random } from '../random';
import { type Firm, REVIEW_YEAR } from '../reports';
import { chains } from '../reference/industry';
import { type Academic, ACADEMIA, NO_UNI, partnersOf, popularity, S } from './shared';

/** The chain a GB/T 4754 class belongs to (each class belongs to one chain). */
const CHAIN_OF_CODE = new Map(chains.flatMap((c, ci) => c.industryCodes.map((code) => [code, ci] as const)));
/** The discipline a firm needs: its chain's, or for a firm in no chain the chain its industry class belongs to. */
const disciplineOf = (f: Firm): number => (f.chain >= 0 ? f.chain : (CHAIN_OF_CODE.get(f.industryCode) ?? -1));
/** Share of a firm's partner choices made by discipline; the rest go to any organisation, by popularity. */
const BY_DISCIPLINE = 0.8;
const COOPERATION_KINDS = ['联合研发', '技术转让', '共建研发中心', '人才培养'];

/**
 * People and 产学研 cooperation, following disciplines: a researcher's expertise is of their employer's disciplines,
 * a 科技副总 comes from an organisation of the discipline of the firm they are seconded to, and a firm's partners are
 * mostly (BY_DISCIPLINE) of its discipline — its chain's, or for a firm in no chain the chain of its industry class —
 * and otherwise any organisation, the popular ones (the local universities, 河南省科学院) more often. So the partners of
 * firms like a given firm predict its own, which a "most connected partners" ranking does not.
 * The shared stream advances exactly as when partners were drawn uniformly from 12 organisations: new choices draw
 * from generators seeded by the draws they replace (Random.seededBy), so every later figure stays where it was.
 */
export function addPeopleAndCooperation(
  g: GraphBuilder,
  rnd: Random,
  scale: number,
  firms: Firm[],
): Map<number, string> {
  // F15: the first batch of 35 科技副总, seconded 2024–2026; never from a university into a chain built without one.
  // Returned: the first 科技副总 seconded into each chain.
  const firstDeputy = new Map<number, string>();
  const candidates = rnd.shuffle(firms.filter((f) => f.chain >= 0 && f.revenue >= 20_000_000));
  for (let i = 0; i < 35 * scale; i++) {
    const f = candidates[i % candidates.length] as Firm;
    const fromUni = !NO_UNI.has(f.chain) && i % 3 !== 0;
    const employer = rnd.weighted(partnersOf(fromUni ? 'University' : 'ResearchInstitute', f.chain), popularity);
    const id = g.node('Person', {
      id: `person-deputy-${i}`,
      name: `科技副总${i + 1}号（示例）`,
      degree: '博士',
      title: rnd.pick(['教授', '研究员', '副教授']),
      expertise: [rnd.pick((chains[f.chain] as (typeof chains)[number]).expertise)],
      source: S,
      synthetic: true,
    });
    g.rel('EMPLOYED_BY', 'Person', id, employer.label, employer.id);
    if (!firstDeputy.has(f.chain)) firstDeputy.set(f.chain, id);
    if (!g.hasRel('SECONDED_TO', id, f.id)) {
      g.rel('SECONDED_TO', 'Person', id, 'Enterprise', f.id, {
        programme: '科技副总',
        batch: 1,
        fromYear: 2024,
        toYear: 2026,
      });
    }
  }
  // Researchers, 150 per scale unit: first one for each discipline of each organisation (so that its staff show all
  // its disciplines), then by popularity. They draw from their own generator, seeded by 500 draws per scale unit of
  // the shared stream: what the 100 researchers per unit drew when the letter figures were calibrated.
  const staff = Random.seededBy(Array.from({ length: 500 * scale }, () => rnd.next()));
  const everyDiscipline = ACADEMIA.flatMap((o) => o.disciplines.map((d) => [o, d] as const));
  const terms = (ci: number): readonly string[] => (chains[ci] as (typeof chains)[number]).expertise;
  for (let i = 0; i < 150 * scale; i++) {
    const covering = everyDiscipline[i];
    const employer = covering ? covering[0] : staff.weighted(ACADEMIA, popularity);
    const discipline = covering ? covering[1] : staff.pick(employer.disciplines);
    const id = g.node('Person', {
      id: `person-researcher-${i}`,
      name: `研究人员${i + 1}号（示例）`,
      degree: staff.pick(['博士', '硕士']),
      title: staff.pick(['教授', '副教授', '研究员', '高级工程师']),
      expertise: [staff.pick(terms(discipline)), staff.pick(terms(staff.pick(employer.disciplines)))].filter(
        (x, j, a) => a.indexOf(x) === j,
      ),
      source: S,
      synthetic: true,
    });
    g.rel('EMPLOYED_BY', 'Person', id, employer.label, employer.id);
  }
  // 产学研: the same firms cooperate as before (same condition, same draws); firms of a chain built without a
  // university partner only cooperate with institutes. About 30% of them have a second partner, so that a firm whose
  // partner is hidden (a benchmark hides 20% of these links) usually still shows its discipline's partners.
  for (const f of firms) {
    if (!(f.fourHaves && f.revenue >= 20_000_000) && !rnd.chance(0.03)) continue;
    const withUni = !NO_UNI.has(f.chain);
    // The one or two draws a uniform "university or institute? which one?" took seed this firm's own choices.
    const own = Random.seededBy(withUni ? [rnd.next(), rnd.next()] : [rnd.next()]);
    const allowed = ACADEMIA.filter((o) => withUni || o.label === 'ResearchInstitute');
    const choose = (not?: Academic): Academic | undefined => {
      const open = allowed.filter((o) => o !== not);
      const fit = open.filter((o) => o.disciplines.includes(disciplineOf(f)));
      const byDiscipline = own.chance(BY_DISCIPLINE) && fit.length > 0;
      return open.length > 0 ? own.weighted(byDiscipline ? fit : open, popularity) : undefined;
    };
    const cooperate = (partner: Academic, kind: string, sinceYear: number): void =>
      g.rel('COOPERATES_WITH', 'Enterprise', f.id, partner.label, partner.id, { kind, sinceYear });
    const first = choose() as Academic;
    cooperate(first, rnd.pick(COOPERATION_KINDS), rnd.int(2015, REVIEW_YEAR));
    const second = own.chance(0.3) ? choose(first) : undefined;
    if (second) cooperate(second, own.pick(COOPERATION_KINDS), own.int(2015, REVIEW_YEAR));
  }
  return firstDeputy;
}
