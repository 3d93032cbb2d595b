// @ts-check
// The dashboard's words in Chinese (the default) and English, and the language, kept under the explorer's key so
// that both pages open in the language last chosen. Entity names (counties, chains) are shown as stored.
import { METRIC_DISPLAY } from './metricNames.js';

/** @type {Readonly<Record<string, string>>} */
const zh = {
  title: '科技创新驾驶舱',
  year: '目标年份',
  metric: '县域指标',
  city: '全市',
  explorer: '图谱浏览',
  console: '查询控制台',
  useToken: '使用令牌',
  tokenHint: '访问令牌',
  loading: '加载中…',
  ready: '就绪。',
  targetsHeading: '{year}年度目标完成情况（全市）',
  targetsTitle: '{year}年度目标完成情况',
  targetsUnit: '单位：实际 ÷ 目标（%），虚线为目标线100%',
  targetLine: '目标100%',
  trendsHeading: '目标指标变化趋势',
  trendTitle: '{metric}',
  countiesHeading: '县（市、区）',
  rankingTitle: '各县（市、区）{metric}排名',
  mapTitle: '各县（市、区）{metric}分布',
  matrixHeading: '产业链 × 县（市、区）',
  matrixTitle: '{year}年度产业链 × 县（市、区）企业分布',
  matrixUnit: '单位：家（企业数）',
  emptyNote: '“空”为该链在该地无企业',
  empty: '空',
  unit: '单位：{unit}',
  dataYear: '数据年份：{year}',
  grey: '灰色：不公开或无数据',
  unmapped: '未上图：{names}',
  withheld: '不公开',
  noData: '无数据',
  met: '达标',
  notMet: '未达标',
  unavailable: '暂无数据',
  SUPPRESSED: '不公开',
  actual: '实际',
  target: '目标',
  actualOfTarget: '{actual}（目标{target}）',
  change: '较上年',
  yearTarget: '{year}年目标',
  high: '高',
  low: '低',
  selected: '已选：{name}（{code}）',
  gapLink: '下载{name}缺口清单（{list}）',
  noGapList: '此指标没有对应的缺口清单',
  gapNote: '图谱浏览页暂不支持由网址打开缺口清单，链接下载该县的清单（XLSX）。',
  countyNoTargets: '目标仅设于全市；趋势图显示{name}的数值。',
  enterprises: '企业',
  separator: '、',
};

/** @type {Readonly<Record<string, string>>} */
const en = {
  title: 'S&T innovation dashboard',
  year: 'Target year',
  metric: 'County metric',
  city: 'Whole city',
  explorer: 'Graph explorer',
  console: 'Query console',
  useToken: 'Use token',
  tokenHint: 'access token',
  loading: 'Loading…',
  ready: 'Ready.',
  targetsHeading: 'Targets of {year} (whole city)',
  targetsTitle: 'Targets of {year}',
  targetsUnit: 'Unit: actual ÷ target (%); dashed line: the target, 100%',
  targetLine: 'target 100%',
  trendsHeading: 'Trends of the target metrics',
  trendTitle: '{metric}',
  countiesHeading: 'Counties, districts and cities',
  rankingTitle: 'Counties ranked: {metric}',
  mapTitle: 'By county: {metric}',
  matrixHeading: 'Industry chains × counties',
  matrixTitle: 'Enterprises by chain and county, {year}',
  matrixUnit: 'Unit: enterprises',
  emptyNote: '“empty”: the chain has no firm there',
  empty: 'empty',
  unit: 'Unit: {unit}',
  dataYear: 'Data year: {year}',
  grey: 'Grey: withheld or no data',
  unmapped: 'Not on the map: {names}',
  withheld: 'withheld',
  noData: 'no data',
  met: 'met',
  notMet: 'not met',
  unavailable: 'no data yet',
  SUPPRESSED: 'withheld',
  actual: 'Actual',
  target: 'Target',
  actualOfTarget: '{actual} (target {target})',
  change: 'vs last year',
  yearTarget: 'target {year}',
  high: 'high',
  low: 'low',
  selected: 'Selected: {name} ({code})',
  gapLink: 'Download the gap list of {name} ({list})',
  noGapList: 'This metric has no gap list',
  gapNote: 'The explorer cannot yet open a gap list from its URL: the link downloads the county’s list (XLSX).',
  countyNoTargets: 'Targets are set for the whole city only; the trends show {name}.',
  enterprises: 'enterprises',
  separator: ', ',
};

const LANG_KEY = 'innovation-graph.lang';
/** @typedef {'zh' | 'en'} Language */
/** @type {Readonly<Record<Language, Readonly<Record<string, string>>>>} */
const words = { zh, en };
/** @type {Language} */
let lang = window.localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';

/**
 * The text of `key` in the current language, with `{name}` placeholders filled from `values`.
 * @param {string} key
 * @param {Readonly<Record<string, unknown>>} [values]
 * @returns {string}
 */
export function text(key, values) {
  const template = words[lang][key] ?? zh[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name) => (values && name in values ? String(values[name]) : ''));
}

/**
 * A metric's name in the current language (the enum value only for a metric the page does not know).
 * @param {string} metric
 */
export const metricName = (metric) => METRIC_DISPLAY[metric]?.[lang] ?? metric;

/**
 * The name of a count's unit in the current language (家, 个, 人, 项 / enterprises …).
 * @param {string} metric
 */
export const unitName = (metric) => METRIC_DISPLAY[metric]?.unit[lang] ?? '';

/** Puts the current language's words into the page's marked elements. */
export function apply() {
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  for (const el of document.querySelectorAll('[data-i18n]')) {
    if (el instanceof HTMLElement) el.textContent = text(el.dataset.i18n ?? '');
  }
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) {
    if (el instanceof HTMLInputElement) el.placeholder = text(el.dataset.i18nPlaceholder ?? '');
  }
  const toggle = document.getElementById('lang');
  if (toggle) toggle.textContent = lang === 'en' ? '中文' : 'English';
}

/**
 * Switches the page to `next` (anything but 'en' is Chinese) and keeps the choice in this browser.
 * @param {string} next
 */
export function setLanguage(next) {
  lang = next === 'en' ? 'en' : 'zh';
  window.localStorage.setItem(LANG_KEY, lang);
  apply();
}

/** The current language. */
export const language = () => lang;
