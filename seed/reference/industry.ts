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
  },
  {
    key: 'plate',
    name: '特宽特厚钢板产业链',
    cluster: 'materials',
    verified: true,
    leading: true,
    segments: ['铁矿与炼钢', '特厚板轧制', '桥梁与压力容器用板', '热处理与检测'],
  },
  {
    key: 'sic',
    name: '硅碳与碳化硅半导体产业链',
    cluster: 'materials',
    verified: true,
    leading: true,
    segments: ['高纯碳与硅粉', '碳化硅衬底与外延', '功率器件与模组', '装备与检测'],
  },
  {
    key: 'graphite',
    name: '特种石墨产业链（示例）',
    cluster: 'materials',
    verified: false,
    leading: true,
    segments: ['石油焦与针状焦', '等静压石墨', '石墨热场与电极', '加工与检测'],
  },
  {
    key: 'mining-eq',
    name: '智能矿山装备产业链（示例）',
    cluster: 'equipment',
    verified: false,
    leading: true,
    segments: ['基础零部件', '液压支架与采掘设备', '智能化矿山系统', '运维服务'],
  },
  {
    key: 'battery',
    name: '钠离子电池与储能产业链（示例）',
    cluster: 'storage',
    verified: false,
    leading: true,
    segments: ['正负极材料', '电芯制造', '储能系统集成', '回收利用'],
  },
  {
    key: 'grid',
    name: '电力装备产业链（示例）',
    cluster: 'equipment',
    verified: false,
    leading: false,
    segments: ['绝缘与导体材料', '开关与变压器', '智能电网设备', '试验检测'],
  },
  {
    key: 'pharma',
    name: '生物医药产业链（示例）',
    cluster: 'bio',
    verified: false,
    leading: false,
    segments: ['原料药', '制剂', '医疗器械', 'CRO服务'],
  },
  {
    key: 'electronics',
    name: '电子信息产业链（示例）',
    cluster: 'digital',
    verified: false,
    leading: false,
    segments: ['电子材料与靶材', '元器件', '整机与终端', '软件与数据服务'],
  },
  {
    key: 'coal-chem',
    name: '煤基化工产业链（示例）',
    cluster: 'chem',
    verified: false,
    leading: false,
    segments: ['焦化', '煤焦油深加工', '精细化学品', '环保处理'],
  },
  {
    key: 'food',
    name: '绿色食品产业链（示例）',
    cluster: 'consumer',
    verified: false,
    leading: false,
    segments: ['种养殖', '初加工', '精深加工', '冷链物流'],
  },
  {
    key: 'textile',
    name: '纺织服装产业链（示例）',
    cluster: 'consumer',
    verified: false,
    leading: false,
    segments: ['纤维', '纺纱织造', '服装家纺', '设计与品牌服务'],
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
