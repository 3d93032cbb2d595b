import { GraphQLError, print, type ValueNode } from 'graphql';
import { AppError, ErrorCode } from '../../errors';

/** A short, safe rendering of a rejected value for an error message (strings quoted, long values cut). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const cut = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(cut);
  }
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'a list';
  return `a value of type ${typeof value}`;
}

/**
 * A value sent by a client that a scalar rejects. It carries BAD_USER_INPUT so that a bad argument or variable
 * reaches the client as such, with the scalar, the value and the rule in the message.
 */
export function invalidInput(scalar: string, value: unknown, rule: string): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, `${scalar} cannot represent ${describeValue(value)}: ${rule}`, {
    scalar,
  });
}

/**
 * A stored value that a scalar cannot serialize. That is bad data, not bad input: it carries no code, so
 * `formatError` logs it in full and the client sees a bare internal error.
 */
export function invalidOutput(scalar: string, value: unknown, rule: string): GraphQLError {
  return new GraphQLError(`${scalar} cannot serialize ${describeValue(value)}: ${rule}`);
}

/** A literal in the query text that a scalar rejects; the message quotes the literal as written. */
export function invalidLiteral(scalar: string, ast: ValueNode, rule: string): AppError {
  const text = print(ast);
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return new AppError(ErrorCode.BAD_USER_INPUT, `${scalar} cannot represent ${shown}: ${rule}`, { scalar });
}
