import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Driver, ManagedTransaction, Result } from 'neo4j-driver';
import { beginUpkeep, IMPORT_MAX_SUBJECTS, touchedIds } from '../../src/aggregates/upkeep';
import { loadCypher } from '../../src/db';
import { principalOf, type Principal } from '../../src/auth';
import { type AuthConfig, type Config, type FairnessLimits, loadConfig } from '../../src/config';
import { APP, bumpDataVersion, createDriver, DbHealth, migrate, writeTx } from '../../src/db';
import { buildSchema } from '../../src/graphql';
import { createLogger } from '../../src/logger';
import { type AppServer, createServer } from '../../src/server';

export const DATABASE = 'neo4j';

/** Where a Neo4j is and how to log in to it (a LocalNeo4jInfo is one). */
export interface Neo4jLogin {
  uri: string;
  user: string;
  password: string;
}

/** The URI of the run's Neo4j (see globalSetup.ts). */
export function testNeo4jUri(): string {
  const uri = process.env.TEST_NEO4J_URI;
  if (!uri) throw new Error('TEST_NEO4J_URI is unset: run integration tests through jest (globalSetup starts Neo4j)');
  return uri;
}

/** The run's Neo4j and its login (the launcher's password, see globalSetup.ts). */
export function testNeo4j(): Neo4jLogin {
  return { uri: testNeo4jUri(), user: 'neo4j', password: process.env.TEST_NEO4J_PASSWORD ?? '' };
}

/** The environment a child process (the API, a CLI) needs to reach the run's Neo4j. */
export function testNeo4jEnv(): { NEO4J_URI: string; NEO4J_PASSWORD: string } {
  const { uri, password } = testNeo4j();
  return { NEO4J_URI: uri, NEO4J_PASSWORD: password };
}

/** The token settings of an app that verifies HS256 tokens signed with `secret` (and `extra`: issuer, audience, …). */
export function tokenAuth(
  secret: string,
  extra: Partial<Extract<AuthConfig, { mode: 'token' }>> = {},
): Extract<AuthConfig, { mode: 'token' }> {
  return {
    mode: 'token',
    key: { kind: 'secret', secret: new TextEncoder().encode(secret) },
    rolesClaim: ['roles'],
    ...extra,
  };
}

/** The principal in-process operations run as unless a test names another: an admin may do everything. */
export const TEST_ADMIN: Principal = principalOf('test', ['admin'], 'token');

/** A principal with the given roles, for in-process operations (`execute(query, variables, as(...))`). */
export function as(sub: string, ...roles: Parameters<typeof principalOf>[1]): Principal {
  return principalOf(sub, roles, 'token');
}

export interface TestApp {
  driver: Driver;
  server: AppServer;
  health: DbHealth;
  /** A prefix unique to this app: ids of nodes a test creates start with it, so cleanup touches only them. */
  prefix: string;
  /** Base URL once `listen()` was called. */
  url?: string;
  listen(): Promise<string>;
  /** Runs one GraphQL operation in-process (no HTTP) as `principal` (default {@link TEST_ADMIN}). */
  execute<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    principal?: Principal,
  ): Promise<{
    data?: T | null;
    errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
    status?: number | undefined;
  }>;
  /** Writes a test graph in one transaction (counted in the data version); `$p` in the statement is the prefix every created id must start with. */
  write(cypher: string, params?: Record<string, unknown>): Promise<void>;
  /** Deletes every node whose id starts with the prefix, then stops the server and closes the driver. */
  close(): Promise<void>;
}

/**
 * A test's write of its own nodes (ids starting with `prefix`), as every write of ours is made: counted in the data
 * version (or caches would keep serving what they computed before it) and with the maintained aggregates kept right
 * (src/aggregates/upkeep.ts), the nodes with the prefix before and after being the touched ones. Its changes are
 * recorded in the change history like any write, under an AuditEvent of the actor `test setup`.
 */
export async function ownWrite(driver: Driver, prefix: string, cypher: string, params: Record<string, unknown>) {
  const prefixed = async (tx: Pick<ManagedTransaction, 'run'>) =>
    touchedIds(
      (await tx.run(loadCypher('aggregates', 'prefixed.cypher'), { prefix })).records.map((r) => ({
        label: r.get('label') as string,
        id: r.get('id') as string,
      })),
    );
  const metadata = { app: APP, operation: 'test write', actor: 'test setup' };
  await writeTx(driver, { database: DATABASE, metadata }, async (tx) => {
    const upkeep = await beginUpkeep(tx, { ids: await prefixed(tx) }, IMPORT_MAX_SUBJECTS);
    await tx.run(cypher, params);
    await upkeep.after(tx, await prefixed(tx));
    await bumpDataVersion(tx);
  });
}

