import { type GraphQLSchema, Kind, parse, type ObjectTypeExtensionNode, print, type StringValueNode } from 'graphql';
import { loadCypher } from '../../src/db';
import { buildSchema } from '../../src/graphql';
import { gapTotals, totalFieldOf, totalStatement } from '../../src/graphql/gapTotals';

/** The fields of the one `extend type Query` that gapTotals returns. */
function totalFields(sdl: string | null) {
  if (sdl === null) throw new Error('no totals');
  const [query] = parse(sdl).definitions as ObjectTypeExtensionNode[];
  return query?.fields ?? [];
}

describe('gapTotals: a total field for every paged gap list, derived when the schema is built', () => {
  it('counts the list statement itself, its paging written in as offset 0 and no limit reachable', () => {
    const list = loadCypher('gaps', 'enterprisesWithoutConsortium.cypher');
    const total = totalStatement('enterprisesWithoutConsortium', list);
    expect(total).not.toMatch(/\$(limit|offset)\b/);
    expect(total).toMatch(/^\/\/ Query\.enterprisesWithoutConsortiumTotal: /);
    expect(total).toMatch(/\nCALL \(\) \{\n[\s\S]*\n\}\nRETURN count\(\*\) AS total$/);
    // The rest is the list's text, line for line (indented into the subquery): the aggregates path included.
    const inner = total.slice(total.indexOf('CALL () {\n') + 10, total.lastIndexOf('\n}\n'));
    const unindented = inner.replace(/^ {2}/gm, '');
    expect(unindented).toBe(
      list
        .replace(/\$offset\b/g, '0')
        .replace(/\$limit\b/g, '9223372036854775807')
        .replace(/\n+$/, ''),
    );
    expect(unindented).toContain("EXISTS { (:AggregateState {id: 'aggregates', mode: 'ready'}) }");
    expect(unindented).toContain('LIMIT toInteger(0) + toInteger(9223372036854775807)');
    expect(() => totalStatement('x', 'MATCH (e) RETURN e LIMIT $limit')).toThrow(/Query\.x: .*\$offset \+ \$limit/);
  });

  it('derives by rule: a list whose statement is a cypher/gaps/ file, with limit and offset; nothing else', () => {
    const sdl = `
      type Query {
        "A gap list."
        listed(year: Int @reportYear, regionCode: String, limit: Int! = 50, offset: Int! = 0): [Int!]!
          @cypher(statement: "#file:gaps/chainsWithoutLabPartner.cypher", columnName: "chain")
          @authentication(jwt: { roles: { includes: "planner" } })
        notPaged(limit: Int! = 50): [Int!]! @cypher(statement: "#file:gaps/chainsWithoutLabPartner.cypher", columnName: "c")
        notAList(limit: Int, offset: Int): Int @cypher(statement: "#file:gaps/chainsWithoutLabPartner.cypher", columnName: "c")
        notAGap(limit: Int, offset: Int): [Int] @cypher(statement: "#file:maps/chainMap.cypher", columnName: "c")
        inline(limit: Int, offset: Int): [Int] @cypher(statement: "RETURN 1 AS c", columnName: "c")
      }`;
    const [field, ...others] = totalFields(gapTotals([sdl]));
    expect(others).toEqual([]);
    expect(field?.name.value).toBe('listedTotal');
    expect(print(field?.type ?? { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: '?' } })).toBe('Int!');
    expect(field?.arguments?.map((a) => print(a))).toEqual(['year: Int @reportYear', 'regionCode: String']);
    expect(field?.directives?.map((d) => d.name.value)).toEqual(['cypher', 'authentication']);
    expect(print(field?.directives?.[1] ?? parse('{ a }'))).toBe(
      '@authentication(jwt: {roles: {includes: "planner"}})',
    );
    const statement = field?.directives?.[0]?.arguments?.find((a) => a.name.value === 'statement');
    expect((statement?.value as StringValueNode).value).toBe(
      totalStatement('listed', loadCypher('gaps', 'chainsWithoutLabPartner.cypher')),
    );
    expect(gapTotals(['type Query { a: Int }', 'extend type Query { b(limit: Int, offset: Int): [Int] }'])).toBeNull();
  });

  describe('in the schema the API serves', () => {
    let schema: GraphQLSchema;
    beforeAll(async () => {
      ({ schema } = await buildSchema());
    });

    it('has <list>Total for each paged gap list: Int!, the same arguments but limit and offset', () => {
      const fields = schema.getQueryType()?.getFields() ?? {};
      const lists = Object.values(fields).filter(
        (f) => f.args.some((a) => a.name === 'offset') && fields[totalFieldOf(f.name)],
      );
      expect(lists.map((f) => f.name).sort()).toEqual(
        [
          'backboneEnterprisesWithoutPlatform',
          'chainSegmentsWithoutEnterprise',
          'chainsWithoutLabPartner',
          'chainsWithoutUniversityPartner',
          'enterprisesMissingFourHaves',
          'enterprisesNotTechLeader',
          'enterprisesWithoutConsortium',
          'enterprisesWithoutLandmarkAchievement',
          'enterprisesWithoutRdInstitution',
          'expiringQualifications',
        ].sort(),
      );
      for (const list of lists) {
        const total = fields[totalFieldOf(list.name)];
        const shape = (args: typeof list.args) =>
          args
            .filter((a) => a.name !== 'limit' && a.name !== 'offset')
            .map((a) => [a.name, a.type.toString(), a.defaultValue === undefined ? null : String(a.defaultValue)]);
        expect([list.name, total?.type.toString(), shape(total?.args ?? [])]).toEqual([
          list.name,
          'Int!',
          shape(list.args),
        ]);
        expect(total?.args.some((a) => a.name === 'limit' || a.name === 'offset')).toBe(false);
        expect(total?.description).toContain(`\`${list.name}\``);
      }
    });
  });
});
