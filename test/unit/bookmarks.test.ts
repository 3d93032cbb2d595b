import { randomBytes } from 'node:crypto';
import { type AuthConfig, ConfigError, loadConfig } from '../../src/config';
import { BookmarkCodec, bookmarkKeys, MAX_BOOKMARKS, parseBookmarks, sealBookmarks } from '../../src/db/bookmarks';

const key = (): Uint8Array => new Uint8Array(randomBytes(32));
const BOOKMARK = 'FB:kcwQEJjl0H93SsuQL1ePpEnJogWQ';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('BookmarkCodec: x-bookmark tokens (AES-256-GCM)', () => {
  it('opens what it sealed, and a client reads nothing of it', () => {
    const codec = new BookmarkCodec([key()], 'neo4j');
    const token = codec.seal(BOOKMARK);
    expect(token).toMatch(/^bm1\.[\w-]+$/);
    expect(token).not.toContain(BOOKMARK.slice(3));
    expect(codec.open(token)).toBe(BOOKMARK);
    // A fresh IV each time: the same bookmark never gives the same token.
    expect(codec.seal(BOOKMARK)).not.toBe(token);
  });

  it('opens nothing it did not seal: another key, another database, a changed byte, a made-up token', () => {
    const k = key();
    const codec = new BookmarkCodec([k], 'neo4j');
    const token = codec.seal(BOOKMARK);
    expect(new BookmarkCodec([key()], 'neo4j').open(token)).toBeNull();
    expect(new BookmarkCodec([k], 'other').open(token)).toBeNull();
    for (let i = 4; i < token.length; i += 7) {
      const changed = `${token.slice(0, i)}${token[i] === 'A' ? 'B' : 'A'}${token.slice(i + 1)}`;
      expect(codec.open(changed)).toBeNull();
    }
    expect(codec.open(`bm1.${randomBytes(48).toString('base64url')}`)).toBeNull();
    expect(codec.open(BOOKMARK)).toBeNull();
    expect(codec.open('bm1.')).toBeNull();
    expect(codec.open(`bm1.${'A'.repeat(5000)}`)).toBeNull();
  });

  it('rotates: the first key seals, every key opens', () => {
    const old = key();
    const rotated = new BookmarkCodec([key(), old], 'neo4j');
    expect(rotated.open(new BookmarkCodec([old], 'neo4j').seal(BOOKMARK))).toBe(BOOKMARK);
    expect(new BookmarkCodec([old], 'neo4j').open(rotated.seal(BOOKMARK))).toBeNull();
  });
});

describe('parseBookmarks: the x-bookmark header', () => {
  const codec = new BookmarkCodec([key()], 'neo4j');

  it('reads comma-separated and repeated headers, drops duplicates, and none is none', () => {
    const a = codec.seal('FB:a');
    const b = codec.seal('FB:b');
    expect(parseBookmarks(`${a}, ${b}`, codec)).toEqual({ bookmarks: ['FB:a', 'FB:b'] });
    expect(parseBookmarks([a, `${b},${codec.seal('FB:a')}`], codec)).toEqual({ bookmarks: ['FB:a', 'FB:b'] });
    expect(parseBookmarks(undefined, codec)).toEqual({ bookmarks: [] });
    expect(parseBookmarks(' , ', codec)).toEqual({ bookmarks: [] });
    expect(sealBookmarks([], codec)).toBe('');
    expect(parseBookmarks(sealBookmarks(['FB:a', 'FB:b'], codec), codec)).toEqual({ bookmarks: ['FB:a', 'FB:b'] });
  });

  it(`refuses more than ${MAX_BOOKMARKS} tokens, and names the first one it did not issue`, () => {
    const many = Array.from({ length: MAX_BOOKMARKS + 1 }, () => codec.seal(BOOKMARK)).join(',');
    expect(parseBookmarks(many, codec)).toEqual({ error: 'x-bookmark: at most 16 bookmarks, got 17' });
    const forged = `${codec.seal(BOOKMARK)},${new BookmarkCodec([key()], 'neo4j').seal(BOOKMARK)}`;
    expect(parseBookmarks(forged, codec)).toEqual({
      error:
        'x-bookmark: bookmark 2 was not issued by this API (or its key has changed since); send back only the ' +
        'x-bookmark of a response, or no header',
    });
    expect(parseBookmarks(BOOKMARK, codec)).toMatchObject({ error: expect.stringMatching(/bookmark 1 was not/) });
  });
});

