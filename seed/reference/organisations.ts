/**
 * Organisations, platforms and results named in the letter (public facts; synthetic: false), and the fictitious
 * academic partners the generator adds beside them (synthetic: true, names ending in （示例）).
 */
export interface NamedOrg {
  id: string;
  name: string;
  kind?: string;
  local: boolean;
  regionCode?: string;
}

/**
 * A university or research institute as the generator knows it. `disciplines` (keys of `chains`, 1–3) and
 * `popularity` (a relative weight: how often firms pick it) are generator inputs only and are not written to the
 * graph: the graph shows a discipline through the expertise of the organisation's staff and the firms it works with.
 */
export interface AcademicOrg extends NamedOrg {
  synthetic: boolean;
  disciplines: readonly string[];
  popularity: number;
}

export const namedEnterprises = [
  { id: 'ent-pmsm', name: '中国平煤神马集团', regionCode: '410402' },
  { id: 'ent-aitong', name: '艾通科技', regionCode: '410471' },
  { id: 'ent-tiefulai', name: '铁福来', regionCode: '410471' },
  { id: 'ent-yuexin', name: '跃薪智能', regionCode: '410471' },
] as const;

/** A fictitious partner from outside the city (no LOCATED_IN, like 东华大学 and 清华大学). */
const external = (id: string, name: string, kind: string, disciplines: string[]): AcademicOrg => ({
  id,
  name: `${name}（示例）`,
  kind,
  local: false,
  synthetic: true,
  disciplines,
  popularity: 1,
});

/**
 * The letter's universities first (the four local ones host labs and incubators: keep them the first four), then 20
 * fictitious ones from elsewhere, so that a firm has a real choice of partner. Firms pick the four local universities
 * and 河南省科学院 twice as often as another organisation of the same discipline (popularity 2), which makes them the
 * most connected; disciplines are spread so that no organisation is the right partner for most firms (one or two
 * each, about as many organisations per chain as the chain has firms to serve), and every chain has at least three
 * organisations of its discipline, two of them universities — except textile, which no university may serve
 * (GAPS.chainsWithoutUniversity; 东华大学 and two fictitious ones still serve textile firms outside that chain).
 */
export const universities: readonly AcademicOrg[] = [
  {
    id: 'uni-pdsu',
    name: '平顶山学院',
    kind: '本科',
    local: true,
    regionCode: '410411',
    synthetic: false,
    disciplines: ['nylon', 'pharma'],
    popularity: 2,
  },
  {
    id: 'uni-hncj',
    name: '河南城建学院',
    kind: '本科',
    local: true,
    regionCode: '410411',
    synthetic: false,
    disciplines: ['plate', 'grid'],
    popularity: 2,
  },
  {
    id: 'uni-hnzl',
    name: '河南质量工程职业学院',
    kind: '高职',
    local: true,
    regionCode: '410402',
    synthetic: false,
    disciplines: ['coal-chem', 'food'],
    popularity: 2,
  },
  {
    id: 'uni-pdsgy',
    name: '平顶山工业职业技术学院',
    kind: '高职',
    local: true,
    regionCode: '410411',
    synthetic: false,
    disciplines: ['mining-eq', 'electronics'],
    popularity: 2,
  },
  {
    id: 'uni-dhu',
    name: '东华大学',
    kind: '本科',
    local: false,
    synthetic: false,
    disciplines: ['nylon', 'textile'],
    popularity: 1,
  },
  {
    id: 'uni-thu',
    name: '清华大学',
    kind: '本科',
    local: false,
    synthetic: false,
    disciplines: ['electronics', 'grid'],
    popularity: 1,
  },
  external('uni-syn-1', '中原材料科技大学', '本科', ['graphite', 'sic']),
  external('uni-syn-2', '豫西理工大学', '本科', ['plate', 'mining-eq']),
  external('uni-syn-3', '荆楚冶金学院', '本科', ['plate', 'coal-chem']),
  external('uni-syn-4', '北方半导体技术大学', '本科', ['sic', 'electronics']),
  external('uni-syn-5', '嵩山炭素工程学院', '本科', ['graphite', 'plate']),
  external('uni-syn-6', '宛北矿业大学', '本科', ['mining-eq', 'coal-chem']),
  external('uni-syn-7', '中州电力大学', '本科', ['grid', 'battery']),
  external('uni-syn-8', '江淮新能源学院', '本科', ['battery', 'grid']),
  external('uni-syn-9', '伏牛医科大学', '本科', ['pharma', 'food']),
  external('uni-syn-10', '嵩阳药科大学', '本科', ['pharma']),
  external('uni-syn-11', '洛水电子科技大学', '本科', ['electronics', 'grid']),
  external('uni-syn-12', '太行化工大学', '本科', ['coal-chem', 'nylon']),
  external('uni-syn-13', '中原农业工程学院', '本科', ['food', 'pharma']),
  external('uni-syn-14', '豫南食品职业学院', '高职', ['food']),
  external('uni-syn-15', '冀南电气工程学院', '本科', ['grid', 'electronics']),
  external('uni-syn-16', '淮河轻工大学', '本科', ['food', 'textile']),
  external('uni-syn-17', '中原高分子材料学院', '本科', ['nylon', 'textile']),
  external('uni-syn-18', '汉江机械工程学院', '本科', ['mining-eq', 'plate']),
  external('uni-syn-19', '西岭能源化学大学', '本科', ['battery', 'coal-chem']),
  external('uni-syn-20', '东岳医药职业技术学院', '高职', ['pharma']),
];

