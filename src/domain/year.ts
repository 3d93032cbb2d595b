export const MIN_YEAR = 1949;
export const MAX_YEAR = 2100;

/**
 * Checks a calendar year of the data: a whole number from 1949 (the oldest date the domain knows) to 2100.
 * @returns null when the year is valid, else the reason
 */
export function validateYear(year: number): string | null {
  if (!Number.isInteger(year)) return 'a year is a whole number';
  return year < MIN_YEAR || year > MAX_YEAR ? `a year must be between ${MIN_YEAR} and ${MAX_YEAR}` : null;
}
