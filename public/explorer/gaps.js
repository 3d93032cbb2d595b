// @ts-check
// The gap lists panel (planner role): a list of schema/gaps.graphql chosen by its rule, filtered by the form, a page
// at a time with its total, each firm with its top partner suggestions; downloads of the whole list.
import { codeOf, plannerGql } from './api.js';
import { $, button, messageOf } from './dom.js';
import { gapCount, gapPage, PAGE } from './documents.js';
import { text as t, language } from './i18n.js';
import { shortName } from './names.js';
import { navigation } from './navigation.js';
import { addFilters, download, formYear, openRow, rowOf, rowsTable } from './panels.js';
import { state } from './state.js';

/** @typedef {import('./panels.js').PanelQuery} PanelQuery */
/**
 * A gap list: its field, its rule in words, the filters it takes (`year!` a required year) and the type it lists.
 * @typedef {{ name: string, zh: string, en: string, takes: string[], kind: string }} Gap
 */
/**
 * A row of a gap list, as documents.js's SELECTION selects it for each kind.
 * @typedef {{ id: string, name: string, locatedIn?: { name: string }[], chains?: { id: string, name: string }[],
 *   partnerSuggestions?: { id: string, name: string }[] }} GapRow
 */

/**
 * The gap lists (schema/gaps.graphql): what each takes, what it lists, and its rule in words.
 * @type {readonly Gap[]}
 */
const GAPS = [
  {
    name: 'enterprisesWithoutRdInstitution',
    zh: 'R1 营收≥1亿元、无研发机构的企业',
    en: 'R1 revenue ≥ 100M yuan, no R&D institution',
    takes: ['year', 'regionCode', 'chainId'],
    kind: 'Enterprise',
  },
  {
    name: 'enterprisesWithoutLandmarkAchievement',
    zh: 'R2 营收≥5亿元、近三年无标志性成果',
    en: 'R2 revenue ≥ 500M yuan, no landmark achievement in 3 years',
    takes: ['year', 'regionCode', 'chainId'],
    kind: 'Enterprise',
  },
  {
    name: 'enterprisesWithoutConsortium',
    zh: 'R3 营收≥10亿元、未牵头或加入创新联合体',
    en: 'R3 revenue ≥ 1B yuan, no innovation consortium',
    takes: ['year', 'regionCode', 'chainId'],
    kind: 'Enterprise',
  },
  {
    name: 'enterprisesNotTechLeader',
    zh: 'R4 营收≥100亿元、非科技领军企业',
    en: 'R4 revenue ≥ 10B yuan, not a tech leader',
    takes: ['year', 'regionCode', 'chainId'],
    kind: 'Enterprise',
  },
  {
    name: 'backboneEnterprisesWithoutPlatform',
    zh: 'R5 重点产业链骨干企业无研发平台',
    en: 'R5 backbone firms of leading chains without a platform',
    takes: ['year', 'regionCode', 'chainId'],
    kind: 'Enterprise',
  },
  {
    name: 'enterprisesMissingFourHaves',
    zh: 'R6 规上企业“四有”不全',
    en: 'R6 above-scale firms lacking one of the four haves',
    takes: ['year!', 'regionCode', 'chainId'],
    kind: 'Enterprise',
  },
  {
    name: 'expiringQualifications',
    zh: '高新技术企业资格当年到期',
    en: 'High-tech qualifications expiring in the year',
    takes: ['year!', 'regionCode', 'chainId'],
    kind: 'Enterprise',
  },
  {
    name: 'chainsWithoutLabPartner',
    zh: '缺少实验室合作的产业链',
    en: 'Chains without a lab partner',
    takes: [],
    kind: 'IndustryChain',
  },
  {
    name: 'chainsWithoutUniversityPartner',
    zh: '缺少高校合作的产业链',
    en: 'Chains without a university partner',
    takes: [],
    kind: 'IndustryChain',
  },
  {
    name: 'chainSegmentsWithoutEnterprise',
    zh: '没有企业的产业链环节',
    en: 'Chain segments without an enterprise',
    takes: ['regionCode', 'chainId'],
    kind: 'ChainSegment',
  },
];

/** The list submitted last and the page shown (paging keeps its arguments even if the form changed since). */
const gapState = {
  offset: 0,
  /** Each showGap; an answer to an older one is dropped. */
  request: 0,
  /** @type {(PanelQuery & { gap: Gap }) | null} */
  query: null,
};

/** The gap list chosen in the form. */
const chosenGap = () =>
  GAPS.find((g) => g.name === $('gap-name', HTMLSelectElement).value) ?? /** @type {Gap} */ (GAPS[0]);

