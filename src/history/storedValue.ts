/** A stored form (src/import/apply/stored.ts) → the value as the history shows it (JSON: numbers, text, lists). */
export function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    if ('int' in value) {
      const n = Number((value as { int: string }).int);
      return Number.isSafeInteger(n) ? n : (value as { int: string }).int;
    }
    if ('date' in value) return (value as { date: string }).date;
  }
  return value;
}
