import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type KeyLike } from 'jose';
import { AuthFailure, bearerToken, isLoopbackRequest, mintToken, tokenVerifier, ttlSeconds } from '../../src/auth';
import { durationSeconds, formatDuration, isLoopbackAddress, isLoopbackHost } from '../../src/lib';
import { expandRoles, knownRoles } from '../../src/domain';
import type { AuthConfig } from '../../src/config';

type TokenAuth = Extract<AuthConfig, { mode: 'token' }>;

const SECRET = new TextEncoder().encode('a-test-secret-of-at-least-32-bytes!!');
const OTHER = new TextEncoder().encode('another-secret-of-at-least-32-bytes!');
const secretAuth: TokenAuth = { mode: 'token', key: { kind: 'secret', secret: SECRET }, rolesClaim: ['roles'] };
const now = () => Math.floor(Date.now() / 1000);

function signed(payload: Record<string, unknown>) {
  return new SignJWT({ roles: ['planner'], ...payload })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(payload.sub ?? 'alice'))
    .setIssuedAt()
    .setExpirationTime(now() + 600);
}

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AuthFailure) return error.reason;
    throw error;
  }
  return 'accepted';
}

describe('roles', () => {
  it('nest: each role brings every role below it; unknown names grant nothing', () => {
    expect(expandRoles(['viewer'])).toEqual(['viewer']);
    expect(expandRoles(['editor'])).toEqual(['viewer', 'planner', 'editor']);
    expect(expandRoles(['viewer', 'admin'])).toEqual(['viewer', 'planner', 'editor', 'admin']);
    expect(expandRoles([])).toEqual([]);
    expect(knownRoles(['boss', 'planner', 'ADMIN', 3, 'viewer'])).toEqual(['viewer', 'planner']);
  });
});

describe('loopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.42.0.9', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['192.168.1.20', false],
    ['fe80::1', false],
    ['localhost', false],
    [undefined, false],
  ])('address %s is loopback: %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });

  it('requests: from a loopback address, to a loopback name, not relayed by a proxy', () => {
    const req = (remoteAddress: string, headers: Record<string, string>) =>
      ({ socket: { remoteAddress }, headers }) as unknown as Parameters<typeof isLoopbackRequest>[0];
    expect(isLoopbackRequest(req('127.0.0.1', { host: '127.0.0.1:4000' }))).toBe(true);
    expect(isLoopbackRequest(req('::1', { host: 'localhost:4000' }))).toBe(true);
    expect(isLoopbackRequest(req('10.0.0.7', { host: '127.0.0.1:4000' }))).toBe(false);
    // DNS rebinding: a page of another domain that resolves to 127.0.0.1.
    expect(isLoopbackRequest(req('127.0.0.1', { host: 'evil.example:4000' }))).toBe(false);
    expect(isLoopbackRequest(req('127.0.0.1', { host: '127.0.0.1', 'x-forwarded-for': '203.0.113.9' }))).toBe(false);
    expect(isLoopbackRequest(req('127.0.0.1', { host: '127.0.0.1', forwarded: 'for=203.0.113.9' }))).toBe(false);
    expect(isLoopbackRequest(req('127.0.0.1', {}))).toBe(false);
  });

  it('hosts: localhost and loopback addresses only', () => {
    expect(['127.0.0.1', 'localhost', '::1', '[::1]'].map(isLoopbackHost)).toEqual([true, true, true, true]);
    expect(['0.0.0.0', '::', '10.1.1.1', 'example.org'].map(isLoopbackHost)).toEqual([false, false, false, false]);
  });
});

describe('bearerToken', () => {
  it.each(['Basic dXNlcjpwdw==', 'Bearer', 'Bearer ', 'Bearer abc', 'Bearer a.b', 'Token a.b.c', 'Bearer a.b.c d'])(
    'refuses %j as a malformed header',
    (header) => {
      expect(() => bearerToken(header)).toThrow(AuthFailure);
    },
  );

  it('refuses an oversized token before parsing it, and takes the scheme in any case', () => {
    expect(() => bearerToken(`Bearer ${'a'.repeat(9000)}.b.c`)).toThrow(/too long/);
    expect(bearerToken('bearer aaa.bbb.ccc')).toBe('aaa.bbb.ccc');
  });
});

