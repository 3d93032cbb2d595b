import { GraphQLScalarType, Kind } from 'graphql';
import { invalidInput, invalidLiteral, invalidOutput } from './scalarError';

import { validateRegionCode } from '../../domain';

function check(value: unknown, fail: (rule: string) => Error): string {
  if (typeof value !== 'string') throw fail('a region code is a string of 6 digits');
  const reason = validateRegionCode(value);
  if (reason !== null) throw fail(reason);
  return value;
}

/** Administrative division code (GB/T 2260), 6 digits, kept as a string. */
export const RegionCode = new GraphQLScalarType<string, string>({
  name: 'RegionCode',
  description:
    'Administrative division code (GB/T 2260) or functional-zone statistical code: 6 digits, a string, ' +
    'the first two a province code (11–82), e.g. "410400".',
  serialize: (value) => check(value, (rule) => invalidOutput('RegionCode', value, rule)),
  parseValue: (value) => check(value, (rule) => invalidInput('RegionCode', value, rule)),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw invalidLiteral('RegionCode', ast, 'a region code is written as a string');
    return check(ast.value, (rule) => invalidInput('RegionCode', ast.value, rule));
  },
});
