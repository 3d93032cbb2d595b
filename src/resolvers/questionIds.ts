import { createHash } from 'node:crypto';

/**
 * The question an answer was computed for, as a short stable text: the field, then its arguments that change the
 * content of each answer (not `limit`, which only cuts the list). A long or free argument (a search text, a set of
 * weights) is written as the first 12 hex digits of its sha256, so the id stays short and carries no punctuation
 * of its own.
 * @example questionOf('partnerSuggestions', 'ent-pmsm', { weights: null }) === 'partnerSuggestions(ent-pmsm)'
 */
export function questionOf(field: string, ...parts: (string | number | object | null)[]): string {
  const shown = parts
    .filter((part) => part !== null)
    .map((part) =>
      typeof part === 'object' || (typeof part === 'string' && !/^[\w.-]{1,64}$/.test(part))
        ? createHash('sha256').update(JSON.stringify(part)).digest('hex').slice(0, 12)
        : String(part),
    );
  return `${field}(${shown.join(',')})`;
}

/**
 * The answers to one question, each with an `id` unique to that question (`<question>/<own id>`) and its own id
 * under `ownKey`. A score, a breakdown or reasons depend on the question as much as on the candidate; a normalised
 * client cache (Apollo Client's InMemoryCache keys an object by `__typename` and `id`) would otherwise merge the
 * answers of two questions that share a candidate and show one question's score under the other (README, "The
 * front-end kit").
 */
export function scopedTo<T extends { id: string }, K extends string>(
  question: string,
  ownKey: K,
  rows: readonly T[],
): (T & Record<K, string>)[] {
  return rows.map((row) => ({ ...row, [ownKey]: row.id, id: `${question}/${row.id}` }) as T & Record<K, string>);
}
