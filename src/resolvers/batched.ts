import DataLoader from 'dataloader';

/** The key of {@link batchedByLimit}: one id and the `limit` argument of the field asked for it. */
export function limitKey(limit: number, id: string): string {
  return `${limit}\u0000${id}`;
}

/**
 * A request's loader of lists per id, for a field with a `limit` argument asked on every item of a page
 * (`Enterprise.partnerSuggestions`, `AuditEvent.changes`): keys are {@link limitKey}s, and `load` runs once per limit
 * and batch of up to `maxBatch` ids, so a page costs one statement instead of one per item.
 */
export function batchedByLimit<T>(
  maxBatch: number,
  load: (ids: string[], limit: number) => Promise<Map<string, T[]>>,
): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(
    async (keys) => {
      const byLimit = new Map<number, string[]>();
      for (const key of keys) {
        const [limit, id] = key.split('\u0000') as [string, string];
        byLimit.set(Number(limit), [...(byLimit.get(Number(limit)) ?? []), id]);
      }
      const results = new Map<string, T[]>();
      for (const [limit, ids] of byLimit) {
        for (const [id, rows] of await load(ids, limit)) results.set(limitKey(limit, id), rows);
      }
      return keys.map((key) => results.get(key) ?? []);
    },
    { maxBatchSize: maxBatch },
  );
}
