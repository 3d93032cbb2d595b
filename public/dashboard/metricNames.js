// @ts-check
// Every metric's name in Chinese and English and the name of its unit: a copy of src/domain/metricNames.ts (the page
// cannot import TypeScript). The page shows these names, never the enum value.

/** @typedef {{ zh: string, en: string }} Words */
/** @typedef {{ zh: string, en: string, unit: Words }} MetricDisplay */

const ENTERPRISES = { zh: '家', en: 'enterprises' };
const PLATFORMS = { zh: '个', en: 'platforms' };
const RATIO = { zh: '%', en: '%' };

/** @type {Readonly<Record<string, MetricDisplay>>} */
export const METRIC_DISPLAY = {
  INDUSTRIAL_ENTERPRISES: { zh: '科技要素标定工业企业', en: 'Industrial enterprises calibrated', unit: ENTERPRISES },
  INNOVATION_LEADER_ENTERPRISES: {
    zh: '省创新龙头企业',
    en: 'Provincial innovation-leader enterprises',
    unit: ENTERPRISES,
  },
  HIGH_TECH_ENTERPRISES: { zh: '高新技术企业', en: 'High-tech enterprises', unit: ENTERPRISES },
  TECH_SMES: { zh: '科技型中小企业', en: 'Tech-based SMEs', unit: ENTERPRISES },
  INNOVATIVE_ENTERPRISES: { zh: '创新型企业', en: 'Innovative enterprises', unit: ENTERPRISES },
  GAZELLE_ENTERPRISES: { zh: '瞪羚企业', en: 'Gazelle enterprises', unit: ENTERPRISES },
  FOUR_HAVES_COVERAGE: { zh: '规上工业企业“四有”覆盖率', en: '“Four haves” coverage', unit: RATIO },
  PROVINCIAL_ENGINEERING_CENTERS: {
    zh: '省级工程技术研究中心',
    en: 'Provincial engineering research centres',
    unit: PLATFORMS,
  },
  MUNICIPAL_ENGINEERING_CENTERS: {
    zh: '市级工程技术研究中心',
    en: 'Municipal engineering research centres',
    unit: PLATFORMS,
  },
  MUNICIPAL_KEY_LABS: { zh: '市级重点实验室', en: 'Municipal key laboratories', unit: PLATFORMS },
  PROVINCIAL_INCUBATORS: { zh: '省级孵化载体', en: 'Provincial incubators', unit: PLATFORMS },
  TECH_DEPUTIES: { zh: '科技副总', en: 'S&T deputy general managers', unit: { zh: '人', en: 'people' } },
  RD_ACTIVITIES_COLLECTED: {
    zh: '入库重大科研活动',
    en: 'Major R&D activities collected',
    unit: { zh: '项', en: 'projects' },
  },
  NATIONAL_PROVINCIAL_PROJECTS: {
    zh: '国家和省级立项项目',
    en: 'National and provincial projects approved',
    unit: { zh: '项', en: 'projects' },
  },
  NATIONAL_PROVINCIAL_PROJECT_FUNDING: {
    zh: '国家和省级项目资金',
    en: 'Funding of national and provincial projects',
    unit: { zh: '元', en: 'yuan' },
  },
  R1_COMPLIANCE: { zh: '营收1亿元以上企业研发机构覆盖率', en: 'R1: firms ≥ 1亿 with an R&D institution', unit: RATIO },
  R2_COMPLIANCE: {
    zh: '营收5亿元以上企业标志性研发成果覆盖率',
    en: 'R2: firms ≥ 5亿 with a landmark result',
    unit: RATIO,
  },
  R3_COMPLIANCE: { zh: '营收10亿元以上企业创新联合体覆盖率', en: 'R3: firms ≥ 10亿 in a consortium', unit: RATIO },
  R4_COMPLIANCE: {
    zh: '营收100亿元以上企业科技领军企业比例',
    en: 'R4: firms ≥ 100亿 that are S&T leaders',
    unit: RATIO,
  },
  R5_COMPLIANCE: { zh: '主导产业骨干企业研发平台覆盖率', en: 'R5: backbone firms with an R&D platform', unit: RATIO },
};

/**
 * The gap list whose length is a compliance metric's denominator − numerator (src/report/collect.ts, GAP_LISTS): what
 * a county's link opens. Other metrics have no gap list.
 * @type {Readonly<Record<string, string>>}
 */
export const GAP_LIST_OF = {
  FOUR_HAVES_COVERAGE: 'enterprisesMissingFourHaves',
  R1_COMPLIANCE: 'enterprisesWithoutRdInstitution',
  R2_COMPLIANCE: 'enterprisesWithoutLandmarkAchievement',
  R3_COMPLIANCE: 'enterprisesWithoutConsortium',
  R4_COMPLIANCE: 'enterprisesNotTechLeader',
  R5_COMPLIANCE: 'backboneEnterprisesWithoutPlatform',
};
