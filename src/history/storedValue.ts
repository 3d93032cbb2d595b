import type { PropertyChange } from './change';

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

/**
 * The changed properties `names` (sorted) with their values before and after, as the history shows them; those in
 * `hidden` (confidential fields the reader may not read, src/auth/accessRules.ts) withheld, never sent.
 */
export function propertyChanges(
  names: Iterable<string>,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  hidden: ReadonlySet<string>,
): PropertyChange[] {
  return [...names]
    .sort()
    .map((property) =>
      hidden.has(property)
        ? { property, before: null, after: null, withheld: true }
        : { property, before: plain(before[property] ?? null), after: plain(after[property] ?? null), withheld: false },
    );
}
