/**
 * Groups items by a key, keeping each group's order (Map.groupBy needs Node 21; the project runs on 20): how an
 * import and an undo send one statement per label, type and action instead of one per item.
 */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
