import { ConfigError, loadConfig } from '../../src/config';

const SECRET = 'x'.repeat(32);

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig: authentication and CORS', () => {
  it('runs in local mode as a planner on 127.0.0.1 when no authentication is configured', () => {
    const config = loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.auth).toEqual({ mode: 'local', localRole: 'planner' });
    expect(config.corsOrigins).toEqual([]);
    expect(loadConfig({ AUTH_LOCAL_ROLE: 'viewer', HOST: '::1' }).auth).toEqual({ mode: 'local', localRole: 'viewer' });
    expect(loadConfig({ HOST: 'localhost' }).auth.mode).toBe('local');
  });

  it.each(['0.0.0.0', '::', '10.0.0.5', 'api.example.gov.cn'])(
    'refuses to listen on %s without authentication, saying what to set',
    (host) => {
      const [problem, ...rest] = problemsOf({ HOST: host });
      expect(rest).toEqual([]);
      expect(problem).toContain(`HOST=${host}`);
      expect(problem).toContain('AUTH_JWT_SECRET');
      expect(problem).toContain('AUTH_JWKS_URL');
    },
  );

  it('listens anywhere once a secret or a key set is configured', () => {
    const withSecret = loadConfig({ HOST: '0.0.0.0', AUTH_JWT_SECRET: SECRET });
    expect(withSecret.auth).toMatchObject({ mode: 'token', key: { kind: 'secret' }, rolesClaim: ['roles'] });
    const withJwks = loadConfig({
      HOST: '0.0.0.0',
      AUTH_JWKS_URL: 'https://sso.example.gov.cn/realms/city/protocol/openid-connect/certs',
      AUTH_JWT_ISSUER: 'https://sso.example.gov.cn/realms/city',
      AUTH_JWT_AUDIENCE: 'innovation-graph',
      AUTH_ROLES_CLAIM: 'realm_access.roles',
      AUTH_ANONYMOUS_ROLE: 'viewer',
    });
    expect(withJwks.auth).toMatchObject({
      mode: 'token',
      key: { kind: 'jwks' },
      issuer: 'https://sso.example.gov.cn/realms/city',
      audience: 'innovation-graph',
      rolesClaim: ['realm_access', 'roles'],
      anonymousRole: 'viewer',
    });
  });

  it('refuses a short secret without printing it, and both key sources at once', () => {
    const short = problemsOf({ AUTH_JWT_SECRET: 'tooShort-s3cret' });
    expect(short).toEqual([expect.stringContaining('AUTH_JWT_SECRET is 15 bytes long; it must be at least 32')]);
    expect(short.join()).not.toContain('tooShort-s3cret');
    expect(
      problemsOf({ AUTH_JWT_SECRET: SECRET, AUTH_JWKS_URL: 'https://idp/certs', AUTH_JWT_AUDIENCE: 'ig' }),
    ).toEqual([expect.stringContaining('both set')]);
  });

  it('names every other bad setting', () => {
    expect(problemsOf({ AUTH_JWKS_URL: 'ftp://idp/certs', AUTH_JWT_AUDIENCE: 'ig' })).toEqual([
      expect.stringContaining('AUTH_JWKS_URL=ftp'),
    ]);
    // The key set comes over TLS (plain http only on this machine), and an identity provider's tokens need an audience.
    expect(problemsOf({ AUTH_JWKS_URL: 'http://sso.example/certs', AUTH_JWT_AUDIENCE: 'ig' })).toEqual([
      expect.stringContaining('must be https://'),
    ]);
    expect(problemsOf({ AUTH_JWKS_URL: 'http://127.0.0.1:8080/certs', AUTH_JWT_AUDIENCE: 'ig' })).toEqual([]);
    expect(problemsOf({ AUTH_JWKS_URL: 'https://sso.example/certs' })).toEqual([
      expect.stringContaining('AUTH_JWT_AUDIENCE is required with AUTH_JWKS_URL'),
    ]);
    expect(problemsOf({ AUTH_JWT_SECRET: SECRET, AUTH_ANONYMOUS_ROLE: 'editor' })).toEqual([
      expect.stringContaining('may be viewers at most'),
    ]);
    expect(problemsOf({ AUTH_LOCAL_ROLE: 'boss' })).toEqual([
      'AUTH_LOCAL_ROLE=boss is not a role; the roles are viewer, planner, editor, admin',
    ]);
    expect(problemsOf({ AUTH_JWT_SECRET: SECRET, AUTH_ANONYMOUS_ROLE: 'root' })).toEqual([
      expect.stringContaining('AUTH_ANONYMOUS_ROLE=root is not a role'),
    ]);
    expect(problemsOf({ AUTH_JWT_SECRET: SECRET, AUTH_ROLES_CLAIM: 'realm_access..roles' })).toEqual([
      expect.stringContaining('AUTH_ROLES_CLAIM=realm_access..roles'),
    ]);
    // Settings that would silently do nothing are refused too.
    expect(problemsOf({ AUTH_JWT_ISSUER: 'https://idp' })).toEqual([
      expect.stringContaining('AUTH_JWT_ISSUER is set but no authentication is configured'),
    ]);
    expect(problemsOf({ AUTH_JWT_SECRET: SECRET, AUTH_LOCAL_ROLE: 'editor' })).toEqual([
      expect.stringContaining('AUTH_LOCAL_ROLE applies only without authentication'),
    ]);
  });

  it('reads AUTH_MAX_TOKEN_AGE as a duration (24 h by default) and refuses anything else', () => {
    const age = (value?: string) => {
      const { auth } = loadConfig({
        AUTH_JWT_SECRET: SECRET,
        ...(value === undefined ? {} : { AUTH_MAX_TOKEN_AGE: value }),
      });
      return auth.mode === 'token' ? auth.maxTokenAgeSeconds : undefined;
    };
    expect([age(), age('24h'), age('90m'), age('3600'), age('7d'), age('366d')]).toEqual([
      86_400,
      86_400,
      5400,
      3600,
      604_800,
      366 * 86_400,
    ]);
    for (const bad of ['forever', '0', '30s', '367d', '1.5h', '-1h']) {
      expect(problemsOf({ AUTH_JWT_SECRET: SECRET, AUTH_MAX_TOKEN_AGE: bad })).toEqual([
        expect.stringContaining(`AUTH_MAX_TOKEN_AGE=${bad} is not a duration from 1m to 366d`),
      ]);
    }
    expect(problemsOf({ AUTH_MAX_TOKEN_AGE: '8h' })).toEqual([
      expect.stringContaining('AUTH_MAX_TOKEN_AGE is set but no authentication is configured'),
    ]);
  });

  it('takes CORS_ORIGINS as a list of origins and refuses anything else', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example.cn, http://localhost:5173' }).corsOrigins).toEqual([
      'https://a.example.cn',
      'http://localhost:5173',
    ]);
    expect(problemsOf({ CORS_ORIGINS: '*' })).toEqual([expect.stringContaining('"*" is not an origin')]);
    expect(problemsOf({ CORS_ORIGINS: 'https://a.example.cn/app' })).toEqual([
      expect.stringContaining('"https://a.example.cn/app" is not an origin'),
    ]);
  });
});
