import neo4j, { type BookmarkManager, type Driver, type Session, type SessionConfig } from 'neo4j-driver';
import { own } from './driver';

/**
 * Read-your-writes across API replicas. Every response says, in `x-bookmark`, the bookmarks of the data it read or
 * wrote; a client that sends them back (the same header, on its next request to any replica) is answered from a
 * member of the cluster that has at least those writes: every database session of the request, and the data-version
 * read of the response cache, wait for them (Neo4j's causal chaining). Bookmarks are opaque strings of Neo4j's; a
 * request carries at most {@link MAX_BOOKMARKS}, comma-separated or in repeated headers.
 */
export const BOOKMARK_HEADER = 'x-bookmark';

export const MAX_BOOKMARKS = 16;

/** Neo4j 5 bookmarks are short printable tokens (e.g. `FB:kcwQ…==`); anything else is refused before Neo4j sees it. */
const BOOKMARK = /^[\w:+/=.-]{1,512}$/;

/**
 * The bookmarks a request sends, or a message naming what is wrong with them.
 * @param header the raw header value(s)
 */
export function parseBookmarks(header: string | string[] | undefined): { bookmarks: string[] } | { error: string } {
  const values = (Array.isArray(header) ? header : header === undefined ? [] : [header])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
  if (values.length > MAX_BOOKMARKS) {
    return { error: `${BOOKMARK_HEADER}: at most ${MAX_BOOKMARKS} bookmarks, got ${values.length}` };
  }
  const bad = values.findIndex((value) => !BOOKMARK.test(value));
  if (bad >= 0) return { error: `${BOOKMARK_HEADER}: bookmark ${bad + 1} is not a Neo4j bookmark` };
  return { bookmarks: [...new Set(values)] };
}

/** A request's bookmark manager: it starts from the client's bookmarks and learns those of the request's work. */
export function requestBookmarks(initial: readonly string[]): BookmarkManager {
  return neo4j.bookmarkManager({ initialBookmarks: [...initial] });
}

/**
 * The same driver, except that every session it opens chains on `manager`: sessions opened without bookmarks of
 * their own, and those @neo4j/graphql opens (it passes `driver.executeQueryBookmarkManager`, the process-wide manager,
 * which this driver answers with `manager`).
 */
export function withBookmarks(driver: Driver, manager: BookmarkManager): Driver {
  const session = (config: SessionConfig = {}): Session =>
    driver.session(config.bookmarks === undefined ? { ...config, bookmarkManager: manager } : config);
  return new Proxy(driver, {
    get: (target, property) => {
      if (property === 'session') return session;
      if (property === 'executeQueryBookmarkManager') return manager;
      return own(target, property);
    },
  });
}
