import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import neo4j, { type BookmarkManager, type Driver, type Session, type SessionConfig } from 'neo4j-driver';
import type { AuthConfig } from '../config';
import { AppError, ErrorCode } from '../errors';
import { own } from './driver';

/**
 * Read-your-writes across API replicas. Every response says, in `x-bookmark`, where the data it read or wrote stands;
 * a client that sends that back (the same header, on its next request to any replica) is answered from a member of
 * the cluster that has at least those writes: the request first waits, at most BOOKMARK_WAIT_MS, until the member
 * it reaches has them ({@link awaitBookmarks}), and every database session of the request chains on them (Neo4j's
 * causal chaining). The header never carries Neo4j's own bookmarks: each is sealed in a token only this API (its
 * key, {@link BookmarkCodec}) can open, so a client learns nothing from it (Neo4j's bookmark holds the transaction
 * counter) and can send back only what a replica issued: never a bookmark of a transaction that will not come. A
 * request carries at most {@link MAX_BOOKMARKS} tokens, comma-separated or in repeated headers.
 */
export const BOOKMARK_HEADER = 'x-bookmark';

export const MAX_BOOKMARKS = 16;

/** Neo4j 5 bookmarks are short printable tokens (e.g. `FB:kcwQ…==`); a token that opens to anything else is refused. */
const BOOKMARK = /^[\w:+/=.-]{1,512}$/;

/** Bytes of an AES-256 key (BOOKMARK_KEY). */
export const BOOKMARK_KEY_BYTES = 32;