/** The gap lists' rules in the current language, as the choices of the form. */
export function fillGapNames() {
  const select = $('gap-name', HTMLSelectElement);
  const current = select.value;
  select.replaceChildren(
    ...GAPS.map((g) => {
      const option = document.createElement('option');
      option.value = g.name;
      option.textContent = g[language()] || g.zh;
      return option;
    }),
  );
  if (current) select.value = current;
}

/**
 * The arguments a gap list takes from the form of `prefix` (year, region, chain), as GraphQL variables and types.
 * @param {Gap} gap
 * @param {string} prefix
 * @returns {PanelQuery}
 */
function gapArguments(gap, prefix) {
  /** @type {PanelQuery} */
  const query = { args: {}, types: {} };
  const year = gap.takes.find((taken) => taken.startsWith('year'));
  const value = formYear(prefix, year === 'year!' ? state.reportYear : null);
  if (year && value) {
    query.args.year = value;
    query.types.year = year === 'year!' ? 'Int!' : 'Int';
  }
  addFilters(prefix, query, gap.takes);
  return query;
}

/**
 * How many rows a gap list has, from its total field in one request (documents.js gapCount).
 * @param {string} field
 * @param {PanelQuery} query
 */
async function countGap(field, { args, types }) {
  const data = /** @type {{ total: number }} */ (await plannerGql(gapCount(field, types), args));
  return data.total;
}

/**
 * A gap row's suggestions: the firm's top partners by name, and a button that opens the firm with its full
 * suggestions in the properties panel.
 * @param {GapRow} item
 */
function suggestionsCell(item) {
  const td = document.createElement('td');
  td.className = 'suggested';
  const names = document.createElement('span');
  names.className = 'suggested-names';
  const suggested = item.partnerSuggestions ?? [];
  names.textContent = suggested.length ? suggested.map((s) => shortName(s.name)).join('、') : t('none');
  const open = button(t('suggest'), (event) => {
    event.stopPropagation();
    navigation().focusNode(item.id);
  });
  open.className = 'suggest';
  open.setAttribute('aria-label', t('suggestFor', { name: item.name }));
  td.append(names, ' ', open);
  return td;
}

/** Shows a page of the gap list submitted last. */
async function showGap() {
  if (!gapState.query) return;
  const { gap, args, types } = gapState.query;
  const request = ++gapState.request;
  $('gap-rule').textContent = `${gap.name}(${Object.entries(args)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')})`;
  const summary = $('gap-summary');
  try {
    const total = await countGap(gap.name, { args, types });
    const data = /** @type {{ rows: GapRow[] }} */ (
      await plannerGql(gapPage(gap.name, gap.kind, types), { ...args, offset: gapState.offset })
    );
    if (request !== gapState.request) return;
    summary.dataset.total = String(total);
    summary.dataset.error = '';
    summary.textContent = t('total', { n: total });
    $('gap-page').textContent = total
      ? t('page', { from: gapState.offset + 1, to: gapState.offset + data.rows.length })
      : '';
    $('gap-prev', HTMLButtonElement).disabled = gapState.offset === 0;
    $('gap-next', HTMLButtonElement).disabled = gapState.offset + PAGE >= total;
    const firms = gap.kind === 'Enterprise';
    $('gap-table').classList.toggle('with-suggestions', firms);
    rowsTable(
      $('gap-table'),
      ['#', t('name'), firms ? t('region') : '', ...(firms ? [t('suggestionsColumn')] : [])],
      data.rows.map((item, i) => {
        const tr = rowOf(
          [
            String(gapState.offset + i + 1),
            item.name,
            item.locatedIn
              ? item.locatedIn.map((r) => r.name).join('、')
              : item.chains
                ? item.chains.map((c) => c.name).join('、')
                : '',
          ],
          openRow(gap.kind, item),
        );
        if (firms) tr.append(suggestionsCell(item));
        return tr;
      }),
    );
  } catch (error) {
    summary.dataset.total = '';
    summary.dataset.error = codeOf(error) || 'ERROR';
    summary.textContent = codeOf(error) === 'FORBIDDEN' ? t('needsPlanner') : messageOf(error);
  }
}

/** The panel's form, its pager and its downloads. */
export function wireGaps() {
  $('gap-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const gap = chosenGap();
    gapState.query = { gap, ...gapArguments(gap, 'gap') };
    gapState.offset = 0;
    showGap();
  });
  $('gap-prev').addEventListener('click', () => {
    gapState.offset = Math.max(0, gapState.offset - PAGE);
    showGap();
  });
  $('gap-next').addEventListener('click', () => {
    gapState.offset += PAGE;
    showGap();
  });
  for (const format of ['xlsx', 'csv']) {
    $(`gap-${format}`).addEventListener('click', () => {
      const gap = chosenGap();
      download(`/export/gap/${gap.name}`, gapArguments(gap, 'gap').args, format);
    });
  }
}
