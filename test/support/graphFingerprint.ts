import { createHash } from 'node:crypto';
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { EXCLUDED_LABELS } from '../../src/backup';
import { asTxMetadata, bumpDataVersion, unrecorded, writeTx } from '../../src/db';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A value as text that tells every type and value apart (the type itself comes from Cypher's valueType). */
function render(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(render).join(',')}]`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0.0' : `${String(value)}f`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Int8Array || value instanceof Uint8Array) return `bytes:${Buffer.from(value).toString('hex')}`;
  if (neo4j.isDateTime(value)) return `${value.toString()}|${String(value.timeZoneOffsetSeconds)}`;
  return String(value);
}

/**
 * A fingerprint of a whole graph but its derived data (the labels a backup leaves out): every node as its labels
 * and properties (each with Cypher's valueType), every relationship as its type, properties and the fingerprints of
 * its two ends; sorted and hashed. Two graphs with the same fingerprint hold the same data, whatever their ids.
 */
export async function graphFingerprint(
  driver: Driver,
  database = 'neo4j',
): Promise<{ hash: string; nodes: number; relationships: number }> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    const excluded = [...EXCLUDED_LABELS];
    const nodeRows = await session.run(
      `MATCH (n) WHERE none(l IN labels(n) WHERE l IN $excluded OR l STARTS WITH '__')
       RETURN elementId(n) AS id, labels(n) AS labels, [k IN keys(n) | [k, valueType(n[k]), n[k]]] AS props`,
      { excluded },
    );
    const byId = new Map<string, string>();
    for (const r of nodeRows.records) {
      const props = (r.get('props') as [string, string, unknown][])
        .map(([k, type, v]) => `${k}:${type}=${render(v)}`)
        .sort();
      byId.set(r.get('id'), sha(`${(r.get('labels') as string[]).sort().join(':')}{${props.join(',')}}`));
    }
    const relRows = await session.run(
      `MATCH (a)-[r]->(b)
       WHERE none(l IN labels(a) WHERE l IN $excluded OR l STARTS WITH '__')
         AND none(l IN labels(b) WHERE l IN $excluded OR l STARTS WITH '__')
       RETURN elementId(a) AS a, elementId(b) AS b, type(r) AS type,
              [k IN keys(r) | [k, valueType(r[k]), r[k]]] AS props`,
      { excluded },
    );
    const rels = relRows.records.map((r) => {
      const props = (r.get('props') as [string, string, unknown][])
        .map(([k, type, v]) => `${k}:${type}=${render(v)}`)
        .sort();
      return sha(`${byId.get(r.get('a'))}-${r.get('type') as string}{${props.join(',')}}->${byId.get(r.get('b'))}`);
    });
    const nodes = [...byId.values()].sort();
    return {
      hash: sha(`${nodes.join('\n')}\n--\n${rels.sort().join('\n')}`),
      nodes: nodes.length,
      relationships: rels.length,
    };
  } finally {
    await session.close();
  }
}

/**
 * Runs `cypher` in one write transaction counted in the data version, as every write of ours is. `recorded`: as a
 * write made around the API (no metadata: the change-history trigger records it); otherwise unrecorded, for bulk test
 * data (the trigger would hold every change of it in the transaction's memory).
 */
export async function countedWrite(
  driver: Driver,
  cypher: string,
  params: Record<string, unknown> = {},
  recorded = false,
) {
  const metadata = recorded ? {} : { metadata: asTxMetadata(unrecorded('test data')) };
  await writeTx(driver, { database: 'neo4j', ...metadata }, async (tx: ManagedTransaction) => {
    await tx.run(cypher, params);
    await bumpDataVersion(tx);
  });
}

/**
 * A small graph with every property type Neo4j stores, on nodes and relationships (integers beyond 2^53, whole and
 * negative-zero and non-finite floats, strings with newlines, booleans, lists, every temporal type with zones and
 * offsets — one in the hour a zone repeats —, durations, 2D and 3D points, bytes), several labels on a node, a node
 * without properties, a loop and parallel relationships, an audit event, an import batch with IMPORTED_IN links and
 * a target. `tag` goes into every id, so that two calls make two graphs.
 */
export async function writeVariedGraph(driver: Driver, tag: string): Promise<void> {
  const t = neo4j.types;
  const values = {
    big: neo4j.int('9007199254740993'),
    negative: neo4j.int('-9223372036854775808'),
    whole: 2.0,
    fraction: 0.1,
    negativeZero: -0,
    nan: NaN,
    inf: -Infinity,
    text: '第一行\n"second" line \\ \u0000 end',
    flag: false,
    ints: [neo4j.int(1), neo4j.int('12345678901234567')],
    floats: [1.5, 3.0],
    strings: ['a', ''],
    bools: [true, false],
    date: new t.Date(2024, 2, 29),
    farDate: new t.Date(-12, 1, 1),
    localTime: new t.LocalTime(23, 59, 59, 999_999_999),
    time: new t.Time(8, 30, 0, 1, 19_800),
    localDateTime: new t.LocalDateTime(2025, 12, 31, 23, 59, 59, 5),
    offsetDateTime: new t.DateTime(2024, 6, 1, 12, 0, 0, 0, 19_800),
    // 02:30 on 2024-10-27 happens twice in Berlin: the offset says which.
    zonedDateTime: new t.DateTime(2024, 10, 27, 2, 30, 0, 0, 3_600, 'Europe/Berlin'),
    zonedDateTimeSummer: new t.DateTime(2024, 10, 27, 2, 30, 0, 0, 7_200, 'Europe/Berlin'),
    duration: new t.Duration(neo4j.int(14), neo4j.int(3), neo4j.int('86401'), neo4j.int(500)),
    point2d: new t.Point(neo4j.int(7203), 1.5, -2),
    point3d: new t.Point(neo4j.int(4979), 113.19, 33.77, 85.5),
    bytes: new Int8Array([0, 1, -1, 127, -128]),
    dates: [new t.Date(2020, 1, 1), new t.Date(2021, 1, 1)],
  };
  await countedWrite(
    driver,
    `CREATE (e:Enterprise {id: $tag + '-e1', name: '平煤神马（示例）'}) SET e += $values
     CREATE (u:University:Partner {id: $tag + '-u1', name: '大学'})
     CREATE (empty:Note)
     CREATE (a:AuditEvent {id: $tag + '-a1', at: datetime('2025-01-02T03:04:05.123456789Z'), actor: 'test'})
     CREATE (b:ImportBatch {id: $tag + '-b1', at: datetime('2025-01-02T03:04:05Z'), file: 'x.xlsx'})
     CREATE (target:Target {id: $tag + '-t1', year: 2025, value: 0.8})
     CREATE (e)-[:COOPERATES_WITH {since: $values.date, weight: 0.5, amount: $values.big}]->(u)
     CREATE (e)-[:COOPERATES_WITH {since: $values.farDate}]->(u)
     CREATE (e)-[:LOOKS_AT]->(e)
     CREATE (e)-[:IMPORTED_IN {row: 7}]->(b)
     CREATE (u)-[:IMPORTED_IN {row: 8}]->(b)
     CREATE (empty)-[:ABOUT {when: $values.zonedDateTime, spans: $values.duration, where: $values.point3d}]->(a)`,
    { tag, values },
    true,
  );
}
