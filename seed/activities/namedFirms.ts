import type { GraphBuilder } from '../graphBuilder';
import { chainId, segmentId } from '../reference/industry';

/**
 * The letter's named firms get the links their place in the city implies, so that their neighbourhoods show an
 * innovation ecosystem and not only suppliers: 中国平煤神马集团 in the nylon chain it leads (its two upstream
 * segments), cooperating with 平顶山学院 and 河南省科学院, a member of the nylon chain's first consortium, with a
 * 科技副总 of the first batch (the first one seconded to a nylon firm, so of the nylon discipline; person-deputy-0 if
 * there were none); the 高新区's mining-equipment firms in that chain, cooperating with 平顶山工业职业技术学院.
 * These links are demo data (their descriptions end in （示例）), added last so that the random draws before them —
 * and with them every letter figure F1–F21 — stay as they were; none touches a chain left without a partner on
 * purpose (GAPS).
 */
export function linkNamedFirms(g: GraphBuilder, nylonDeputy: string): void {
  const pmsm = 'ent-pmsm';
  g.rel('OPERATES_IN', 'Enterprise', pmsm, 'ChainSegment', segmentId('nylon', 0), { mainProduct: '己二酸（示例）' });
  g.rel('OPERATES_IN', 'Enterprise', pmsm, 'ChainSegment', segmentId('nylon', 1), { mainProduct: '尼龙66盐（示例）' });
  g.rel('LEADS_CHAIN', 'Enterprise', pmsm, 'IndustryChain', chainId('nylon'), { sinceYear: 2021 });
  g.rel('COOPERATES_WITH', 'Enterprise', pmsm, 'University', 'uni-pdsu', {
    kind: '共建研发中心（示例）',
    sinceYear: 2022,
  });
  g.rel('COOPERATES_WITH', 'Enterprise', pmsm, 'ResearchInstitute', 'inst-hnas', {
    kind: '联合研发（示例）',
    sinceYear: 2021,
  });
  // consortium-0: the first consortium of the first chain (nylon), see addConsortia.
  g.rel('MEMBER_OF', 'Enterprise', pmsm, 'Consortium', 'consortium-0');
  g.rel('SECONDED_TO', 'Person', nylonDeputy, 'Enterprise', pmsm, {
    programme: '科技副总',
    batch: 1,
    fromYear: 2024,
    toYear: 2026,
  });
  for (const id of ['ent-aitong', 'ent-tiefulai', 'ent-yuexin']) {
    g.rel('OPERATES_IN', 'Enterprise', id, 'ChainSegment', segmentId('mining-eq', 1), {
      mainProduct: '智能矿山装备（示例）',
    });
    g.rel('COOPERATES_WITH', 'Enterprise', id, 'University', 'uni-pdsgy', {
      kind: '人才培养（示例）',
      sinceYear: 2023,
    });
  }
}
