import type { GraphBuilder, Label } from '../graphBuilder';
import type { Random } from '../random';
import { type Firm, REVIEW_YEAR } from '../reports';
import { chainId, chains, GAPS } from '../reference/industry';
import { LETTER_SOURCE, namedPlatforms, YAOSHAN_ID } from '../reference/organisations';
import { chainIndex, S, UNI_IDS } from './shared';

const NO_LAB = new Set(GAPS.chainsWithoutLab.map(chainIndex));

function platform(
  g: GraphBuilder,
  id: string,
  name: string,
  kind: string,
  level: string,
  approvedYear: number | null,
): string {
  return g.node('Platform', { id, name, kind, level, approvedYear, source: S, synthetic: true });
}

export function addPlatforms(
  g: GraphBuilder,
  rnd: Random,
  scale: number,
  firms: Firm[],
  chainFirms: (ci: number) => Firm[],
): void {
  for (const p of namedPlatforms) {
    g.node('Platform', {
      id: p.id,
      name: p.name,
      kind: p.kind,
      level: p.level,
      approvedYear: null,
      source: LETTER_SOURCE,
      synthetic: false,
    });
    for (const h of p.hosts) {
      const label: Label = h.orgId.startsWith('ent-')
        ? 'Enterprise'
        : h.orgId.startsWith('uni-')
          ? 'University'
          : 'ResearchInstitute';
      g.rel('HOSTS', label, h.orgId, 'Platform', p.id, { role: h.role });
    }
  }
  // F11: 12 provincial/ministerial platforms merged into Yaoshan Laboratory (names not public: synthetic).
  for (let i = 1; i <= 12; i++) {
    const id = platform(
      g,
      `plat-merged-${i}`,
      `省重点实验室${i}号（并入尧山实验室）（示例）`,
      'KEY_LABORATORY',
      'PROVINCIAL',
      2015 + (i % 8),
    );
    g.rel('MERGED_INTO', 'Platform', id, 'Platform', YAOSHAN_ID);
  }

  const host = (f: Firm, pid: string): void => {
    f.hostsPlatform = true;
    g.rel('HOSTS', 'Enterprise', f.id, 'Platform', pid, { role: 'LEAD' });
  };
  // Engineering research centres: F7 provincial 141 (10 in 2024), F8 municipal 520 (55 in 2024). Backbone firms
  // of the leading chains host first (R5: 全覆盖); the rest go to other large firms.
  const leadingBackbone = firms.filter(
    (f) => f.backbone && f.chain >= 0 && (chains[f.chain] as { leading: boolean }).leading,
  );
  const otherBackbone = firms.filter((f) => f.backbone && !leadingBackbone.includes(f) && rnd.chance(0.5));
  const big = rnd.shuffle(firms.filter((f) => f.revenue >= 100_000_000 && !f.backbone));
  const ercHosts = [
    ...leadingBackbone,
    ...otherBackbone,
    ...big,
    ...rnd.shuffle(firms.filter((f) => f.revenue < 100_000_000)),
  ];
  let h = 0;
  const centres: [string, string, number, number][] = [
    ['PROVINCIAL', '省级工程技术研究中心', 141, 10],
    ['MUNICIPAL', '市级工程技术研究中心', 520, 55],
  ];
  for (const [level, label, total, fresh] of centres) {
    for (let i = 0; i < total * scale; i++) {
      const f = ercHosts[h++ % ercHosts.length] as Firm;
      const year = i < fresh * scale ? REVIEW_YEAR : rnd.int(2008, REVIEW_YEAR - 1);
      const pid = platform(
        g,
        `plat-erc-${level.toLowerCase()}-${i}`,
        `${f.name.replace('有限公司（示例）', '')}${label}（示例）`,
        'ENGINEERING_RESEARCH_CENTER',
        level,
        year,
      );
      host(f, pid);
      if (f.chain >= 0)
        g.rel('SERVES', 'Platform', pid, 'IndustryChain', chainId((chains[f.chain] as { key: string }).key));
    }
  }
  // F9: municipal key laboratories 105 (10 in 2024): lab kind, so never near the chains built without a lab.
  const labChains = chains.map((_, i) => i).filter((i) => !NO_LAB.has(i));
  for (let i = 0; i < 105 * scale; i++) {
    const year = i < 10 * scale ? REVIEW_YEAR : rnd.int(2010, REVIEW_YEAR - 1);
    const ci = labChains[i % labChains.length] as number;
    const pid = platform(
      g,
      `plat-keylab-${i}`,
      `${(chains[ci] as { name: string }).name.replace('（示例）', '')}市级重点实验室${i}（示例）`,
      'KEY_LABORATORY',
      'MUNICIPAL',
      year,
    );
    g.rel('SERVES', 'Platform', pid, 'IndustryChain', chainId((chains[ci] as { key: string }).key));
    if (i % 3 === 0) g.rel('HOSTS', 'University', rnd.pick(UNI_IDS.slice(0, 4)), 'Platform', pid, { role: 'LEAD' });
    else {
      const f = rnd.pick(chainFirms(ci));
      if (!g.hasRel('HOSTS', f.id, pid)) host(f, pid);
    }
    const partner = rnd.pick(chainFirms(ci));
    if (!g.hasRel('HOSTS', partner.id, pid)) g.rel('PARTNERS_WITH', 'Platform', pid, 'Enterprise', partner.id);
  }
  // F10: provincial incubators 16 (3 in 2024), hosted by universities and institutes.
  for (let i = 0; i < 16 * scale; i++) {
    const pid = platform(
      g,
      `plat-incubator-${i}`,
      `省级科技企业孵化器${i}号（示例）`,
      'INCUBATOR',
      'PROVINCIAL',
      i < 3 * scale ? REVIEW_YEAR : rnd.int(2012, REVIEW_YEAR - 1),
    );
    g.rel('HOSTS', 'University', UNI_IDS[i % 4] as string, 'Platform', pid, { role: 'LEAD' });
  }
}
