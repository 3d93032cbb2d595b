import neo4j from 'neo4j-driver';

/**
 * Property values as an import batch keeps them (the values it wrote and those it replaced, so that it can be undone):
 * JSON with the two Neo4j types the importer writes tagged, so that they come back as the same types. A relationship
 * property cannot hold a map, hence a JSON string.
 */
export type Stored = null | string | boolean | number | { int: string } | { date: string } | Stored[];

/** A driver value (as read or as written) → its stored form; the form is also how two values are compared. */
export function store(value: unknown): Stored {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value) || typeof value === 'bigint') return { int: value.toString() };
  if (neo4j.isDate(value)) return { date: value.toString() };
  if (Array.isArray(value)) return value.map(store);
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (neo4j.isDateTime(value)) return value.toString();
  throw new Error(`import: a property of type ${typeof value} cannot be kept for undo`);
}

/** A stored value → the driver value to write back. */
export function restore(value: Stored): unknown {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map(restore);
  if (typeof value === 'object' && 'int' in value) return neo4j.int(value.int);
  if (typeof value === 'object' && 'date' in value) {
    return neo4j.types.Date.fromStandardDate(new Date(`${value.date}T00:00:00Z`));
  }
  return value;
}

/** Two values are the same when their stored forms are (an Integer and a bigint of the same number are). */
export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(store(a)) === JSON.stringify(store(b));
}

/** A map of properties → JSON of their stored forms. */
export function storeProps(props: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, store(v)])));
}

/** JSON of stored forms → the driver values to write back (null removes a property). */
export function restoreProps(json: string): Record<string, unknown> {
  const parsed = JSON.parse(json) as Record<string, Stored>;
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, restore(v)]));
}
