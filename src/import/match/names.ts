import { distance } from 'fastest-levenshtein';

/**
 * An organisation's name as matched (docs/import-formats.md, "Matching"): NFKC (full-width brackets and letters
 * become half-width), no spaces, one kind of bracket, `有限责任公司` ≡ `有限公司`, a leading `河南省` / `平顶山市`
 * and the demo data's `（示例）` ignored.
 */
export function normalizeName(name: string, cityPrefixes: readonly string[] = ['平顶山市', '平顶山']): string {
  let text = name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[[【〔]/g, '(')
    .replace(/[\]】〕]/g, ')')
    .replace(/\(示例\)/g, '')
    .replace(/有限责任公司/g, '有限公司');
  for (const prefix of ['河南省', ...cityPrefixes]) if (text.startsWith(prefix)) text = text.slice(prefix.length);
  return text;
}

/** The legal form at the end of a name, left out when names are compared for similarity (all firms share it). */
const LEGAL_FORM = /(股份有限公司|有限公司|集团有限公司|集团|公司|厂)$/;

/** The part of a normalized name that tells firms apart: `鑫达机械有限公司` → `鑫达机械`. */
function core(normalized: string): string {
  return normalized.replace(LEGAL_FORM, '') || normalized;
}

/**
 * The score at or above which a differently written name is a candidate for review (never applied by itself). With
 * the legal form left out, 0.6 proposes `鑫达机械` for `鑫达机械制造` (0.67) and `平安电缆` for `平高电缆` (0.75), and
 * not `鑫达机械` for `华威机械` (0.5): a person decides, so a near miss costs a look, a silent new firm costs a duplicate.
 */
export const REVIEW_THRESHOLD = 0.6;

/** Similarity of two normalized names, 0–1: 1 − the Levenshtein distance of their cores over the longer core. */
export function similarity(a: string, b: string): number {
  const x = core(a);
  const y = core(b);
  const longest = Math.max(x.length, y.length);
  return longest === 0 ? 0 : 1 - distance(x, y) / longest;
}
