import type { BookmarkManager } from 'neo4j-driver';
import type { NextFunction, Request, Response } from 'express';
import { BOOKMARK_HEADER, parseBookmarks, requestBookmarks } from '../db/bookmarks';
import { ErrorCode, sendError } from '../errors';

/**
 * Reads the client's `x-bookmark` header (src/db/bookmarks.ts) into `res.locals.bookmarks`, the request's bookmark
 * manager; a malformed header is refused with 400 BAD_REQUEST naming what is wrong, before any database work.
 */
export function bookmarkHeader(req: Request, res: Response, next: NextFunction): void {
  const parsed = parseBookmarks(req.headers[BOOKMARK_HEADER]);
  if ('error' in parsed) {
    sendError(res, ErrorCode.BAD_REQUEST, parsed.error, { header: BOOKMARK_HEADER });
    return;
  }
  res.locals.clientBookmarks = parsed.bookmarks;
  res.locals.bookmarks = requestBookmarks(parsed.bookmarks);
  next();
}

/** The request's bookmark manager (set by {@link bookmarkHeader}). */
export function bookmarksOfResponse(res: Response): BookmarkManager {
  return res.locals.bookmarks as BookmarkManager;
}

/** Sets `x-bookmark` on the response from the request's manager: call before the body is sent. */
export async function sendBookmarks(res: Response): Promise<void> {
  const bookmarks = [...(await bookmarksOfResponse(res).getBookmarks())];
  if (bookmarks.length > 0) res.setHeader(BOOKMARK_HEADER, bookmarks.join(','));
}
