import { GraphQLScalarType, Kind } from 'graphql';
import { isInt } from 'neo4j-driver';
import { invalidInput, invalidLiteral, invalidOutput } from './scalarError';

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

function check(value: unknown, fail: (rule: string) => Error): number {
  if (typeof value !== 'number') throw fail('a year is a whole number, not a string');
  const reason = validateYear(value);
  if (reason !== null) throw fail(reason);
  return value;
}

/**
 * A year, 1949–2100; a JSON number on the wire and a JS number inside. neo4j-driver sends a JS number as a float,
 * so a resolver passing a year to Cypher wraps it in `neo4j.int(year)` to compare it with stored integers exactly.
 */
export const Year = new GraphQLScalarType<number, number>({
  name: 'Year',
  description: `A calendar year, a whole number from ${MIN_YEAR} to ${MAX_YEAR}.`,
  serialize: (value) => {
    // Neo4j returns integers as its own Integer type (lossless integers are on); a year is always in safe range.
    const plain = isInt(value) ? value.toNumber() : typeof value === 'bigint' ? Number(value) : value;
    return check(plain, (rule) => invalidOutput('Year', value, rule));
  },
  parseValue: (value) => check(value, (rule) => invalidInput('Year', value, rule)),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.INT) throw invalidLiteral('Year', ast, 'a year is written as a whole number');
    return check(Number(ast.value), (rule) => invalidLiteral('Year', ast, rule));
  },
});
