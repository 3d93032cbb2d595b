// @ts-check
// The map's colours and the words for node labels and relationship types, keyed on the graph's vocabulary (the
// labels and relationship types of schema/*.graphql, shipped as vocabulary.json by `npm run explorer:manifest`).
// A name missing here gets a default colour and is shown as the schema spells it; a name here that the vocabulary
// does not have fails test/unit/explorerFiles.test.ts. This module imports nothing, so that the test can load it.

/** The synthetic type of a group node (the explorer's own, not a label of the graph). */
export const GROUP = 'Group';

/** Node colours by label. */
export const NODE_COLORS = Object.freeze({
  Enterprise: '#2f6fb0',
  University: '#7b4fb3',
  ResearchInstitute: '#a05fc0',
  Platform: '#d9822b',
  IndustryChain: '#2e8b57',
  IndustryCluster: '#1f6b45',
  ChainSegment: '#5aa469',
  Region: '#8a8f98',
  Person: '#c2456b',
  Project: '#b8860b',
  Fund: '#8b6d2f',
  Consortium: '#3b8ea5',
  Achievement: '#c05a3a',
  Qualification: '#6b7a8f',
  AnnualReport: '#9aa3ad',
  Policy: '#556b2f',
  Contest: '#8e5c9e',
  Challenge: '#a0522d',
  Target: '#444444',
});
/** The colour of a label without one of its own. */
export const DEFAULT_NODE_COLOR = '#777';

/** Relationship colours: what links a firm to knowledge (partners, platforms, people) stands out from supply. */
export const RELATIONSHIP_COLORS = Object.freeze({
  FEEDS: '#2e8b57',
  OPERATES_IN: '#5aa469',
  SUPPLIES: '#a7b0bf',
  HOSTS: '#d9822b',
  SERVES: '#e0a458',
  PARTNERS_WITH: '#e0a458',
  COOPERATES_WITH: '#7b4fb3',
  EMPLOYED_BY: '#c2456b',
  SECONDED_TO: '#c2456b',
  MEMBER_OF: '#3b8ea5',
  LEADS: '#3b8ea5',
  TARGETS: '#3b8ea5',
  UNDERTAKES: '#b8860b',
  LOCATED_IN: '#8a8f98',
  HOLDS: '#6b7a8f',
  OF_CHAIN: '#2e8b57',
  PART_OF: '#2e8b57',
});
/** The colour of a relationship type without one of its own (not in the legend). */
export const DEFAULT_RELATIONSHIP_COLOR = '#c3cad5';

/** Labels in Chinese (in English the label itself is shown); GROUP is the explorer's group node. */
export const LABEL_NAMES_ZH = Object.freeze({
  Enterprise: '企业',
  University: '高校',
  ResearchInstitute: '科研院所',
  Platform: '研发平台',
  IndustryChain: '产业链',
  IndustryCluster: '产业集群',
  ChainSegment: '产业链环节',
  Region: '区县',
  Person: '人员',
  Project: '项目',
  Fund: '基金',
  Consortium: '创新联合体',
  Achievement: '成果',
  Qualification: '资质',
  AnnualReport: '年报',
  Policy: '政策',
  Contest: '大赛',
  Challenge: '揭榜挂帅',
  Target: '目标',
  [GROUP]: '分组',
});

/**
 * A relationship type in words, seen from either end: [from the source, from the target]. English falls back to
 * Chinese, a type in neither to its own name.
 * @type {Readonly<Record<'zh' | 'en', Readonly<Record<string, readonly [string, string]>>>>}
 */
export const RELATIONSHIP_NAMES = {
  zh: {
    SUPPLIES: ['客户', '供应商'],
    HOSTS: ['依托的平台', '依托单位'],
    COOPERATES_WITH: ['合作单位', '合作企业'],
    OPERATES_IN: ['所在环节', '环节企业'],
    SECONDED_TO: ['派驻企业', '科技副总'],
    MEMBER_OF: ['所在联合体', '成员'],
    LEADS: ['牵头联合体', '牵头单位'],
    UNDERTAKES: ['承担项目', '承担单位'],
    HOLDS: ['资质', '持有企业'],
    LOCATED_IN: ['所在区县', '区内单位'],
    SERVES: ['服务产业链', '服务平台'],
    EMPLOYED_BY: ['任职单位', '人员'],
  },
  en: {
    SUPPLIES: ['customers', 'suppliers'],
    HOSTS: ['hosted platforms', 'hosts'],
    COOPERATES_WITH: ['partners', 'partner firms'],
    OPERATES_IN: ['segments', 'firms'],
    SECONDED_TO: ['firms served', 'S&T deputies'],
    MEMBER_OF: ['consortia', 'members'],
  },
};

/**
 * `table[key]` when the table has that own key (never an inherited `constructor` or `toString`).
 * @template V
 * @param {Readonly<Record<string, V>>} table
 * @param {string} key
 * @returns {V | undefined}
 */
export function own(table, key) {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * The colour of a node label.
 * @param {string} label
 */
export const nodeColor = (label) => own(NODE_COLORS, label) ?? DEFAULT_NODE_COLOR;

/**
 * The colour of a relationship type, or undefined when it has none of its own (the legend leaves those out).
 * @param {string} type
 */
export const ownRelationshipColor = (type) => own(RELATIONSHIP_COLORS, type);

/**
 * The colour of a relationship type, the default where it has none.
 * @param {string} type
 */
export const relationshipColor = (type) => ownRelationshipColor(type) ?? DEFAULT_RELATIONSHIP_COLOR;
