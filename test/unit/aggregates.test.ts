import type { GraphQLSchema } from 'graphql';
import neo4j from 'neo4j-driver';
import {
  counterId,
  delta,
  EMPTY,
  enterpriseContribution,
  type EnterpriseFacts,
  expand,
  personContribution,
  platformContribution,
  projectContribution,
  scopesOf,
} from '../../src/aggregates/contributions';
import { touchedByMutation } from '../../src/aggregates/touched';
import { buildSchema } from '../../src/graphql';
import { loadCypher } from '../../src/db/loadCypher';
import { RULE_DEFAULTS } from '../../src/domain';
import { enterpriseFacts } from '../support/enterpriseFacts';

const facts = (over: Partial<EnterpriseFacts> = {}): EnterpriseFacts =>
  enterpriseFacts({ regions: ['410402', '410400'], ...over });

const year = (y: number, over: Partial<EnterpriseFacts['years'][number]> = {}) => ({
  year: neo4j.int(y),
  revenue: null,
  aboveScale: false,
  aboveScaleRevenue: null,
  rd: false,
  landmark: false,
  consortium: false,
  techLeader: false,
  missing: null,
  ...over,
});

/** The counters a contribution adds to, as `key@year` → amount (numbers, for readable expectations). */
const counters = (c: Parameters<typeof expand>[0]) =>
  Object.fromEntries([...expand(c)].map(([id, amount]) => [id, Number(amount)]));

