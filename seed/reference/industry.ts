/**
 * 7群12链. The press confirms three clusters (new materials, advanced equipment, new-energy storage) and three
 * chains (nylon, extra-wide/thick plate, silicon-carbon/SiC); the letter also names biomedicine and electronic
 * information / digital economy as key fields. The rest are plausible demo names: synthetic, suffixed
 * "（示例）" and `verified: false`.
 */
export interface ClusterRow {
  key: string;
  name: string;
  verified: boolean;
}

export interface ChainRow {
  key: string;
  name: string;
  cluster: string;
  verified: boolean;
  leading: boolean;
  /** Segment names, upstream → midstream → downstream → support. */
  segments: [string, string, string, string];
  /**
   * GB/T 4754-2017 classes (门类 letter + 4-digit 小类) of the chain's firms; a class belongs to one chain only. A firm
   * of the chain draws its industryCode from these; a firm in no chain from all chains' classes, so that its class
   * still tells which discipline it needs (matchmaking's "chains fed by industry", cypher/shared/chainsFedBy).
   */
  industryCodes: readonly string[];
  /**
   * Short terms identifying the chain's discipline: an expertise term serves the chain when it contains one of them
   * (cypher/shared/expertiseServesChain). No keyword of one chain occurs in another chain's expertise.
   */
  keywords: readonly string[];
  /** Expertise terms of the discipline (researchers and 科技副总 take theirs from here); generator input only. */
  expertise: readonly string[];
}

export const clusters: readonly ClusterRow[] = [
  { key: 'materials', name: '新材料产业集群', verified: true },
  { key: 'equipment', name: '先进装备制造产业集群', verified: true },
  { key: 'storage', name: '新能源储能产业集群', verified: true },
  { key: 'bio', name: '生物医药产业集群（示例）', verified: false },
  { key: 'digital', name: '电子信息和数字经济产业集群（示例）', verified: false },
  { key: 'chem', name: '现代煤化工产业集群（示例）', verified: false },
  { key: 'consumer', name: '绿色食品和消费品产业集群（示例）', verified: false },
];

