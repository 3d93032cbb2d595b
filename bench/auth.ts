/**
 * What verifying a bearer token costs per request: the floor query (one region by its code, the cheapest request
 * that reaches the database) sent to one API process with a token (verified with jose, HS256) and without one (the
 * same process serves it as AUTH_ANONYMOUS_ROLE: no verification), side by side in interleaved rounds at 1 and 8
 * clients. Also times jose's verification alone in this process, the part the difference should be made of.
 *
 *   npx tsx bench/auth.ts [--requests 400] [--rounds 3] [--uri bolt://127.0.0.1:7687]
 *
 * Starts a throw-away Neo4j (or uses --uri) holding one region; prints a Markdown table and writes
 * bench/results/auth-<timestamp>.json.
 */
import type { ChildProcess } from 'node:child_process';
import { mintToken, tokenVerifier } from '../src/auth';
import { createDriver, migrate, writeTx } from '../src/db';
import {
  arg,
  benchNeo4j,
  benchSecret,
  cleanUp,
  measure,
  run,
  startApi,
  stopApi,
  writeResults,
  type Stats,
} from './harness';

const DATABASE = 'neo4j';
const FLOOR = '{ regions(where: { code: { eq: "410402" } }) { id name } }';

async function main(): Promise<void> {
  const requests = Number(arg('requests', '400'));
  const rounds = Number(arg('rounds', '3'));
  const { login, home } = await benchNeo4j('auth', { heapMb: 1024, pageCacheMb: 256 });
  const driver = createDriver(login);
  const { secret, auth } = benchSecret();
  let api: ChildProcess | undefined;
  try {
    await migrate(driver, DATABASE);
    await writeTx(driver, { database: DATABASE }, (tx) =>
      tx.run(
        `MERGE (r:Region {id: 'region-410402'})
         SET r.code = '410402', r.name = '新华区', r.level = 'DISTRICT', r.synthetic = false`,
      ),
    );
    const started = await startApi(login, { AUTH_JWT_SECRET: secret, AUTH_ANONYMOUS_ROLE: 'viewer' });
    api = started.child;
    const token = await mintToken(auth, { sub: 'bench', roles: ['viewer'], ttl: '1h' });

    const send = async (withToken: boolean): Promise<void> => {
      const response = await fetch(started.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'cache-control': 'no-cache',
          ...(withToken ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query: FLOOR }),
      });
      const body = (await response.json()) as { data?: { regions: unknown[] }; errors?: unknown };
      if (response.status !== 200 || body.data?.regions.length !== 1) {
        throw new Error(`floor query failed: ${response.status} ${JSON.stringify(body)}`);
      }
    };
    for (let i = 0; i < 300; i++) {
      await send(false);
      await send(true);
    }

    // jose alone: the verification the token path adds, without HTTP or the database.
    const verify = tokenVerifier(auth);
    const n = 20_000;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await verify(token);
    const verifyUs = Number(process.hrtime.bigint() - t0) / 1e3 / n;

    const rows: { round: number; clients: number; anonymous: Stats; token: Stats; ratioP50: number }[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const clients of [1, 8]) {
        // Alternate which path goes first, so that drift in the machine's speed hits both alike.
        const first = round % 2 === 1;
        const a = first ? await measure(requests, clients, () => send(false)) : undefined;
        const t = await measure(requests, clients, () => send(true));
        const anonymous = a ?? (await measure(requests, clients, () => send(false)));
        const row = { round, clients, anonymous, token: t, ratioP50: Math.round((t.p50 / anonymous.p50) * 100) / 100 };
        rows.push(row);
        console.error(JSON.stringify(row));
      }
    }
    await stopApi(api);
    api = undefined;

    console.log(`jose HS256 verification alone: ${verifyUs.toFixed(1)} µs per token (${n} in a row)\n`);
    console.log(
      [
        '| round | clients | no token p50 / p99 (ms) | token p50 / p99 (ms) | token/none p50 | req/s none / token |',
        '|---|---|---|---|---|---|',
        ...rows.map(
          (r) =>
            `| ${r.round} | ${r.clients} | ${r.anonymous.p50} / ${r.anonymous.p99} | ${r.token.p50} / ${r.token.p99} | ${r.ratioP50} | ${r.anonymous.rps} / ${r.token.rps} |`,
        ),
      ].join('\n'),
    );
    writeResults('auth', { requests, rounds, verifyUs, rows });
  } finally {
    await driver.close();
    await cleanUp(api, home);
  }
}

run(main);
