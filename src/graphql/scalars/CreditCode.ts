import { GraphQLScalarType, Kind } from 'graphql';
import { invalidInput, invalidLiteral, invalidOutput } from './scalarError';

import { validateCreditCode } from '../../domain';

function check(value: unknown, fail: (rule: string) => Error): string {
  if (typeof value !== 'string') throw fail('a credit code is a string of 18 characters');
  const reason = validateCreditCode(value);
  if (reason !== null) throw fail(reason);
  return value;
}

/** Unified social credit code (GB 32100-2015), check character verified on the way in and on the way out. */
export const CreditCode = new GraphQLScalarType<string, string>({
  name: 'CreditCode',
  description:
    'Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from ' +
    '0123456789ABCDEFGHJKLMNPQRTUWXY; the 18th is the check character of the first 17.',
  serialize: (value) => check(value, (rule) => invalidOutput('CreditCode', value, rule)),
  parseValue: (value) => check(value, (rule) => invalidInput('CreditCode', value, rule)),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw invalidLiteral('CreditCode', ast, 'a credit code is written as a string');
    return check(ast.value, (rule) => invalidInput('CreditCode', ast.value, rule));
  },
});