/** The letter's institutes, then 10 fictitious ones from elsewhere. */
export const institutes: readonly AcademicOrg[] = [
  {
    id: 'inst-hnas',
    name: '河南省科学院',
    kind: '省属科研院所',
    local: false,
    synthetic: false,
    disciplines: ['nylon', 'sic'],
    popularity: 2,
  },
  {
    id: 'inst-cas',
    name: '中国科学院',
    kind: '国家科研机构',
    local: false,
    synthetic: false,
    disciplines: ['battery', 'graphite'],
    popularity: 1,
  },
  external('inst-ext-1', '中原高分子材料研究院', '行业科研院所', ['nylon', 'textile']),
  external('inst-ext-2', '荆楚冶金研究院', '行业科研院所', ['plate', 'graphite']),
  external('inst-ext-3', '东海宽禁带半导体研究所', '行业科研院所', ['sic', 'electronics']),
  external('inst-ext-4', '北方炭素材料研究院', '行业科研院所', ['graphite', 'sic']),
  external('inst-ext-5', '太行煤矿装备研究院', '行业科研院所', ['mining-eq']),
  external('inst-ext-6', '江淮电化学储能研究所', '行业科研院所', ['battery']),
  external('inst-ext-7', '中原电力装备研究所', '行业科研院所', ['grid']),
  external('inst-ext-8', '中原生物医药研究院', '行业科研院所', ['pharma', 'food']),
  external('inst-ext-9', '黄河农产品加工研究所', '行业科研院所', ['food']),
  external('inst-ext-10', '江南纺织服装研究院', '行业科研院所', ['textile']),
];

/** The city's own new-type R&D institutes (synthetic, in the 高新区); written with the platforms (addActivities). */
export const localInstitutes: readonly AcademicOrg[] = [
  { id: 'inst-syn-1', name: '平顶山新材料研究所（示例）', disciplines: ['nylon', 'graphite'] },
  { id: 'inst-syn-2', name: '平顶山装备研究所（示例）', disciplines: ['mining-eq', 'grid'] },
  { id: 'inst-syn-3', name: '平顶山储能研究所（示例）', disciplines: ['battery'] },
  { id: 'inst-syn-4', name: '平顶山化工研究所（示例）', disciplines: ['coal-chem', 'pharma'] },
].map((i) => ({ ...i, kind: '新型研发机构', local: true, regionCode: '410471', synthetic: true, popularity: 1 }));

export interface NamedPlatform {
  id: string;
  name: string;
  kind: string;
  level: string;
  hosts: { orgId: string; role: 'LEAD' | 'CO' }[];
}

export const YAOSHAN_ID = 'plat-yaoshan';

export const namedPlatforms: readonly NamedPlatform[] = [
  { id: YAOSHAN_ID, name: '尧山实验室', kind: 'LABORATORY', level: 'PROVINCIAL', hosts: [] },
  {
    id: 'plat-coking-coal',
    name: '炼焦煤资源开发及综合利用国家重点实验室',
    kind: 'KEY_LABORATORY',
    level: 'NATIONAL',
    hosts: [{ orgId: 'ent-pmsm', role: 'LEAD' }],
  },
  {
    id: 'plat-hnas-pds',
    name: '河南省科学院平顶山产业技术研究院',
    kind: 'INDUSTRY_RESEARCH_INSTITUTE',
    level: 'PROVINCIAL',
    hosts: [{ orgId: 'inst-hnas', role: 'LEAD' }],
  },
  {
    id: 'plat-hnas-dhu',
    name: '河南省科学院平顶山产业技术研究院—东华大学联合研发中心',
    kind: 'OTHER',
    level: 'PROVINCIAL',
    hosts: [
      { orgId: 'inst-hnas', role: 'LEAD' },
      { orgId: 'uni-dhu', role: 'CO' },
    ],
  },
  {
    id: 'plat-sic',
    name: '河南省碳化硅功能材料产业研究院',
    kind: 'INDUSTRY_RESEARCH_INSTITUTE',
    level: 'PROVINCIAL',
    hosts: [],
  },
  {
    id: 'plat-vision',
    name: '河南省机器视觉与智能系统国际联合实验室',
    kind: 'INTERNATIONAL_JOINT_LAB',
    level: 'PROVINCIAL',
    hosts: [],
  },
  { id: 'plat-hongniu', name: '郏县红牛研究院', kind: 'OTHER', level: 'MUNICIPAL', hosts: [] },
];

/** Results the letter names, with the platform that achieved them. */
export const namedAchievements = [
  {
    id: 'ach-nafes',
    title: '低成本铁硫基钠离子电池器件组装与稳定运行',
    kind: 'TECHNOLOGY',
    year: 2024,
    by: YAOSHAN_ID,
  },
  {
    id: 'ach-polypeptide',
    title: '已知分子量最大的聚多肽高分子药物载体',
    kind: 'TECHNOLOGY',
    year: 2024,
    by: YAOSHAN_ID,
  },
  {
    id: 'ach-poc-standard',
    title: '《概念验证服务规范》团体标准（尼龙新材料领域）',
    kind: 'STANDARD',
    year: 2024,
    by: 'plat-hnas-dhu',
  },
] as const;

export const LETTER_SOURCE = '平顶山市科学技术局 2025 年答复叶元朋代表建议（reference/pingdingshan-letter-2025.txt）';
export const SYNTHETIC_SOURCE = '示例数据生成器（seed/generate.ts），非真实数据';