describe('maintained aggregates: what a subject contributes', () => {
  it('counts an enterprise in every scope: each region it is in and each chain, with and without the other', () => {
    expect(scopesOf(['410402', '410400'], ['chain-a'])).toEqual([
      '*|*',
      '*|chain-a',
      '410400|*',
      '410400|chain-a',
      '410402|*',
      '410402|chain-a',
    ]);
    const c = enterpriseContribution(facts({ foundedYear: neo4j.int(2020) }));
    expect(counters(c)).toEqual({
      'INDUSTRIAL_ENTERPRISES|v|*|*@0': 1,
      'INDUSTRIAL_ENTERPRISES|v|410400|*@0': 1,
      'INDUSTRIAL_ENTERPRISES|v|410402|*@0': 1,
      'INDUSTRIAL_ENTERPRISES|n|*|*@2020': 1,
      'INDUSTRIAL_ENTERPRISES|n|410400|*@2020': 1,
      'INDUSTRIAL_ENTERPRISES|n|410402|*@2020': 1,
    });
  });

  it("puts a firm in each revenue rule's population from its threshold on (exactly at it: in), compliant or a gap entry", () => {
    const atR3 = RULE_DEFAULTS.R3.minRevenue; // 10亿: in R1, R2 and R3, not R4
    const c = enterpriseContribution(
      facts({
        regions: [],
        years: [year(2024, { revenue: neo4j.int(atR3.toString()), rd: true, consortium: false })],
      }),
    );
    expect(counters(c)).toMatchObject({
      'R1_COMPLIANCE|d|*|*@2024': 1,
      'R1_COMPLIANCE|u|*|*@2024': 1,
      'R2_COMPLIANCE|d|*|*@2024': 1,
      'R3_COMPLIANCE|d|*|*@2024': 1,
    });
    expect(counters(c)['R3_COMPLIANCE|u|*|*@2024']).toBeUndefined();
    expect(counters(c)['R4_COMPLIANCE|d|*|*@2024']).toBeUndefined();
    expect(c.gaps).toEqual([`R2@2024@${atR3}`, `R3@2024@${atR3}`]);
    const below = enterpriseContribution(
      facts({ regions: [], years: [year(2024, { revenue: neo4j.int((atR3 - 1n).toString()) })] }),
    );
    expect(counters(below)['R3_COMPLIANCE|d|*|*@2024']).toBeUndefined();
  });

  it('counts 四有 for an above-scale report: covered when nothing is missing, else a gap entry by its revenue', () => {
    const covered = enterpriseContribution(
      facts({ regions: [], years: [year(2023, { aboveScale: true, missing: [], aboveScaleRevenue: neo4j.int(5) })] }),
    );
    expect(counters(covered)).toMatchObject({
      'FOUR_HAVES_COVERAGE|d|*|*@2023': 1,
      'FOUR_HAVES_COVERAGE|u|*|*@2023': 1,
    });
    const lacking = enterpriseContribution(
      facts({ regions: [], years: [year(2023, { aboveScale: true, missing: ['RD_STAFF'] })] }),
    );
    expect(counters(lacking)['FOUR_HAVES_COVERAGE|u|*|*@2023']).toBeUndefined();
    expect(lacking.gaps).toEqual(['R6@2023@-1']);
  });

  it('counts a qualification in each year of its validity, new in its granted year; innovative when any is held', () => {
    const c = enterpriseContribution(
      facts({
        regions: [],
        holds: [
          { code: 'HIGH_TECH', from: neo4j.int(2022), to: neo4j.int(2024) },
          { code: 'TECH_SME', from: neo4j.int(2026), to: neo4j.int(2026) },
        ],
      }),
    );
    const got = counters(c);
    expect(['2022', '2023', '2024'].map((y) => got[`HIGH_TECH_ENTERPRISES|v|*|*@${y}`])).toEqual([1, 1, 1]);
    expect(got['HIGH_TECH_ENTERPRISES|v|*|*@2025']).toBeUndefined();
    expect(got['HIGH_TECH_ENTERPRISES|n|*|*@2022']).toBe(1);
    expect(got['HIGH_TECH_ENTERPRISES|n|*|*@2023']).toBeUndefined();
    // Innovative 2022–2024 and 2026: new in 2022 and again in 2026 (none held in 2025).
    expect(
      Object.keys(got)
        .filter((k) => k.startsWith('INNOVATIVE_ENTERPRISES|n'))
        .sort(),
    ).toEqual(['INNOVATIVE_ENTERPRISES|n|*|*@2022', 'INNOVATIVE_ENTERPRISES|n|*|*@2026']);
  });

  it('counts a backbone firm of a leading chain in R5 from year 0, compliant from its first platform', () => {
    const c = enterpriseContribution(
      facts({ regions: [], backbone: true, leadingChain: true, firstPlatformYear: neo4j.int(2021) }),
    );
    expect(counters(c)).toMatchObject({ 'R5_COMPLIANCE|d|*|*@0': 1, 'R5_COMPLIANCE|u|*|*@2021': 1 });
    expect(counters(enterpriseContribution(facts({ backbone: true })))['R5_COMPLIANCE|d|*|*@0']).toBeUndefined();
  });

  it('counts a person once per year and scope, however many secondments cover it', () => {
    const s = { regions: ['410402'], chains: [] };
    const c = personContribution({
      secondments: [
        { from: neo4j.int(2023), to: neo4j.int(2024), ...s },
        { from: neo4j.int(2024), to: neo4j.int(2024), ...s },
      ],
    });
    const got = counters(c);
    expect(got['TECH_DEPUTIES|v|410402|*@2024']).toBe(1);
    expect(got['TECH_DEPUTIES|n|*|*@2023']).toBe(1);
    expect(got['TECH_DEPUTIES|n|*|*@2024']).toBe(1);
  });

  it('counts a platform from its approval on unless merged, and a lab as a partner of its chains', () => {
    const base = { exists: true, approvedYear: neo4j.int(2020), regions: [], chains: [], labChains: ['k'] };
    const centre = platformContribution({
      ...base,
      kind: 'ENGINEERING_RESEARCH_CENTER',
      level: 'PROVINCIAL',
      merged: false,
    });
    expect(counters(centre)).toEqual({
      'PROVINCIAL_ENGINEERING_CENTERS|v|*|*@2020': 1,
      'PROVINCIAL_ENGINEERING_CENTERS|n|*|*@2020': 1,
    });
    expect(
      counters(
        platformContribution({ ...base, kind: 'ENGINEERING_RESEARCH_CENTER', level: 'PROVINCIAL', merged: true }),
      ),
    ).toEqual({});
    expect(counters(platformContribution({ ...base, kind: 'LABORATORY', level: 'NATIONAL', merged: false }))).toEqual({
      'LAB_PARTNERS|count|*|k@0': 1,
    });
  });

  it('sums a project’s funding exactly, beyond 2^53', () => {
    const huge = 2n ** 60n;
    const c = projectContribution({
      exists: true,
      year: neo4j.int(2024),
      status: 'FUNDED',
      level: 'NATIONAL',
      funding: neo4j.int(huge.toString()),
      regions: [],
      chains: [],
    });
    expect(expand(c).get(counterId('NATIONAL_PROVINCIAL_PROJECT_FUNDING|v|*|*', 2024))).toBe(huge);
  });

  it('changes only what differs: a firm moving district moves its counts, the city total stays', () => {
    const before = enterpriseContribution(facts({ regions: ['410402', '410400'] }));
    const after = enterpriseContribution(facts({ regions: ['410403', '410400'] }));
    expect(Object.fromEntries([...delta(before, after)].map(([k, v]) => [k, Number(v)]))).toEqual({
      'INDUSTRIAL_ENTERPRISES|v|410402|*@0': -1,
      'INDUSTRIAL_ENTERPRISES|v|410403|*@0': 1,
    });
    expect(delta(before, before).size).toBe(0);
    expect(enterpriseContribution(facts({ exists: false }))).toBe(EMPTY);
  });
});