describe('bookmarkKeys: where the key comes from', () => {
  const secret = new TextEncoder().encode('a-shared-token-secret-of-32-bytes-or-more');
  const tokenAuth: Extract<AuthConfig, { mode: 'token' }> = {
    mode: 'token',
    key: { kind: 'secret', secret },
    rolesClaim: ['roles'],
  };

  it('BOOKMARK_KEY first; else derived from the token secret (the same on every replica, not the secret)', () => {
    const configured = [key()];
    expect(bookmarkKeys(configured, tokenAuth)).toEqual({ keys: configured, source: 'BOOKMARK_KEY' });
    const one = bookmarkKeys([], tokenAuth);
    const two = bookmarkKeys([], { ...tokenAuth, key: { kind: 'secret', secret: new Uint8Array(secret) } });
    expect(one.source).toBe('AUTH_JWT_SECRET');
    expect(one.keys[0]).toHaveLength(32);
    expect(Buffer.from(one.keys[0] as Uint8Array).equals(Buffer.from(two.keys[0] as Uint8Array))).toBe(true);
    expect(Buffer.from(secret).includes(Buffer.from(one.keys[0] as Uint8Array))).toBe(false);
  });

  it('else a random key of this process (local mode, an identity provider)', () => {
    const local = bookmarkKeys([], { mode: 'local', localRole: 'planner' });
    const jwks = bookmarkKeys([], {
      mode: 'token',
      key: { kind: 'jwks', url: new URL('https://idp.example/jwks') },
      rolesClaim: ['roles'],
    });
    expect(local.source).toBe('random');
    expect(jwks.source).toBe('random');
    expect(Buffer.from(local.keys[0] as Uint8Array).equals(Buffer.from(jwks.keys[0] as Uint8Array))).toBe(false);
  });
});

describe('loadConfig: BOOKMARK_KEY and BOOKMARK_WAIT_MS', () => {
  it('defaults: no key (derived at start) and a 2 s wait', () => {
    expect(loadConfig({}).bookmarks).toEqual({ keys: [], waitMs: 2000 });
    expect(loadConfig({ BOOKMARK_WAIT_MS: '500' }).bookmarks.waitMs).toBe(500);
  });

  it('reads keys of 32 bytes in hex or base64, comma-separated for rotation', () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    const keys = loadConfig({ BOOKMARK_KEY: `${a.toString('hex')}, ${b.toString('base64')}` }).bookmarks.keys;
    expect(keys.map((k) => Buffer.from(k).toString('hex'))).toEqual([a.toString('hex'), b.toString('hex')]);
    expect(loadConfig({ BOOKMARK_KEY: a.toString('base64url') }).bookmarks.keys).toHaveLength(1);
  });

  it('names a key that is not 32 bytes without printing it, and a wait out of range', () => {
    const short = randomBytes(16).toString('hex');
    const problems = problemsOf({ BOOKMARK_KEY: `${randomBytes(32).toString('hex')},${short}`, BOOKMARK_WAIT_MS: '0' });
    expect(problems).toEqual([
      'BOOKMARK_KEY: key 2 is not 32 bytes as 64 hex digits or base64 (e.g. the output of `openssl rand -base64 32`)',
      'BOOKMARK_WAIT_MS=0 is not a whole number from 100 to 60000',
    ]);
    expect(problems.join(' ')).not.toContain(short);
  });
});
