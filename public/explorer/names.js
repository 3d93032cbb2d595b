// @ts-check
// Node labels, relationship types and entity names as the page shows them, in the current language.
import { language } from './i18n.js';
import { LABEL_NAMES_ZH, own, RELATIONSHIP_NAMES } from './palette.js';

/**
 * A node label (or the group type) in words: Chinese where there is a name for it, otherwise as the schema spells it.
 * @param {string} type
 */
export const typeName = (type) => (language() === 'en' ? type : (own(LABEL_NAMES_ZH, type) ?? type));

/**
 * A relationship type seen from one end: from its source (`outward`) or from its target.
 * @param {string} type
 * @param {boolean} outward
 */
export function relationName(type, outward) {
  const names = own(RELATIONSHIP_NAMES[language()], type) ?? own(RELATIONSHIP_NAMES.zh, type);
  return names ? names[outward ? 0 : 1] : type;
}

/**
 * A count of nodes of a type, as a group's label starts: 12 个企业, 12 Enterprise.
 * @param {number} count
 * @param {string} type
 */
export const countOf = (count, type) => `${count} ${language() === 'en' ? typeName(type) : `个${typeName(type)}`}`;

/**
 * A name as a map label: without the demo suffix and the legal form every firm shares (full name on hover).
 * @param {unknown} label
 */
export const shortName = (label) =>
  String(label)
    .replace(/（示例）|\(示例\)/g, '')
    .replace(/(股份有限公司|有限责任公司|有限公司)$/, '');
