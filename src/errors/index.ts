export { AppError, badInput, notFound } from './AppError';
export { ErrorCode, httpStatusOf } from './ErrorCode';
export { classifyNeo4jError, formatError } from './formatError';
export { errorStatus } from './errorStatus';
export { httpErrors, sendError, sendErrors } from './httpErrors';
