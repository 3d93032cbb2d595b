import type { GraphBuilder } from '../graphBuilder';
import type { Random } from '../random';
import { type Firm, REVIEW_YEAR } from '../reports';
import { chainId, chains } from '../reference/industry';
import { LETTER_SOURCE } from '../reference/organisations';
import { chainIndex, partnersOf, popularity, S } from './shared';

export function addProjects(
  g: GraphBuilder,
  rnd: Random,
  scale: number,
  firms: Firm[],
  chainFirms: (ci: number) => Firm[],
): void {
  const project = (
    id: string,
    name: string,
    level: string,
    programme: string,
    year: number,
    funding: number | null,
    status: string,
  ): string => g.node('Project', { id, name, level, programme, year, funding, status, source: S, synthetic: true });
  const undertake = (orgId: string, pid: string): void =>
    g.rel('UNDERTAKES', 'Enterprise', orgId, 'Project', pid, { role: 'LEAD' });
  // F12: 139 major R&D activities collected into the project library.
  for (let i = 0; i < 139 * scale; i++) {
    const ci = i % chains.length;
    const f = rnd.pick(chainFirms(ci));
    const pid = project(
      `proj-collected-${i}`,
      `重大科研活动${i + 1}（示例）`,
      'MUNICIPAL',
      '重大科研活动',
      REVIEW_YEAR,
      null,
      'COLLECTED',
    );
    undertake(f.id, pid);
    g.rel('ADDRESSES', 'Project', pid, 'IndustryChain', chainId((chains[ci] as { key: string }).key));
  }
  // F13: 53 national and provincial projects approved in 2024 with 8104万 in all; the letter names three
  // undertakers of central-guided projects (real firms, synthetic project names and amounts).
  const named = ['ent-aitong', 'ent-tiefulai', 'ent-yuexin'];
  for (let u = 0; u < scale; u++) {
    const amounts = rnd.split(81_040_000, 53, 10_000);
    amounts.forEach((funding, i) => {
      const national = i < 8;
      const pid = project(
        `proj-approved-${u}-${i}`,
        `${national ? '中央引导地方科技发展项目' : '省级科技计划项目'}${i + 1}（示例）`,
        national ? 'NATIONAL' : 'PROVINCIAL',
        national ? '中央引导地方科技发展资金' : '河南省科技计划',
        REVIEW_YEAR,
        funding,
        'APPROVED',
      );
      undertake(u === 0 && i < 3 ? (named[i] as string) : rnd.pick(firms.slice(0, 700 * scale)).id, pid);
    });
  }
  // F14: the provincial industry R&D joint fund's first batch, 37 activities, 7720万 (7700余万), in 2025.
  const jointFund = g.node('Fund', {
    id: 'fund-joint-provincial-1',
    name: '河南省产业研发联合基金（首批）',
    level: 'PROVINCIAL',
    year: 2025,
    budget: 77_200_000 * scale,
    source: LETTER_SOURCE,
    synthetic: false,
  });
  const fields = ['特种石墨', '半导体碳化硅', '电子靶材'];
  const materials = [chainIndex('graphite'), chainIndex('sic'), chainIndex('electronics')];
  for (let u = 0; u < scale; u++) {
    rnd.split(77_200_000, 37, 10_000).forEach((awarded, i) => {
      const pid = project(
        `proj-joint-${u}-${i}`,
        `${fields[i % 3]}重大研发活动${i + 1}（示例）`,
        'PROVINCIAL',
        '河南省产业研发联合基金',
        2025,
        awarded,
        'FUNDED',
      );
      undertake(rnd.pick(chainFirms(materials[i % 3] as number)).id, pid);
      g.rel('FUNDED_BY', 'Project', pid, 'Fund', jointFund, { awarded, disbursed: awarded });
    });
  }
  // F18: the 2025 municipal R&D joint fund, 2000万.
  g.node('Fund', {
    id: 'fund-municipal-2025',
    name: '2025年度平顶山市科技研发联合基金',
    level: 'MUNICIPAL',
    year: 2025,
    budget: 20_000_000,
    source: LETTER_SOURCE,
    synthetic: false,
  });
  // F19: 8 nylon-chemical and metal new-materials projects, 1060万, first 80% (848万) paid.
  const f19 = g.node('Fund', {
    id: 'fund-f19-2025',
    name: '尼龙化工及金属新材料领域项目资金（2025）',
    level: 'PROVINCIAL',
    year: 2025,
    budget: 10_600_000,
    source: LETTER_SOURCE,
    synthetic: false,
  });
  rnd.split(10_600_000, 8, 50_000).forEach((awarded, i) => {
    const ci = i % 2 === 0 ? chainIndex('nylon') : chainIndex('plate');
    const pid = project(
      `proj-f19-${i}`,
      `${i % 2 === 0 ? '尼龙化工' : '金属新材料'}项目${i + 1}（示例）`,
      'PROVINCIAL',
      '尼龙化工及金属新材料领域项目',
      2025,
      awarded,
      'FUNDED',
    );
    undertake(rnd.pick(chainFirms(ci)).id, pid);
    g.rel('ADDRESSES', 'Project', pid, 'IndustryChain', chainId((chains[ci] as { key: string }).key));
    g.rel('FUNDED_BY', 'Project', pid, 'Fund', f19, { awarded, disbursed: (awarded * 4) / 5 });
  });
  // 揭榜挂帅 challenges posted by chain firms, some taken by universities (of the chain's discipline when it has any).
  for (let i = 0; i < 20 * scale; i++) {
    const ci = i % chains.length;
    const f = rnd.pick(chainFirms(ci));
    const status = rnd.pick(['OPEN', 'MATCHED', 'COMPLETED']);
    const id = g.node('Challenge', {
      id: `challenge-${i}`,
      title: `揭榜挂帅技术难题${i + 1}（示例）`,
      year: rnd.int(2023, REVIEW_YEAR),
      budget: rnd.int(10, 200) * 100_000,
      status,
      source: S,
      synthetic: true,
    });
    g.rel('POSTED', 'Enterprise', f.id, 'Challenge', id);
    if (status !== 'OPEN')
      g.rel('TOOK', 'University', rnd.weighted(partnersOf('University', ci), popularity).id, 'Challenge', id);
  }
}