describe('tokenVerifier with a shared secret (HS256)', () => {
  const verify = tokenVerifier(secretAuth);

  it('accepts a good token: sub and the known roles it grants', async () => {
    const principal = await verify(await signed({ sub: 'alice', roles: ['planner', 'boss'] }).sign(SECRET));
    expect(principal).toEqual({
      sub: 'alice',
      roles: ['planner'],
      effectiveRoles: ['viewer', 'planner'],
      via: 'token',
    });
  });

  it('refuses alg none, a wrong key, an expired or not-yet-valid token', async () => {
    const none = new UnsecuredJWT({ roles: ['admin'] })
      .setSubject('eve')
      .setExpirationTime(now() + 600)
      .encode();
    expect(await reasonOf(verify(none))).toBe('INVALID_TOKEN');
    expect(await reasonOf(verify(await signed({}).sign(OTHER)))).toBe('INVALID_TOKEN');
    expect(
      await reasonOf(
        verify(
          await signed({})
            .setExpirationTime(now() - 60)
            .sign(SECRET),
        ),
      ),
    ).toBe('INVALID_TOKEN');
    expect(
      await reasonOf(
        verify(
          await signed({})
            .setNotBefore(now() + 3600)
            .sign(SECRET),
        ),
      ),
    ).toBe('INVALID_TOKEN');
  });

  it('refuses a token without exp or sub, and a roles claim that is not a list of strings', async () => {
    const noExp = await new SignJWT({ roles: ['viewer'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('a')
      .sign(SECRET);
    expect(await reasonOf(verify(noExp))).toBe('INVALID_TOKEN');
    const noSub = await new SignJWT({ roles: ['viewer'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(now() + 60)
      .sign(SECRET);
    expect(await reasonOf(verify(noSub))).toBe('INVALID_TOKEN');
    for (const roles of [undefined, 'admin', [1, 2], ['viewer', null], { admin: true }]) {
      const token = await signed({ roles }).sign(SECRET);
      expect([roles, await reasonOf(verify(token))]).toEqual([roles, 'INVALID_TOKEN']);
    }
  });

  it('enforces the issuer and audience when configured, and reads roles at a dot path', async () => {
    const strict = tokenVerifier({
      ...secretAuth,
      issuer: 'https://sso.example',
      audience: 'innovation-graph',
      rolesClaim: ['realm_access', 'roles'],
    });
    const good = signed({ roles: undefined, realm_access: { roles: ['editor'] } })
      .setIssuer('https://sso.example')
      .setAudience('innovation-graph');
    expect((await strict(await good.sign(SECRET))).effectiveRoles).toEqual(['viewer', 'planner', 'editor']);
    const wrongIss = signed({ realm_access: { roles: ['editor'] } })
      .setIssuer('https://evil.example')
      .setAudience('innovation-graph');
    expect(await reasonOf(strict(await wrongIss.sign(SECRET)))).toBe('INVALID_TOKEN');
    const wrongAud = signed({ realm_access: { roles: ['editor'] } })
      .setIssuer('https://sso.example')
      .setAudience('other-app');
    expect(await reasonOf(strict(await wrongAud.sign(SECRET)))).toBe('INVALID_TOKEN');
    // The roles at the top level do not count when the claim is realm_access.roles.
    const topLevel = signed({ roles: ['admin'] })
      .setIssuer('https://sso.example')
      .setAudience('innovation-graph');
    expect(await reasonOf(strict(await topLevel.sign(SECRET)))).toBe('INVALID_TOKEN');
  });
});

describe('tokenVerifier: the token lifetime (AUTH_MAX_TOKEN_AGE)', () => {
  const verify = tokenVerifier(secretAuth);
  const YEAR = 365 * 86_400;
  const token = (claims: { iat?: number; exp: number }) => {
    const jwt = new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setExpirationTime(claims.exp);
    return (claims.iat === undefined ? jwt : jwt.setIssuedAt(claims.iat)).sign(SECRET);
  };

  it('accepts a normal token, and one that lives exactly the longest lifetime (24 h by default)', async () => {
    expect(await reasonOf(verify(await token({ iat: now(), exp: now() + 3600 })))).toBe('accepted');
    expect(await reasonOf(verify(await token({ iat: now(), exp: now() + 86_400 })))).toBe('accepted');
    // A little clock skew between the issuer and this server: iat a few seconds ahead.
    expect(await reasonOf(verify(await token({ iat: now() + 3, exp: now() + 600 })))).toBe('accepted');
  });

  it('refuses a 100-year token, a token without iat, and one issued a year (or a minute) in the future', async () => {
    expect(await reasonOf(verify(await token({ iat: now(), exp: now() + 100 * YEAR })))).toBe('TOKEN_LIFETIME');
    expect(await reasonOf(verify(await token({ iat: now(), exp: now() + 86_401 })))).toBe('TOKEN_LIFETIME');
    expect(await reasonOf(verify(await token({ exp: now() + 600 })))).toBe('TOKEN_LIFETIME');
    expect(await reasonOf(verify(await token({ iat: now() + YEAR, exp: now() + YEAR + 600 })))).toBe('TOKEN_LIFETIME');
    expect(await reasonOf(verify(await token({ iat: now() + 60, exp: now() + 600 })))).toBe('TOKEN_LIFETIME');
  });

  it('leaves an expired, forged or badly typed token INVALID_TOKEN, whatever its lifetime', async () => {
    expect(await reasonOf(verify(await token({ exp: now() - 60 })))).toBe('INVALID_TOKEN');
    const forged = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('m')
      .setExpirationTime(now() + 100 * YEAR)
      .sign(OTHER);
    expect(await reasonOf(verify(forged))).toBe('INVALID_TOKEN');
    const stringIat = await new SignJWT({ roles: ['admin'], iat: 'yesterday' as unknown as number })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('m')
      .setExpirationTime(now() + 600)
      .sign(SECRET);
    expect(await reasonOf(verify(stringIat))).toBe('INVALID_TOKEN');
    // The other checks come first: a token without iat that fails one of them is still INVALID_TOKEN.
    const strict = tokenVerifier({ ...secretAuth, issuer: 'https://sso.example', audience: 'ig' });
    const noIat = (payload: Record<string, unknown> = { roles: ['admin'] }) =>
      new SignJWT(payload)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('m')
        .setExpirationTime(now() + 600);
    for (const jwt of [
      noIat().setIssuer('https://evil.example').setAudience('ig'),
      noIat().setIssuer('https://sso.example').setAudience('other'),
      noIat()
        .setIssuer('https://sso.example')
        .setAudience('ig')
        .setNotBefore(now() + 3600),
      noIat({ roles: 'admin' }).setIssuer('https://sso.example').setAudience('ig'),
    ]) {
      expect(await reasonOf(strict(await jwt.sign(SECRET)))).toBe('INVALID_TOKEN');
    }
    const fine = noIat().setIssuer('https://sso.example').setAudience('ig');
    expect(await reasonOf(strict(await fine.sign(SECRET)))).toBe('TOKEN_LIFETIME');
  });

  it('takes the longest lifetime from the configuration', async () => {
    const short = tokenVerifier({ ...secretAuth, maxTokenAgeSeconds: 900 });
    expect(await reasonOf(short(await token({ iat: now(), exp: now() + 900 })))).toBe('accepted');
    expect(await reasonOf(short(await token({ iat: now(), exp: now() + 3600 })))).toBe('TOKEN_LIFETIME');
    const long = tokenVerifier({ ...secretAuth, maxTokenAgeSeconds: 30 * 86_400 });
    expect(await reasonOf(long(await token({ iat: now(), exp: now() + 7 * 86_400 })))).toBe('accepted');
  });

  it('reads durations as seconds or a number and s, m, h or d', () => {
    expect(['86400', '24h', '90m', '3600s', '7d', ' 2h '].map(durationSeconds)).toEqual([
      86_400, 86_400, 5400, 3600, 604_800, 7200,
    ]);
    for (const bad of ['', 'h', '1.5h', '-1h', '24 h', '1w', 'PT24H']) expect(durationSeconds(bad)).toBeNull();
    expect([86_400, 5400, 90].map(formatDuration)).toEqual(['24h', '90m', '90s']);
  });
});

describe('tokenVerifier with an identity provider key set (JWKS on 127.0.0.1)', () => {
  let server: http.Server;
  let url: URL;
  let privateKey: KeyLike;
  let publicJwk: Record<string, unknown>;
  let requests = 0;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = http.createServer((_req, res) => {
      requests += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/certs`);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const rs256 = (payload: Record<string, unknown> = {}) =>
    new SignJWT({ roles: ['viewer'], ...payload })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('bob')
      .setIssuedAt()
      .setExpirationTime(now() + 600);

  it('accepts a token signed by the provider and fetches the key set once', async () => {
    const verify = tokenVerifier({ mode: 'token', key: { kind: 'jwks', url }, rolesClaim: ['roles'] });
    const before = requests;
    expect((await verify(await rs256().sign(privateKey))).sub).toBe('bob');
    expect((await verify(await rs256({ roles: ['admin'] }).sign(privateKey))).roles).toEqual(['admin']);
    expect(requests - before).toBe(1);
  });

  it('refuses an HS256 token (no symmetric algorithm with a key set) and a key it does not know', async () => {
    const verify = tokenVerifier({ mode: 'token', key: { kind: 'jwks', url }, rolesClaim: ['roles'] });
    expect(await reasonOf(verify(await signed({}).sign(SECRET)))).toBe('INVALID_TOKEN');
    const stranger = await generateKeyPair('RS256');
    const forged = await rs256({ roles: ['admin'] }).sign(stranger.privateKey);
    expect(await reasonOf(verify(forged))).toBe('INVALID_TOKEN');
  });

  it('says the keys are unavailable (not that the token is bad) when the provider cannot be reached', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const verify = tokenVerifier({
      mode: 'token',
      key: { kind: 'jwks', url: new URL(`http://127.0.0.1:${port}/certs`) },
      rolesClaim: ['roles'],
    });
    expect(await reasonOf(verify(await rs256().sign(privateKey)))).toBe('KEYS_UNAVAILABLE');
  });
});

describe('mintToken (npm run token)', () => {
  it('mints what the verifier accepts, with the issuer, audience and roles claim path configured', async () => {
    const auth: TokenAuth = {
      ...secretAuth,
      issuer: 'https://city.example',
      audience: 'ig',
      rolesClaim: ['realm_access', 'roles'],
    };
    const token = await mintToken(auth, { sub: 'script', roles: ['editor'], ttl: '2h' });
    expect(await tokenVerifier(auth)(token)).toMatchObject({ sub: 'script', roles: ['editor'] });
    const [, body] = token.split('.');
    const payload = JSON.parse(Buffer.from(body ?? '', 'base64url').toString()) as Record<string, number>;
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(7200);
  });

  it('refuses to mint in local mode and with an identity provider, and a bad ttl', async () => {
    await expect(
      mintToken({ mode: 'local', localRole: 'planner' }, { sub: 'a', roles: ['viewer'], ttl: '1h' }),
    ).rejects.toThrow(/no AUTH_JWT_SECRET/);
    const jwks: TokenAuth = {
      mode: 'token',
      key: { kind: 'jwks', url: new URL('https://idp/certs') },
      rolesClaim: ['roles'],
    };
    await expect(mintToken(jwks, { sub: 'a', roles: ['viewer'], ttl: '1h' })).rejects.toThrow(/identity provider/);
    expect(ttlSeconds('8h')).toBe(28_800);
    for (const bad of ['8', '0h', '-1h', '367d', '1w', '1.5h']) expect(() => ttlSeconds(bad)).toThrow(/--ttl/);
  });

  it('mints tokens within AUTH_MAX_TOKEN_AGE (iat set, exp − iat ≤ the longest lifetime), and refuses longer', async () => {
    const verify = tokenVerifier(secretAuth);
    for (const ttl of ['8h', '24h']) {
      const token = await mintToken(secretAuth, { sub: 'script', roles: ['viewer'], ttl });
      expect(await reasonOf(verify(token))).toBe('accepted');
    }
    await expect(mintToken(secretAuth, { sub: 'a', roles: ['viewer'], ttl: '25h' })).rejects.toThrow(
      /--ttl 25h is longer than AUTH_MAX_TOKEN_AGE \(24h\)/,
    );
    const month: TokenAuth = { ...secretAuth, maxTokenAgeSeconds: 30 * 86_400 };
    expect(
      await reasonOf(tokenVerifier(month)(await mintToken(month, { sub: 'a', roles: ['viewer'], ttl: '30d' }))),
    ).toBe('accepted');
  });
});
