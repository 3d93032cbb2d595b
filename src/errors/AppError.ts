import { GraphQLError } from 'graphql';
import { ErrorCode, httpStatusOf } from './ErrorCode';

/** An operational error: its message is written for the person who sent the request and is shown as is. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details, http: { status: httpStatusOf[code] } } });
    this.name = 'AppError';
  }
}

/** Bad input: names the argument (or field) and the value, and says what is accepted. */
export function badInput(argument: string, message: string, value?: unknown): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, `${argument}: ${message}`, {
    argument,
    ...(value === undefined ? {} : { value }),
  });
}
