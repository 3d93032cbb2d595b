import { type BookmarkManager, type Driver, Neo4jError } from 'neo4j-driver';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  awaitBookmarks,
  BOOKMARK_HEADER,
  type BookmarkCodec,
  BookmarkNotReached,
  parseBookmarks,
  requestBookmarks,
  sealBookmarks,
  SessionWaitTimeout,
} from '../db';
import { classifyNeo4jError, ErrorCode, sendError } from '../errors';

export interface BookmarkHeaderOptions {
  /** Opens the client's tokens and seals the response's bookmarks (src/db/bookmarks.ts). */
  codec: BookmarkCodec;
  database: string;
  /** BOOKMARK_WAIT_MS: how long a request waits for the database to reach the client's bookmarks. */
  waitMs: number;
  /**
   * The driver the wait runs on for this request: one that counts the session against the client's
   * (src/db/sessionLimits.ts), so that requests waiting for bookmarks hold at most the client's share of connections.
   */
  driverFor: (req: Request, res: Response) => Driver;
  /** Whether the database is known to be up: while it is not, no wait is started (the routes answer unavailable). */
  ready?: () => Promise<boolean>;
}

/**
 * Reads the client's `x-bookmark` header (src/db/bookmarks.ts) into `res.locals.bookmarks`, the request's bookmark
 * manager, before any other database work: a header with too many tokens, or a token this API did not issue, is
 * refused at once with 400 BAD_REQUEST naming the header (no database call: a made-up bookmark can hold nothing); a
 * genuine one the database has not reached within `waitMs` is 503 BOOKMARK_NOT_REACHED with Retry-After.
 */
export function bookmarkHeader(options: BookmarkHeaderOptions): RequestHandler {
  const { codec, database, waitMs, driverFor, ready } = options;
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    res.locals.bookmarkCodec = codec;
    const parsed = parseBookmarks(req.headers[BOOKMARK_HEADER], codec);
    if ('error' in parsed) {
      sendError(res, ErrorCode.BAD_REQUEST, parsed.error, { header: BOOKMARK_HEADER });
      return;
    }
    const manager = requestBookmarks(parsed.bookmarks);
    res.locals.clientBookmarks = parsed.bookmarks;
    res.locals.bookmarks = manager;
    if (parsed.bookmarks.length > 0 && (ready === undefined || (await ready()))) {
      try {
        await awaitBookmarks(driverFor(req, res), database, manager, waitMs);
      } catch (error) {
        if (error instanceof BookmarkNotReached) {
          res.setHeader('Retry-After', String(error.retryAfterSeconds));
          sendError(res, ErrorCode.BOOKMARK_NOT_REACHED, error.message, { header: BOOKMARK_HEADER });
        } else if (error instanceof SessionWaitTimeout) {
          res.setHeader('Retry-After', '1');
          sendError(res, ErrorCode.RATE_LIMITED, error.message);
        } else if (error instanceof Neo4jError) {
          const { code, message } = classifyNeo4jError(error);
          sendError(res, code, message, code === ErrorCode.BAD_REQUEST ? { header: BOOKMARK_HEADER } : {});
        } else throw error;
        return;
      }
    }
    next();
  };
}

/** The request's bookmark manager (set by {@link bookmarkHeader}). */
export function bookmarksOfResponse(res: Response): BookmarkManager {
  return res.locals.bookmarks as BookmarkManager;
}

/** Sets `x-bookmark` on the response from the request's manager, sealed (never Neo4j's own): call before the body. */
export async function sendBookmarks(res: Response): Promise<void> {
  const bookmarks = [...(await bookmarksOfResponse(res).getBookmarks())];
  if (bookmarks.length > 0) {
    res.setHeader(BOOKMARK_HEADER, sealBookmarks(bookmarks, res.locals.bookmarkCodec as BookmarkCodec));
  }
}
