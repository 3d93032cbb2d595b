import { GraphQLScalarType, Kind } from 'graphql';
import { invalidInput, invalidLiteral, invalidOutput } from './scalarError';

import { validateIndustryCode } from '../../domain';

function check(value: unknown, fail: (rule: string) => Error): string {
  if (typeof value !== 'string') throw fail('an industry code is a string');
  const reason = validateIndustryCode(value);
  if (reason !== null) throw fail(reason);
  return value;
}

/** Industry classification code of GB/T 4754-2017, at section, division, group or class level. */
export const IndustryCode = new GraphQLScalarType<string, string>({
  name: 'IndustryCode',
  description:
    'Industry code of GB/T 4754-2017 (国民经济行业分类): a section letter A–T ("C"), a division, group or ' +
    'class of 2–4 digits ("26", "265", "2651"), or a section letter followed by such digits ("C26").',
  serialize: (value) => check(value, (rule) => invalidOutput('IndustryCode', value, rule)),
  parseValue: (value) => check(value, (rule) => invalidInput('IndustryCode', value, rule)),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw invalidLiteral('IndustryCode', ast, 'an industry code is written as a string');
    return check(ast.value, (rule) => invalidInput('IndustryCode', ast.value, rule));
  },
});
