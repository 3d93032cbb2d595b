import {
  getNamedType,
  getNullableType,
  type GraphQLArgument,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  isInputObjectType,
  isListType,
} from 'graphql';

/** The quantifiers of @neo4j/graphql's relationship filters: each one makes Neo4j expand the relationship. */
const QUANTIFIERS: ReadonlySet<string> = new Set(['some', 'all', 'none', 'single']);
/** The fields of a relationship filter: a connection filter also has `aggregate` (counts over the relationship). */
const HOPS: ReadonlySet<string> = new Set([...QUANTIFIERS, 'aggregate']);
/**
 * Input objects nested deeper than this (a `NOT` inside a `NOT` … given as a variable) are not walked further: the
 * operation is refused as too complex rather than risking the walk's stack.
 */
export const MAX_INPUT_NESTING = 100;

const shapes = new WeakMap<GraphQLInputObjectType, boolean>();

/**
 * Whether an input type is one of the relationship filters @neo4j/graphql generates for a relationship field of a
 * `…Where` input: `<Type><Field>RelationshipFilters` (`holders: { some: EnterpriseWhere }`) or
 * `<Type><Field>ConnectionFilters` (`holdersConnection: { some: { node, edge }, aggregate }`). Recognised by their
 * shape (fields among some, all, none, single and aggregate, with at least one quantifier), not by a field's name: a
 * relationship added to schema/ is covered by being generated.
 */
export function isRelationshipFilter(type: GraphQLInputObjectType): boolean {
  let shape = shapes.get(type);
  if (shape === undefined) {
    const names = Object.keys(type.getFields());
    shape = names.some((n) => QUANTIFIERS.has(n)) && names.every((n) => HOPS.has(n));
    shapes.set(type, shape);
  }
  return shape;
}

/** What the relationship filters of a field's arguments ask of Neo4j. */
export interface FilterExpansion {
  /**
   * The estimated relationships expanded for each node the filter is tested on: every hop (a quantifier or an
   * `aggregate` of a relationship filter) costs `hopCost` (the related nodes it goes through) times 1 plus the cost
   * of the filter nested in it; hops side by side (fields of one `where`, AND, OR, list items) add up.
   */
  cost: number;
  /** The most relationship filters nested in one another (0: none). */
  depth: number;
  /** The path to the first hop nested deeper than `maxDepth`, if any, from the argument's name. */
  over?: readonly (string | number)[];
  /** The path to the first input object nested past {@link MAX_INPUT_NESTING}, if any: cost and depth are then partial. */
  tooNested?: readonly (string | number)[];
}

interface Walk {
  hopCost: number;
  maxDepth: number;
  found: { depth: number; over?: readonly (string | number)[]; tooNested?: readonly (string | number)[] };
}

const capped = (n: number) => Math.min(n, Number.MAX_SAFE_INTEGER);

/** The cost of a value for an input type; records depth, the first hop over the limit and too deep a nesting. */
function measure(
  walk: Walk,
  type: GraphQLInputType,
  value: unknown,
  path: readonly (string | number)[],
  hops: number,
  nesting: number,
): number {
  if (value === null || value === undefined || walk.found.tooNested) return 0;
  if (nesting > MAX_INPUT_NESTING) {
    walk.found.tooNested = path;
    return 0;
  }
  const t = getNullableType(type);
  if (!isInputObjectType(getNamedType(t))) return 0; // a scalar, an enum or a list of them: no filter inside
  if (isListType(t)) {
    const items: unknown[] = Array.isArray(value) ? value : [value];
    let cost = 0;
    items.forEach((item, i) => {
      cost = capped(cost + measure(walk, t.ofType, item, [...path, i], hops, nesting + 1));
    });
    return cost;
  }
  if (!isInputObjectType(t) || typeof value !== 'object') return 0;
  const fields = t.getFields();
  const relationship = isRelationshipFilter(t);
  let cost = 0;
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const field = fields[key];
    if (!field || inner === null || inner === undefined) continue;
    const at = [...path, key];
    if (relationship && HOPS.has(key)) {
      const depth = hops + 1;
      walk.found.depth = Math.max(walk.found.depth, depth);
      if (depth > walk.maxDepth && !walk.found.over) walk.found.over = at;
      cost = capped(cost + walk.hopCost * (1 + measure(walk, field.type, inner, at, depth, nesting + 1)));
    } else {
      cost = capped(cost + measure(walk, field.type, inner, at, hops, nesting + 1));
    }
  }
  return cost;
}

/**
 * The relationship filters of a field's arguments (coerced values, variables substituted): every argument is walked,
 * so a filter inside a mutation's `connect: { where }` counts like one in `where`. Paths start at the argument's name.
 */
export function filterExpansion(
  args: readonly GraphQLArgument[],
  values: Record<string, unknown>,
  hopCost: number,
  maxDepth = Number.POSITIVE_INFINITY,
): FilterExpansion {
  const walk: Walk = { hopCost, maxDepth, found: { depth: 0 } };
  let cost = 0;
  for (const arg of args) cost = capped(cost + measure(walk, arg.type, values[arg.name], [arg.name], 0, 0));
  return { cost, ...walk.found };
}

/** A path through input values as written in a query: `where.OR[1].holders.some`. */
export function formatInputPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
