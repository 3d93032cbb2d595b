/** The first two digits of every GB/T 2260 code: the province-level divisions, Hong Kong and Macao included. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82,
]);

/**
 * Checks the shape of an administrative division code (GB/T 2260): six digits whose first two are a province
 * code (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82). Statistical codes of functional zones (such as
 * 410471) have the same shape and pass. Whether the code exists is not checked: the list changes every year.
 * @returns null when the code is valid, else the reason
 */
export function validateRegionCode(code: string): string | null {
  if (!/^\d{6}$/.test(code)) return 'must be exactly 6 digits (GB/T 2260)';
  const province = Number(code.slice(0, 2));
  return PROVINCES.has(province)
    ? null
    : `starts with ${code.slice(0, 2)}, which is not a province code ` +
        '(11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82)';
}