export const chains: readonly ChainRow[] = [
  {
    key: 'nylon',
    name: '尼龙产业链',
    cluster: 'materials',
    verified: true,
    leading: true,
    segments: ['己二酸与己内酰胺', '尼龙66盐与切片', '工程塑料与帘子布', '检测与改性服务'],
    // 初级形态塑料及合成树脂制造, 锦纶纤维制造, 塑料零件及其他塑料制品制造
    industryCodes: ['C2651', 'C2821', 'C2929'],
    keywords: ['尼龙', '高分子', '工程塑料'],
    expertise: ['尼龙新材料', '高分子材料改性', '工程塑料成型'],
  },
  {
    key: 'plate',
    name: '特宽特厚钢板产业链',
    cluster: 'materials',
    verified: true,
    leading: true,
    segments: ['铁矿与炼钢', '特厚板轧制', '桥梁与压力容器用板', '热处理与检测'],
    // 炼铁, 炼钢, 钢压延加工
    industryCodes: ['C3110', 'C3120', 'C3130'],
    keywords: ['钢铁', '冶金', '轧制', '钢材'],
    expertise: ['钢铁冶金', '特厚板轧制', '钢材热处理'],
  },
  {
    key: 'sic',
    name: '硅碳与碳化硅半导体产业链',
    cluster: 'materials',
    verified: true,
    leading: true,
    segments: ['高纯碳与硅粉', '碳化硅衬底与外延', '功率器件与模组', '装备与检测'],
    // 半导体分立器件制造, 电子专用材料制造
    industryCodes: ['C3972', 'C3985'],
    keywords: ['碳化硅', '半导体'],
    expertise: ['碳化硅晶体生长', '半导体功率器件', '宽禁带半导体外延'],
  },
  {
    key: 'graphite',
    name: '特种石墨产业链（示例）',
    cluster: 'materials',
    verified: false,
    leading: true,
    segments: ['石油焦与针状焦', '等静压石墨', '石墨热场与电极', '加工与检测'],
    // 石墨及碳素制品制造
    industryCodes: ['C3091'],
    keywords: ['石墨', '碳素'],
    expertise: ['等静压石墨', '碳素材料', '石墨提纯'],
  },
  {
    key: 'mining-eq',
    name: '智能矿山装备产业链（示例）',
    cluster: 'equipment',
    verified: false,
    leading: true,
    segments: ['基础零部件', '液压支架与采掘设备', '智能化矿山系统', '运维服务'],
    // 矿山机械制造, 液压动力机械及元件制造
    industryCodes: ['C3511', 'C3444'],
    keywords: ['矿山', '采掘', '液压'],
    expertise: ['智能矿山装备', '液压支架设计', '采掘机械'],
  },
  {
    key: 'battery',
    name: '钠离子电池与储能产业链（示例）',
    cluster: 'storage',
    verified: false,
    leading: true,
    segments: ['正负极材料', '电芯制造', '储能系统集成', '回收利用'],
    // 锂离子电池制造, 其他电池制造 (钠离子)
    industryCodes: ['C3841', 'C3849'],
    keywords: ['储能', '电池', '电化学'],
    expertise: ['钠离子电池', '储能系统集成', '电化学储能'],
  },
  {
    key: 'grid',
    name: '电力装备产业链（示例）',
    cluster: 'equipment',
    verified: false,
    leading: false,
    segments: ['绝缘与导体材料', '开关与变压器', '智能电网设备', '试验检测'],
    // 变压器、整流器和电感器制造, 配电开关控制设备制造, 电力电子元器件制造
    industryCodes: ['C3821', 'C3823', 'C3824'],
    keywords: ['电力', '电网', '电气'],
    expertise: ['电力电子', '智能电网', '高压电气设备'],
  },
  {
    key: 'pharma',
    name: '生物医药产业链（示例）',
    cluster: 'bio',
    verified: false,
    leading: false,
    segments: ['原料药', '制剂', '医疗器械', 'CRO服务'],
    // 化学药品原料药制造, 化学药品制剂制造, 医疗诊断、监护及治疗设备制造
    industryCodes: ['C2710', 'C2720', 'C3581'],
    keywords: ['医药', '药物', '生物'],
    expertise: ['生物医药', '药物制剂', '医药中间体'],
  },
  {
    key: 'electronics',
    name: '电子信息产业链（示例）',
    cluster: 'digital',
    verified: false,
    leading: false,
    segments: ['电子材料与靶材', '元器件', '整机与终端', '软件与数据服务'],
    // 集成电路制造, 电阻电容电感元件制造, 电子电路制造
    industryCodes: ['C3973', 'C3981', 'C3982'],
    keywords: ['电子信息', '电子材料', '集成电路', '软件'],
    expertise: ['电子材料与靶材', '集成电路设计', '工业软件'],
  },
  {
    key: 'coal-chem',
    name: '煤基化工产业链（示例）',
    cluster: 'chem',
    verified: false,
    leading: false,
    segments: ['焦化', '煤焦油深加工', '精细化学品', '环保处理'],
    // 炼焦, 有机化学原料制造
    industryCodes: ['C2521', 'C2614'],
    keywords: ['煤化工', '焦化', '化工工艺'],
    expertise: ['现代煤化工', '焦化工艺', '精细化工工艺'],
  },
  {
    key: 'food',
    name: '绿色食品产业链（示例）',
    cluster: 'consumer',
    verified: false,
    leading: false,
    segments: ['种养殖', '初加工', '精深加工', '冷链物流'],
    // 小麦加工, 牲畜屠宰 (131 谷物磨制 is a group with classes 1311–1319 since 2017: no class C1310)
    industryCodes: ['C1312', 'C1351'],
    keywords: ['食品', '农产品', '畜牧'],
    expertise: ['食品科学与工程', '农产品加工', '畜牧养殖'],
  },
  {
    key: 'textile',
    name: '纺织服装产业链（示例）',
    cluster: 'consumer',
    verified: false,
    leading: false,
    segments: ['纤维', '纺纱织造', '服装家纺', '设计与品牌服务'],
    // 棉纺纱加工, 棉印染精加工, 其他机织服装制造 (181 机织服装制造 is a group since 2017)
    industryCodes: ['C1711', 'C1713', 'C1819'],
    keywords: ['纺织', '服装', '纤维'],
    expertise: ['纺织工程', '服装设计', '功能纤维'],
  },
];

export const POSITIONS = ['UPSTREAM', 'MIDSTREAM', 'DOWNSTREAM', 'SUPPORT'] as const;

/** Chains built with gaps for planners to find (indexes into `chains`). */
export const GAPS = {
  /** No lab-kind platform serves them, partners with or is hosted by their firms. */
  chainsWithoutLab: ['coal-chem', 'food', 'textile'],
  /** No university cooperates with their firms, shares a consortium with them or seconds a deputy to them. */
  chainsWithoutUniversity: ['textile'],
  /** Segments (chain key, position index) with no local enterprise. */
  emptySegments: [
    ['coal-chem', 3],
    ['food', 0],
    ['textile', 2],
  ] as const,
};

export const clusterId = (key: string): string => `cluster-${key}`;
export const chainId = (key: string): string => `chain-${key}`;
export const segmentId = (key: string, position: number): string => `segment-${key}-${position}`;
