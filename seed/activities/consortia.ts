import type { GraphBuilder } from '../graphBuilder';
import type { Random } from '../random';
import { type Firm, REVIEW_YEAR } from '../reports';
import { chainId, chains } from '../reference/industry';
import { NO_UNI, partnersOf, popularity, S } from './shared';

export function addConsortia(g: GraphBuilder, rnd: Random, scale: number, chainFirms: (ci: number) => Firm[]): void {
  // Led by backbone firms; R3 leaves some firms above 10亿 without any consortium. Academic members are of the
  // chain's discipline (one draw each, as before).
  let n = 0;
  chains.forEach((c, ci) => {
    const members = chainFirms(ci);
    for (let k = 0; k < 2 * scale; k++) {
      const leader = members[k * 3];
      if (!leader) continue;
      const id = g.node('Consortium', {
        id: `consortium-${n++}`,
        name: `${c.name.replace('（示例）', '')}创新联合体${k + 1}（示例）`,
        level: 'PROVINCIAL',
        recognizedYear: rnd.int(2022, REVIEW_YEAR),
        source: S,
        synthetic: true,
      });
      g.rel('LEADS', 'Enterprise', leader.id, 'Consortium', id);
      g.rel('TARGETS', 'Consortium', id, 'IndustryChain', chainId(c.key));
      for (const m of rnd.shuffle(members.slice(20 * scale)).slice(0, 4)) {
        if (m !== leader) g.rel('MEMBER_OF', 'Enterprise', m.id, 'Consortium', id);
      }
      if (!NO_UNI.has(ci))
        g.rel('MEMBER_OF', 'University', rnd.weighted(partnersOf('University', ci), popularity).id, 'Consortium', id);
      const institute = rnd.weighted(partnersOf('ResearchInstitute', ci), popularity);
      g.rel('MEMBER_OF', 'ResearchInstitute', institute.id, 'Consortium', id);
    }
  });
}
