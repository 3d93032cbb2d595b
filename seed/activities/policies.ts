import type { GraphBuilder, Label } from '../graphBuilder';
import type { Random } from '../random';
import type { Firm } from '../reports';
import { LETTER_SOURCE } from '../reference/organisations';
import { S, UNI_IDS } from './shared';

export function addPoliciesAndContests(g: GraphBuilder, rnd: Random, scale: number, firms: Firm[]): void {
  // F21: the first lists: 1 免申即享 policy and 8 直达快享 policies (names not public: synthetic).
  g.node('Policy', {
    id: 'policy-no-application-1',
    name: '科技型中小企业创新券免申即享（示例）',
    mode: 'NO_APPLICATION',
    source: S,
    synthetic: true,
  });
  for (let i = 1; i <= 8; i++)
    g.node('Policy', {
      id: `policy-direct-${i}`,
      name: `直达快享科技政策${i}号（示例）`,
      mode: 'DIRECT',
      source: S,
      synthetic: true,
    });
  g.node('Policy', {
    id: 'policy-rewards',
    name: '科技创新奖补政策（示例）',
    mode: 'APPLICATION',
    source: S,
    synthetic: true,
  });

  // F16 (2023 winners) and F20 (2024 contest) .
  const contest2023 = g.node('Contest', {
    id: 'contest-henan-2023',
    name: '河南省创新创业大赛（2023）',
    year: 2023,
    level: 'PROVINCIAL',
    source: LETTER_SOURCE,
    synthetic: false,
  });
  const final2024 = g.node('Contest', {
    id: 'contest-henan-2024',
    name: '河南省创新创业大赛总决赛（2024）',
    year: 2024,
    level: 'PROVINCIAL',
    source: LETTER_SOURCE,
    synthetic: false,
  });
  const national2024 = g.node('Contest', {
    id: 'contest-national-2024',
    name: '中国创新创业大赛（2024）',
    year: 2024,
    level: 'NATIONAL',
    source: LETTER_SOURCE,
    synthetic: false,
  });
  const pool = rnd.shuffle(firms.filter((f) => f.revenue < 500_000_000));
  let p = 0;
  const next = (n: number): Firm[] => pool.slice(p, (p += n));
  const winners2023 = next(39 * scale);
  winners2023.forEach((f) =>
    g.rel('COMPETED_IN', 'Enterprise', f.id, 'Contest', contest2023, { stage: '决赛', award: '优胜奖' }),
  );
  next(8 * scale).forEach((f, i) => {
    g.rel('COMPETED_IN', 'Enterprise', f.id, 'Contest', final2024, { stage: '总决赛', award: null });
    g.rel('COMPETED_IN', 'Enterprise', f.id, 'Contest', national2024, {
      stage: '全国半决赛',
      award: i === 0 ? '成长组优秀奖' : null,
    });
  });

  // F17: November 2024 rewards 990.7万 to the 2023 winners (8 gazelles, 14 platforms, 10 awards, 39 contest
  // winners = 71 units) and 400万 of innovation vouchers to 41 more firms: 112 units benefit (110余家).
  const gazelles = firms.filter((f) => g.hasRel('HOLDS', f.id, 'qual-GAZELLE'));
  const platforms = Array.from({ length: 14 * scale }, (_, i) => `plat-erc-municipal-${100 + i}`);
  const awardOrgs: [Label, string][] = Array.from({ length: 10 * scale }, (_, i) =>
    i % 2 === 0 ? ['University', UNI_IDS[i % 4] as string] : ['Enterprise', (firms[200 + i] as Firm).id],
  );
  const seen = new Set<string>();
  const rewarded = [
    ...gazelles.map((f): [Label, string] => ['Enterprise', f.id]),
    ...platforms.map((id): [Label, string] => ['Platform', id]),
    ...awardOrgs,
    ...winners2023.map((f): [Label, string] => ['Enterprise', f.id]),
  ].filter(([, id]) => !seen.has(id) && seen.add(id));
  rnd.split(9_907_000 * scale, rewarded.length, 1_000).forEach((amount, i) => {
    const [label, id] = rewarded[i] as [Label, string];
    g.rel('RECEIVED', label, id, 'Policy', 'policy-rewards', { amount, year: 2024, kind: 'REWARD' });
  });
  // Vouchers go to other firms, so exactly 112 distinct units benefit per scale unit.
  const voucherFirms = pool
    .slice(p)
    .filter((f) => !seen.has(f.id))
    .slice(0, 112 * scale - rewarded.length);
  rnd.split(4_000_000 * scale, voucherFirms.length, 1_000).forEach((amount, i) => {
    g.rel('RECEIVED', 'Enterprise', (voucherFirms[i] as Firm).id, 'Policy', 'policy-no-application-1', {
      amount,
      year: 2024,
      kind: 'VOUCHER',
    });
  });
}
