/** GB/T 4754-2017: each section (门类) letter and the first and last of its divisions (大类). */
const SECTIONS: Readonly<Record<string, readonly [number, number]>> = {
  A: [1, 5],
  B: [6, 12],
  C: [13, 43],
  D: [44, 46],
  E: [47, 50],
  F: [51, 52],
  G: [53, 60],
  H: [61, 62],
  I: [63, 65],
  J: [66, 69],
  K: [70, 70],
  L: [71, 72],
  M: [73, 75],
  N: [76, 79],
  O: [80, 82],
  P: [83, 83],
  Q: [84, 85],
  R: [86, 90],
  S: [91, 96],
  T: [97, 97],
};

const FORMS = 'a section letter A–T ("C"), 2–4 digits ("26", "265", "2651") or a letter and 2–4 digits ("C26")';

/**
 * Checks an industry code of GB/T 4754-2017 (国民经济行业分类). Accepted forms, stored as given:
 * - a section letter A–T: "C";
 * - a division, group or class of 2, 3 or 4 digits whose first two digits are a division 01–97: "26", "265", "2651";
 * - the same digits after their section letter, which must be the section of that division: "C26", "C2651".
 * Whether a 3- or 4-digit group or class exists is not checked, only that its division does.
 * @returns null when the code is valid, else the reason
 */
export function validateIndustryCode(code: string): string | null {
  const match = /^([A-Z]?)(\d*)$/.exec(code);
  if (match === null || code === '') return `must be ${FORMS}`;
  const [, letter = '', digits = ''] = match;
  if (letter !== '' && SECTIONS[letter] === undefined) return `section ${letter} does not exist (sections are A–T)`;
  if (digits === '') return null;
  if (digits.length < 2 || digits.length > 4) return `must be ${FORMS}; got ${digits.length} digits`;
  const division = Number(digits.slice(0, 2));
  if (division < 1 || division > 97) return `division ${digits.slice(0, 2)} does not exist (divisions are 01–97)`;
  if (letter !== '') {
    const [first, last] = SECTIONS[letter] ?? [0, -1];
    if (division < first || division > last) {
      const range = first === last ? pad(first) : `${pad(first)}–${pad(last)}`;
      return `division ${digits.slice(0, 2)} is not in section ${letter} (divisions ${range})`;
    }
  }
  return null;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