/** Builds the real server against a real Neo4j (migrations applied), exactly as index.ts does, minus listening. */
export async function createTestApp(
  target: Neo4jLogin = testNeo4j(),
  {
    responseCacheMb = 64,
    auth = { mode: 'local', localRole: 'planner' },
    corsOrigins = [],
    fairness = {},
    poolSize = 50,
    introspection = true,
    wrapDriver = (d: Driver) => d,
    bookmarks,
    trustedDocuments = null,
    apq = false,
    disclosureMinCell,
  }: {
    responseCacheMb?: number;
    auth?: AuthConfig;
    corsOrigins?: string[];
    fairness?: Partial<FairnessLimits>;
    /** Connections of the API's driver (index.ts: 50). */
    poolSize?: number;
    introspection?: boolean;
    /** The driver the server uses, made from the app's (e.g. {@link countingDriver}); the test's own writes bypass it. */
    wrapDriver?: (driver: Driver) => Driver;
    /** BOOKMARK_KEY and BOOKMARK_WAIT_MS; unset, a key of this app's own (two apps then refuse each other's tokens). */
    bookmarks?: Config['bookmarks'];
    /** TRUSTED_DOCUMENTS, as loadConfig reads it (the explorer's manifest is added by the server). */
    trustedDocuments?: Config['trustedDocuments'];
    /** GRAPHQL_APQ. */
    apq?: boolean;
    /** DISCLOSURE_MIN_CELL (default 3). */
    disclosureMinCell?: number;
  } = {},
): Promise<TestApp> {
  const driver = createDriver({ ...target, maxConnectionPoolSize: poolSize });
  await migrate(driver, DATABASE);
  const { schema, accessRules, listLimits, guardedFields } = await buildSchema(driver);
  // As in index.ts: the readiness probe has connections of its own.
  const healthDriver = createDriver({ ...target, maxConnectionPoolSize: 2 });
  const health = new DbHealth(healthDriver, DATABASE, 250, 1_000);
  const logger = createLogger('silent');
  const server = createServer({
    config: {
      database: DATABASE,
      queryTimeoutMs: 10_000,
      // Small enough that a test can send a file over it.
      imports: { maxBytes: 2 * 1_048_576, timeoutMs: 60_000 },
      production: false,
      responseCacheMb,
      auth,
      corsOrigins,
      limits: loadConfig({}).limits,
      fairness: { ...loadConfig({}).fairness, ...fairness },
      introspection,
      ...(bookmarks === undefined ? {} : { bookmarks }),
      trustedDocuments,
      apq,
      ...(disclosureMinCell === undefined ? {} : { disclosureMinCell }),
    },
    driver: wrapDriver(driver),
    schema,
    accessRules,
    listLimits,
    guardedFields,
    health,
    logger,
  });
  await server.start();
  const prefix = `t${randomBytes(4).toString('hex')}-`;
  const app: TestApp = {
    driver,
    server,
    health,
    prefix,
    async listen() {
      await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
      const { port } = server.httpServer.address() as AddressInfo;
      app.url = `http://127.0.0.1:${port}`;
      return app.url;
    },
    async execute(query, variables, principal = TEST_ADMIN) {
      const response = await server.apollo.executeOperation(
        { query, ...(variables ? { variables } : {}) },
        { contextValue: server.contextFor('test', principal) },
      );
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      const { data, errors } = response.body.singleResult;
      return { data: data as never, ...(errors ? { errors: errors as never } : {}), status: response.http.status };
    },
    async write(cypher, params = {}) {
      await ownWrite(driver, prefix, cypher, { p: prefix, ...params });
    },
    async close() {
      try {
        await ownWrite(driver, prefix, 'MATCH (n) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix });
      } catch {
        // the database may be the one a test stopped on purpose
      }
      health.stop();
      await server.stop();
      await driver.close();
      await healthDriver.close();
    },
  };
  return app;
}

/** A statement run through a {@link countingDriver}: its text and its result (awaitable again once consumed). */
export interface RanStatement {
  cypher: string;
  result: Result;
}

/**
 * A driver that counts the Cypher statements run through it — by its sessions, their transactions and managed
 * transactions (what our reads and @neo4j/graphql use) — so a test can tell how many statements a request ran, and
 * which (`ran`: each statement's text and result, in order).
 */
export function countingDriver(driver: Driver): {
  driver: Driver;
  statements: () => number;
  ran: () => readonly RanStatement[];
} {
  let statements = 0;
  const ran: RanStatement[] = [];
  const counted = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key, receiver) {
        const value = Reflect.get(object, key, receiver) as unknown;
        if (typeof value !== 'function') return value;
        if (key === 'run') {
          return (...args: unknown[]) => {
            statements += 1;
            const result = (value as (...a: unknown[]) => Result).apply(object, args);
            ran.push({ cypher: String(args[0]), result });
            return result;
          };
        }
        if (key === 'executeRead' || key === 'executeWrite') {
          return (work: (tx: object) => unknown, ...rest: unknown[]) =>
            (value as (...a: unknown[]) => unknown).call(object, (tx: object) => work(counted(tx)), ...rest);
        }
        if (key === 'beginTransaction') {
          return (...args: unknown[]) => counted((value as (...a: unknown[]) => object).apply(object, args));
        }
        return (value as (...a: unknown[]) => unknown).bind(object);
      },
    });
  const wrapped = new Proxy(driver, {
    get(object, key, receiver) {
      const value = Reflect.get(object, key, receiver) as unknown;
      if (key === 'session')
        return (...args: unknown[]) => counted((value as (...a: unknown[]) => object).apply(object, args));
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(object) : value;
    },
  });
  return { driver: wrapped, statements: () => statements, ran: () => ran };
}

/** A city `<p><key>city`, a district `<p><key>district` PART_OF it and an unrelated region; returns their codes. */
export async function createTestRegions(
  app: TestApp,
  key: string,
  newRegionCode: () => string,
): Promise<{ city: string; district: string; elsewhere: string }> {
  const codes = { city: newRegionCode(), district: newRegionCode(), elsewhere: newRegionCode() };
  await app.write(
    `CREATE (city:Region {id: $p + $key + 'city', code: $city, name: '测试市（示例）', level: 'CITY', synthetic: true})
     CREATE (:Region {id: $p + $key + 'district', code: $district, name: '测试区（示例）', level: 'DISTRICT',
             synthetic: true})-[:PART_OF]->(city)
     CREATE (:Region {id: $p + $key + 'elsewhere', code: $elsewhere, name: '别处（示例）', level: 'CITY',
             synthetic: true})`,
    { key, ...codes },
  );
  return codes;
}
