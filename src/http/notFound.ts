import type { Request, Response } from 'express';
import { ErrorCode } from '../errors';

/** Express handler, last before the error handler: 404 NOT_FOUND in the API's error shape for any other route. */
export function notFound(_req: Request, res: Response): void {
  res.status(404).json({ errors: [{ message: 'Not found.', extensions: { code: ErrorCode.NOT_FOUND } }] });
}
