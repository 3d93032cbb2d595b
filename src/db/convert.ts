import neo4j from 'neo4j-driver';

/**
 * Converts Neo4j values to plain JSON-able values: integers to numbers when safe (else to strings, so money
 * beyond 2^53 never loses digits silently), temporals to ISO strings, nodes to their properties.
 */
export function toPlain(value: unknown): unknown {
  if (neo4j.isInt(value)) return value.inSafeRange() ? value.toNumber() : value.toString();
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  ) {
    return value.toString();
  }
  if (neo4j.isNode(value) || neo4j.isRelationship(value)) return toPlain(value.properties);
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  }
  return value;
}

/**
 * A Neo4j integer, a JS number or bigint as a number: counts, years and hops, always in the safe range. The one
 * converter of the code base (money keeps its digits: {@link toBigIntOrNull}).
 * @throws TypeError on anything else, naming what came instead, so a column read wrong fails loudly
 */
export function toNumber(value: unknown): number {
  if (neo4j.isInt(value)) return value.toNumber();
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  throw new TypeError(`expected a number from Cypher, got ${value === null ? 'null' : typeof value}`);
}

/** {@link toNumber}, with null (and a missing value) kept as null. */
export function toNumberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}

/** A Neo4j integer, a JS number or bigint as an exact bigint (revenue, funding), or null. */
export function toBigIntOrNull(value: unknown): bigint | null {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return value.toBigInt();
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  if (typeof value === 'bigint') return value;
  throw new TypeError(`expected an integer from Cypher, got ${typeof value}`);
}
