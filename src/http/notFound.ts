import type { Request, Response } from 'express';
import { ErrorCode, sendError } from '../errors';

/** Express handler, last before the error handler: 404 NOT_FOUND in the API's error shape for any other route. */
export function notFound(_req: Request, res: Response): void {
  sendError(res, ErrorCode.NOT_FOUND, 'Not found.');
}
