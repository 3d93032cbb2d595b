import type { RequestHandler } from 'express';

// Not helmet: its contentSecurityPolicy() joins directives with ";" where this header has always read "; ", and the
// one setHeader below is all it would do for us (its other defaults would add headers the pages never sent).
/**
 * The Content-Security-Policy of a static page: same-origin everything, never in a frame; `dataFonts` for a
 * stylesheet that inlines its fonts as data: URLs.
 */
export function pagePolicy(dataFonts = false): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    ...(dataFonts ? ["font-src 'self' data:"] : []),
    "connect-src 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Express middleware before a page's files: the page's Content-Security-Policy `policy`, and no Cache-Control. */
export function pageHeaders(policy: string): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', policy);
    // Static files, the same for everyone: express.static's own Cache-Control instead of no-store.
    res.removeHeader('Cache-Control');
    next();
  };
}
