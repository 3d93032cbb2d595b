import { mintToken } from '../../src/auth';
import type { Role } from '../../src/domain';
import { createTestApp, type TestApp, tokenAuth } from '../support/testApp';

const AUTH = tokenAuth('a-fault-test-secret-of-at-least-32-bytes');

/**
 * The pool-starvation attack: two clients send many requests of 15 aliased neighbourhood maps each (every alias its
 * own database session, each map a few tens of milliseconds on a hub), while four other clients send cheap queries
 * one after another. The API's driver has a pool of 8 connections here (50 in production), so the attack asks for
 * far more sessions than exist. With each client held to a few sessions, the victims still find connections.
 */
describe('fairness: one client cannot take the connection pool from the others', () => {
  let app: TestApp;
  let url: string;
  const token = (sub: string, role: Role = 'viewer') => mintToken(AUTH, { sub, roles: [role], ttl: '10m' });

  beforeAll(async () => {
    app = await createTestApp(undefined, {
      auth: AUTH,
      poolSize: 8,
      fairness: { clientSessions: 2, requestSessions: 2, sessionWaitMs: 30_000, ratePerMinute: 0 },
    });
    url = await app.listen();
    await app.write(
      `CREATE (hub:Enterprise {id: $p + 'hub', name: '枢纽（示例）', aboveScale: true, backbone: true, synthetic: true})
       WITH hub
       UNWIND range(1, 300) AS i
       CREATE (s:Enterprise {id: $p + 's' + i, name: '供应商（示例）', aboveScale: false, backbone: false, synthetic: true})-[:SUPPLIES]->(hub)
       WITH s, i
       UNWIND range(1, 5) AS j
       CREATE (s)-[:SUPPLIES]->(:Enterprise {id: $p + 'c' + i + '-' + j, name: '客户（示例）', aboveScale: false,
                                             backbone: false, synthetic: true})`,
    );
  }, 120_000);
  afterAll(async () => {
    await app.close();
  });

  it('keeps every victim request succeeding during the attack', async () => {
    const send = async (bearer: string, query: string) => {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, 'cache-control': 'no-cache' },
        body: JSON.stringify({ query }),
      });
      const body = (await res.json()) as { errors?: unknown[] };
      return res.status === 200 && body.errors === undefined;
    };
    const hub = `${app.prefix}hub`;
    const heavy = `{ ${Array.from({ length: 15 }, (_, i) => `m${i}: neighborhood(id: "${hub}", depth: 3, limit: 1000) { truncated }`).join(' ')} }`;
    const attackers = await Promise.all(['attacker-1', 'attacker-2'].map((s) => token(s)));
    const victims = await Promise.all(['victim-1', 'victim-2', 'victim-3', 'victim-4'].map((s) => token(s)));

    let attacking = true;
    const attack = attackers.flatMap((bearer) =>
      Array.from({ length: 20 }, async () => {
        let sent = 0;
        while (attacking && sent < 5) {
          sent += 1;
          await send(bearer, heavy).catch(() => false);
        }
      }),
    );
    await new Promise((r) => setTimeout(r, 500)); // the attack is under way
    const outcomes: boolean[] = [];
    const started = Date.now();
    await Promise.all(
      victims.map(async (bearer) => {
        for (let i = 0; i < 10; i++)
          outcomes.push(await send(bearer, `{ enterprises(where: { id: { eq: "${hub}" } }) { id name } }`));
      }),
    );
    const victimMs = Date.now() - started;
    attacking = false;
    await Promise.all(attack);
    console.log(`victims: ${outcomes.filter(Boolean).length}/${outcomes.length} succeeded in ${victimMs} ms`);
    expect(outcomes.filter((ok) => !ok)).toEqual([]);
    // The readiness check has connections of its own: a busy pool does not make a healthy database look down.
    expect((await fetch(`${url}/health/ready`)).status).toBe(200);
  }, 180_000);
});
