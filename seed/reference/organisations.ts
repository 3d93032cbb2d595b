/** Organisations, platforms and results named in the letter (public facts; synthetic: false). */
export interface NamedOrg {
  id: string;
  name: string;
  kind?: string;
  local: boolean;
  regionCode?: string;
}

export const namedEnterprises = [
  { id: 'ent-pmsm', name: '中国平煤神马集团', regionCode: '410402' },
  { id: 'ent-aitong', name: '艾通科技', regionCode: '410471' },
  { id: 'ent-tiefulai', name: '铁福来', regionCode: '410471' },
  { id: 'ent-yuexin', name: '跃薪智能', regionCode: '410471' },
] as const;

export const universities: readonly NamedOrg[] = [
  { id: 'uni-pdsu', name: '平顶山学院', kind: '本科', local: true, regionCode: '410411' },
  { id: 'uni-hncj', name: '河南城建学院', kind: '本科', local: true, regionCode: '410411' },
  { id: 'uni-hnzl', name: '河南质量工程职业学院', kind: '高职', local: true, regionCode: '410402' },
  { id: 'uni-pdsgy', name: '平顶山工业职业技术学院', kind: '高职', local: true, regionCode: '410411' },
  { id: 'uni-dhu', name: '东华大学', kind: '本科', local: false },
  { id: 'uni-thu', name: '清华大学', kind: '本科', local: false },
];

export const institutes: readonly NamedOrg[] = [
  { id: 'inst-hnas', name: '河南省科学院', kind: '省属科研院所', local: false },
  { id: 'inst-cas', name: '中国科学院', kind: '国家科研机构', local: false },
];

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