/** The version prefix of a token: another layout would get another prefix, and old tokens would be refused. */
const TOKEN_PREFIX = 'bm1.';
/** A sealed bookmark of at most 512 characters: prefix, then base64url of IV (12) + ciphertext + tag (16). */
const TOKEN = /^bm1\.[\w-]{38,720}$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals Neo4j bookmarks in tokens a client cannot read nor make: AES-256-GCM (node:crypto, OpenSSL's), a random IV
 * per token, the database name as associated data (a token of another database of the same key does not open here).
 * AES-GCM rather than a compact JWE (jose, also a dependency): the same cipher, but synchronous, shorter tokens, and no
 * header of the client's to parse and no algorithm to negotiate. A random 96-bit IV keeps a key safe for 2^32 tokens
 * (NIST SP 800-38D); a deployment that could issue more rotates BOOKMARK_KEY (the old key kept second, to open).
 * The first key seals; every key opens (rotation: a new key first, the old one after it while tokens of it live).
 */
export class BookmarkCodec {
  private readonly keys: readonly Buffer[];
  private readonly aad: Buffer;

  constructor(keys: readonly Uint8Array[], database: string) {
    if (keys.length === 0) throw new Error('BookmarkCodec: at least one key');
    for (const key of keys) {
      if (key.length !== BOOKMARK_KEY_BYTES) throw new Error(`BookmarkCodec: a key is ${BOOKMARK_KEY_BYTES} bytes`);
    }
    this.keys = keys.map((key) => Buffer.from(key));
    this.aad = Buffer.from(`innovation-graph ${BOOKMARK_HEADER} v1 ${database}`, 'utf8');
  }

  /** The token of one Neo4j bookmark. */
  seal(bookmark: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys[0] as Buffer, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(this.aad);
    const sealed = Buffer.concat([iv, cipher.update(bookmark, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return TOKEN_PREFIX + sealed.toString('base64url');
  }

  /** The Neo4j bookmark in a token this API issued, or null for anything else (altered, of another key, made up). */
  open(token: string): string | null {
    if (!TOKEN.test(token)) return null;
    const text = token.slice(TOKEN_PREFIX.length);
    const sealed = Buffer.from(text, 'base64url');
    // Only the one spelling this API writes: base64 decoders ignore the unused bits of the last character.
    if (sealed.length < IV_BYTES + TAG_BYTES + 1 || sealed.toString('base64url') !== text) return null;
    const iv = sealed.subarray(0, IV_BYTES);
    const tag = sealed.subarray(sealed.length - TAG_BYTES);
    const ciphertext = sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES);
    for (const key of this.keys) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(this.aad);
        decipher.setAuthTag(tag);
        const bookmark = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
        return BOOKMARK.test(bookmark) ? bookmark : null;
      } catch {
        // not sealed with this key: try the next
      }
    }
    return null;
  }
}

/**
 * The keys of the x-bookmark tokens and where they come from: BOOKMARK_KEY when set (replicas share it); else one
 * derived from the HS256 token secret (HKDF-SHA256, its own label, so it is not the token key and does not reveal it),
 * which replicas share already; else (local mode, or an identity provider's keys) a random key of this process: its
 * tokens open on this process only, until it restarts, so replicas behind a load balancer need BOOKMARK_KEY.
 */
export function bookmarkKeys(
  configured: readonly Uint8Array[],
  auth: AuthConfig,
): { keys: Uint8Array[]; source: 'BOOKMARK_KEY' | 'AUTH_JWT_SECRET' | 'random' } {
  if (configured.length > 0) return { keys: [...configured], source: 'BOOKMARK_KEY' };
  if (auth.mode === 'token' && auth.key.kind === 'secret' && auth.key.secret.length > 0) {
    const derived = hkdfSync('sha256', auth.key.secret, new Uint8Array(), 'innovation-graph x-bookmark v1', 32);
    return { keys: [new Uint8Array(derived)], source: 'AUTH_JWT_SECRET' };
  }
  return { keys: [new Uint8Array(randomBytes(BOOKMARK_KEY_BYTES))], source: 'random' };
}

/**
 * The Neo4j bookmarks of the tokens a request sends, or a message naming what is wrong with them: more than
 * {@link MAX_BOOKMARKS}, or a token this API did not issue (with a key it holds) — found without asking Neo4j.
 * @param header the raw header value(s)
 */
export function parseBookmarks(
  header: string | string[] | undefined,
  codec: BookmarkCodec,
): { bookmarks: string[] } | { error: string } {
  const values = (Array.isArray(header) ? header : header === undefined ? [] : [header])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
  if (values.length > MAX_BOOKMARKS) {
    return { error: `${BOOKMARK_HEADER}: at most ${MAX_BOOKMARKS} bookmarks, got ${values.length}` };
  }
  const bookmarks: string[] = [];
  for (const [i, value] of values.entries()) {
    const bookmark = codec.open(value);
    if (bookmark === null) {
      return {
        error:
          `${BOOKMARK_HEADER}: bookmark ${i + 1} was not issued by this API (or its key has changed since); send ` +
          `back only the ${BOOKMARK_HEADER} of a response, or no header`,
      };
    }
    bookmarks.push(bookmark);
  }
  return { bookmarks: [...new Set(bookmarks)] };
}

/** The header value that says `bookmarks` (Neo4j's) to a client: their tokens, comma-separated; '' for none. */
export function sealBookmarks(bookmarks: Iterable<string>, codec: BookmarkCodec): string {
  return [...bookmarks].map((bookmark) => codec.seal(bookmark)).join(',');
}

/** A request's bookmark manager: it starts from the client's bookmarks and learns those of the request's work. */
export function requestBookmarks(initial: readonly string[]): BookmarkManager {
  return neo4j.bookmarkManager({ initialBookmarks: [...initial] });
}

/**
 * The member a request reached has not got the client's writes within BOOKMARK_WAIT_MS (a follower that lags, or a
 * database restored to an earlier point): 503 with Retry-After, so that the client retries rather than sees data
 * older than its own edit.
 */
export class BookmarkNotReached extends AppError {
  constructor(
    waitedMs: number,
    readonly retryAfterSeconds = Math.max(1, Math.ceil(waitedMs / 1000)),
  ) {
    super(
      ErrorCode.BOOKMARK_NOT_REACHED,
      `${BOOKMARK_HEADER}: the database has not caught up with your last change within ${waitedMs} ms; retry shortly`,
      { header: BOOKMARK_HEADER, retryAfterSeconds },
    );
    this.name = 'BookmarkNotReached';
  }
}

/**
 * Waits, at most `waitMs`, until the database (the member `driver` reaches) has the bookmarks of `manager`: one
 * trivial auto-commit read chained on them. Neo4j itself would wait its own `db.transaction.bookmark_ready_timeout`
 * (30 s by default, and twice that in 5.26: Fabric and the kernel each wait) and the transaction timeout does not
 * shorten it, so the deadline is kept here; past it, {@link BookmarkNotReached}. The read's session is then closed in
 * the background: the driver cannot cancel a wait Neo4j is in, so its connection (and whatever permits `driver`
 * holds for it, src/db/sessionLimits.ts) returns to the pool when Neo4j gives up, not before — bounded by Neo4j's
 * setting, never leaked. An auto-commit `run`, not `executeRead`, which would retry the transient BookmarkTimeout for
 * 30 s more. On success `manager` holds the read's bookmark, at or past the client's, and the request's sessions wait
 * no more.
 */
export async function awaitBookmarks(
  driver: Driver,
  database: string,
  manager: BookmarkManager,
  waitMs: number,
): Promise<void> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ, bookmarkManager: manager });
  let timer: NodeJS.Timeout | undefined;
  const late = Symbol('late');
  const deadline = new Promise<typeof late>((resolve) => {
    timer = setTimeout(() => resolve(late), waitMs);
  });
  let outcome: unknown;
  try {
    outcome = await Promise.race([session.run('RETURN 1').then(() => undefined), deadline]);
  } catch (error) {
    void session.close().catch(() => undefined);
    if ((error as { code?: unknown }).code === 'Neo.TransientError.Transaction.BookmarkTimeout') {
      throw new BookmarkNotReached(waitMs);
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
  if (outcome === late) {
    void session.close().catch(() => undefined);
    throw new BookmarkNotReached(waitMs);
  }
  await session.close();
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