describe('maintained aggregates: the nodes a generated mutation touches', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    ({ schema } = await buildSchema());
  });
  const touched = (field: string, args: Record<string, unknown>) =>
    touchedByMutation(schema.getMutationType()?.getFields()[field]?.args ?? [], args);

  it('names created nodes and nodes selected by id, at the root and in nested updates', () => {
    expect(
      touched('createEnterprises', {
        input: [{ id: 'e1', name: 'x', reports: { create: [{ node: { id: 'r1', year: 2024 } }] } }],
      }),
    ).toEqual({ ids: { Enterprise: ['e1'], AnnualReport: ['r1'] } });
    expect(
      touched('updateEnterprises', {
        where: { id: { in: ['e1', 'e2'] } },
        update: { reports: [{ update: { where: { node: { id: { eq: 'r1' } } }, node: { revenue: { set: '1' } } } }] },
      }),
    ).toEqual({ ids: { Enterprise: ['e1', 'e2'], AnnualReport: ['r1'] } });
  });

  it('says when a root update only sets properties (the subjects near are the same after it)', () => {
    const where = { id: { eq: 'r1' } };
    expect(touched('updateAnnualReports', { where, update: { hasRdInstitution: { set: true } } })).toEqual({
      ids: { AnnualReport: ['r1'] },
      propertiesOnly: true,
    });
    expect(
      touched('updateIndustryChains', { where: { id: { eq: 'c1' } }, update: { keywords: { set: ['氢能'] } } }),
    ).toHaveProperty('propertiesOnly', true);
    // Its id, a relationship field, or a nested update: the subjects near may change.
    expect(touched('updateAnnualReports', { where, update: { id: { set: 'r2' } } })).not.toHaveProperty(
      'propertiesOnly',
    );
    expect(
      touched('updateAnnualReports', {
        where,
        update: {
          hasRdStaff: { set: true },
          enterprises: [{ disconnect: [{ where: { node: { id: { eq: 'e1' } } } }] }],
        },
      }),
    ).toEqual({ ids: { AnnualReport: ['r1'] } });
    expect(
      touched('updateEnterprises', {
        where: { id: { eq: 'e1' } },
        update: { cooperatesWith: { University: [{ connect: [{ where: { node: { id: { eq: 'u1' } } } }] }] } },
      }),
    ).not.toHaveProperty('propertiesOnly');
  });

  it('leaves out what connect and disconnect select (the other side is touched), whatever they select by', () => {
    expect(
      touched('updateEnterprises', {
        where: { id: { eq: 'e1' } },
        update: { qualifications: [{ connect: [{ where: { node: { code: { eq: 'HIGH_TECH' } } } }] }] },
      }),
    ).toEqual({ ids: { Enterprise: ['e1'] } });
  });

  it('cannot say when a filter selects by anything but id, or there is none: the counters go stale', () => {
    expect(touched('updateEnterprises', { where: { name: { eq: 'x' } }, update: {} })).toEqual({
      unknown: 'where selects nodes by more than their id',
    });
    expect(touched('deleteEnterprises', {})).toEqual({ unknown: 'where: every node of the type' });
    expect(touched('updateEnterprises', { where: { id: { eq: 'e1' }, OR: [] }, update: {} })).toHaveProperty('unknown');
    // A nested update without a filter changes every related node (here the firm's regions: all their firms' scopes).
    expect(
      touched('updateEnterprises', {
        where: { id: { eq: 'e1' } },
        update: { locatedIn: [{ update: { node: { code: { set: '410499' } } } }] },
      }),
    ).toEqual({ unknown: 'update.locatedIn[0].update updates or deletes every related node (no where)' });
  });
});

describe('maintained gap lists', () => {
  it("take their default thresholds from the letter's (RULE_DEFAULTS), so that the defaults are what is maintained", () => {
    const literal = (file: string) => /toInteger\(\$minRevenue\) = (\d+)/.exec(loadCypher('gaps', file))?.[1];
    expect(literal('enterprisesWithoutRdInstitution.cypher')).toBe(RULE_DEFAULTS.R1.minRevenue.toString());
    expect(literal('enterprisesWithoutLandmarkAchievement.cypher')).toBe(RULE_DEFAULTS.R2.minRevenue.toString());
    expect(literal('enterprisesWithoutConsortium.cypher')).toBe(RULE_DEFAULTS.R3.minRevenue.toString());
    expect(literal('enterprisesNotTechLeader.cypher')).toBe(RULE_DEFAULTS.R4.minRevenue.toString());
    expect(loadCypher('gaps', 'enterprisesWithoutLandmarkAchievement.cypher')).toContain(
      `toInteger($withinYears) = ${RULE_DEFAULTS.R2.withinYears}`,
    );
  });
});
