import { GraphQLError } from 'graphql';
import { ErrorCode, httpStatusOf } from './ErrorCode';

/** An operational error: its message is written for the person who sent the request and is shown as is. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details, http: { status: httpStatusOf[code] } } });
    this.name = 'AppError';
  }
}

/**
 * Bad input: the message starts with the argument (or field) it is about and says what is accepted; the extensions
 * carry `argument`, the `value` given, and any `details` (e.g. the `field` of the operation it was given to).
 */
export function badInput(
  argument: string,
  message: string,
  value?: unknown,
  details: Record<string, unknown> = {},
): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, `${argument}: ${message}`, {
    argument,
    ...(value === undefined ? {} : { value }),
    ...details,
  });
}

/** Nothing has the id an argument names: NOT_FOUND, e.g. `chainId: no industry chain has the id "x"`. */
export function notFound(argument: string, what: string, id: string): AppError {
  return new AppError(ErrorCode.NOT_FOUND, `${argument}: no ${what} has the id ${JSON.stringify(id)}`, {
    argument,
    value: id,
  });
}
