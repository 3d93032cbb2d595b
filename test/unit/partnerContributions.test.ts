import {
  CONTRIBUTION_VERSION,
  enterpriseContribution,
  type EnterpriseFacts,
  PARTNER_SEGMENT_SUBSETS,
  partnerDivisionOf,
} from '../../src/aggregates/contributions';
import { PARTNER_COUNTERS_VERSION } from '../../src/queries/partners';
import { enterpriseFacts } from '../support/enterpriseFacts';

const facts = enterpriseFacts;

const partnerMarks = (f: EnterpriseFacts) =>
  enterpriseContribution(f).explicit.filter((m) => m.startsWith('PARTNER_PEERS|'));

describe('maintained aggregates: the partner marks of an enterprise (src/aggregates/contributions.ts)', () => {
  it('marks each candidate it works with under its class, each county with its division, each set of segments', () => {
    const marks = partnerMarks(
      facts({ industryCode: 'C2651', counties: ['k1'], segments: ['s2', 's1'], worksWith: ['u1', 'pl1'] }),
    );
    expect(marks).toEqual(
      [
        'PARTNER_PEERS|industry|C2651|u1@0@1',
        'PARTNER_PEERS|industry|C2651|pl1@0@1',
        'PARTNER_PEERS|county|k1|C26|u1@0@1',
        'PARTNER_PEERS|county|k1|C26|pl1@0@1',
        'PARTNER_PEERS|segment|s1|u1@0@1',
        'PARTNER_PEERS|segment|s1|pl1@0@1',
        'PARTNER_PEERS|segment|s2|u1@0@1',
        'PARTNER_PEERS|segment|s2|pl1@0@1',
        'PARTNER_PEERS|segment|s1,s2|u1@0@1',
        'PARTNER_PEERS|segment|s1,s2|pl1@0@1',
        'PARTNER_PEERS|served|u1@0@1',
        'PARTNER_PEERS|served|pl1@0@1',
      ].sort(),
    );
  });

  it('marks nothing for a firm that works with no candidate; only its load without an industry code', () => {
    expect(partnerMarks(facts({ industryCode: 'C2651', counties: ['k1'], segments: ['s1'], worksWith: [] }))).toEqual(
      [],
    );
    expect(partnerMarks(facts({ industryCode: null, counties: ['k1'], worksWith: ['u1'] }))).toEqual([
      'PARTNER_PEERS|served|u1@0@1',
    ]);
    // Facts of an older statement (no partner columns): no marks.
    expect(partnerMarks(facts({ segments: ['s1'] }))).toEqual([]);
  });

  it(`marks segment sets of at most ${PARTNER_SEGMENT_SUBSETS} segments, sorted and joined by commas`, () => {
    const marks = partnerMarks(facts({ segments: ['d', 'c', 'b', 'a'], worksWith: ['u'] }));
    // 4 + 6 + 4 subsets of size 1, 2 and 3 of 4 segments (not the set of all 4), and the load.
    expect(marks).toHaveLength(15);
    expect(marks).toContain('PARTNER_PEERS|segment|a,b,c|u@0@1');
    expect(marks).not.toContain('PARTNER_PEERS|segment|a,b,c,d|u@0@1');
  });

  it('takes the division as the suggestion statement does: the letter and two digits, or two digits', () => {
    expect(partnerDivisionOf('C2651')).toBe('C26');
    expect(partnerDivisionOf('2651')).toBe('26');
    expect(partnerDivisionOf('c2')).toBe('c2');
  });

  it('the suggestions read counters of a version the contributions have reached', () => {
    expect(PARTNER_COUNTERS_VERSION).toBeLessThanOrEqual(CONTRIBUTION_VERSION);
  });
});
