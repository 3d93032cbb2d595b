import { GraphQLError, parseValue } from 'graphql';
import neo4j from 'neo4j-driver';
import { CreditCode, IndustryCode, RegionCode } from '../../src/graphql/scalars';
import {
  creditCodeCheckChar,
  validateCreditCode,
  validateIndustryCode,
  validateMoney,
  validateRegionCode,
} from '../../src/domain';
import { validateYear } from '../../src/domain';

/** The message of the error `fn` throws (fails the test when it throws nothing). */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error, none was thrown');
}

describe('creditCodeCheckChar', () => {
  it('computes the check character of the public example 91350100M000100Y43 as "3"', () => {
    // Alphabet values: 9 1 3 5 0 1 0 0 M=21 0 0 0 1 0 0 Y=30 4; weights 3^(i-1) mod 31:
    // 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28.
    // Σ = 9 + 3 + 27 + 135 + 0 + 26 + 0 + 0 + 420 + 0 + 0 + 0 + 8 + 0 + 0 + 900 + 112 = 1640;
    // 1640 mod 31 = 28; (31 − 28) mod 31 = 3 → "3".
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('maps a zero remainder to "0", not to the 31st character', () => {
    // All zeros: Σ = 0, (31 − 0) mod 31 = 0.
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it('gives a letter when the check value is 10 or more', () => {
    // "10000000000000000": Σ = 1·1 = 1; 31 − 1 = 30 → "Y".
    expect(creditCodeCheckChar('10000000000000000')).toBe('Y');
  });

  it('rejects input that is not 17 characters of the alphabet as a programmer error', () => {
    expect(() => creditCodeCheckChar('9135')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('9135010OM000100Y4')).toThrow(/position 8/);
  });
});

describe('validateCreditCode', () => {
  it.each(['91350100M000100Y43', '00000000000000000' + '0', '10000000000000000Y'])('accepts %s', (code) => {
    expect(validateCreditCode(code)).toBeNull();
  });

  it('names the expected check character when the last one is wrong', () => {
    expect(validateCreditCode('91350100M000100Y44')).toBe('check character at position 18 is "4", expected "3"');
  });

  it.each([
    ['I', '91350100I000100Y43', 9],
    ['O', '9135010O0000100Y43', 8],
    ['S', 'S1350100M000100Y43', 1],
    ['V', '91350100M000100V43', 16],
    ['Z', '91350100M000100Y4Z', 18],
  ])('names the position of the excluded letter %s', (ch, code, position) => {
    expect(validateCreditCode(code)).toMatch(`character "${ch}" at position ${position} is not allowed`);
  });

  it('says letters must be upper case when a lower-case letter is found', () => {
    expect(validateCreditCode('91350100m000100Y43')).toMatch(/position 9 .*upper case/);
  });

  it.each([
    ['17', '91350100M000100Y4'],
    ['19', '91350100M000100Y433'],
    ['0', ''],
  ])('rejects a code of %s characters', (length, code) => {
    expect(validateCreditCode(code)).toBe(`must be 18 characters, got ${length}`);
  });
});

describe('CreditCode scalar', () => {
  it('parses and serializes a valid code unchanged', () => {
    expect(CreditCode.parseValue('91350100M000100Y43')).toBe('91350100M000100Y43');
    expect(CreditCode.serialize('91350100M000100Y43')).toBe('91350100M000100Y43');
    expect(CreditCode.parseLiteral(parseValue('"91350100M000100Y43"'))).toBe('91350100M000100Y43');
  });

  it('rejects a wrong check character with a BAD_USER_INPUT error naming scalar, value and rule', () => {
    let error: unknown;
    try {
      CreditCode.parseValue('91350100M000100Y44');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).message).toBe(
      'CreditCode cannot represent "91350100M000100Y44": check character at position 18 is "4", expected "3"',
    );
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
  });

  it('rejects a non-string value and a non-string literal', () => {
    expect(messageOf(() => CreditCode.parseValue(91350100))).toMatch(/^CreditCode cannot represent 91350100: /);
    expect(messageOf(() => CreditCode.parseLiteral(parseValue('123')))).toMatch(/^CreditCode cannot represent 123: /);
  });

  it('refuses to serialize a stored bad code, as an internal error without a code', () => {
    let error: unknown;
    try {
      CreditCode.serialize('91350100M000100Y44');
    } catch (e) {
      error = e;
    }
    expect((error as GraphQLError).message).toMatch(/^CreditCode cannot serialize "91350100M000100Y44": /);
    expect((error as GraphQLError).extensions.code).toBeUndefined();
  });
});

describe('RegionCode', () => {
  it.each(['410400', '410402', '410471', '110000', '820000'])('accepts %s', (code) => {
    expect(validateRegionCode(code)).toBeNull();
    expect(RegionCode.parseValue(code)).toBe(code);
  });

  it.each([
    ['41040', 'must be exactly 6 digits (GB/T 2260)'],
    ['4104000', 'must be exactly 6 digits (GB/T 2260)'],
    ['41040A', 'must be exactly 6 digits (GB/T 2260)'],
    [' 410400', 'must be exactly 6 digits (GB/T 2260)'],
  ])('rejects %j: %s', (code, reason) => {
    expect(validateRegionCode(code)).toBe(reason);
  });

  it.each(['100000', '190000', '240000', '470000', '720000', '830000', '990000'])(
    'rejects %s, whose first two digits are not a province',
    (code) => {
      expect(validateRegionCode(code)).toMatch(`starts with ${code.slice(0, 2)}, which is not a province code`);
    },
  );

  it('rejects a number, since leading digits are part of a code and codes are strings', () => {
    expect(messageOf(() => RegionCode.parseValue(410400))).toBe(
      'RegionCode cannot represent 410400: a region code is a string of 6 digits',
    );
    expect(messageOf(() => RegionCode.parseLiteral(parseValue('410400')))).toMatch(/written as a string/);
  });
});

describe('IndustryCode', () => {
  it.each(['A', 'C', 'T', 'C26', 'C2651', '26', '265', '2651', '01', '97', 'K70', 'T97', 'A0511'])(
    'accepts %s',
    (code) => {
      expect(validateIndustryCode(code)).toBeNull();
      expect(IndustryCode.parseValue(code)).toBe(code);
    },
  );

  it.each([
    ['', /^must be a section letter/],
    ['c26', /^must be a section letter/],
    ['C 26', /^must be a section letter/],
    ['CC', /^must be a section letter/],
    ['U', /^section U does not exist/],
    ['Z12', /^section Z does not exist/],
    ['2', /got 1 digits$/],
    ['26511', /got 5 digits$/],
    ['00', /^division 00 does not exist/],
    ['98', /^division 98 does not exist/],
    ['A26', /^division 26 is not in section A \(divisions 01–05\)/],
    ['K71', /^division 71 is not in section K \(divisions 70\)/],
  ])('rejects %j', (code, reason) => {
    expect(validateIndustryCode(code)).toMatch(reason);
  });

  it('puts scalar, value and rule in the error', () => {
    expect(messageOf(() => IndustryCode.parseValue('A26'))).toBe(
      'IndustryCode cannot represent "A26": division 26 is not in section A (divisions 01–05)',
    );
  });
});

describe('validateYear', () => {
  it.each([1949, 2024, 2100])('accepts %i', (year) => {
    expect(validateYear(year)).toBeNull();
  });

  it.each([1948, 2101, -1, 0])('rejects %i as out of range', (year) => {
    expect(validateYear(year)).toBe('a year must be between 1949 and 2100');
  });

  it('rejects a fraction', () => {
    expect(validateYear(2024.5)).toBe('a year is a whole number');
  });
});

describe('validateMoney (seed and import rows)', () => {
  it('accepts 0, 2^31, the largest safe integer, digit strings beyond 2^53 up to 2^63 − 1, and Neo4j integers', () => {
    for (const ok of [0, 2 ** 31, Number.MAX_SAFE_INTEGER, '9007199254740993', '9223372036854775807', 5n]) {
      expect([ok, validateMoney(ok)]).toEqual([ok, null]);
    }
    expect(validateMoney(neo4j.int('9223372036854775807'))).toBeNull();
  });

  it.each([
    [-1, /cannot be negative/],
    ['-5', /cannot be negative/],
    [1.5, /without decimals/],
    ['100.00', /digits only/],
    ['1,000', /digits only/],
    ['', /digits only/],
    [' 1', /digits only/],
    [2 ** 53 + 2, /send the amount as a string/],
    ['9223372036854775808', /too large to store/],
    [true, /as a number or a string of digits/],
    [null, /as a number or a string of digits/],
  ])('rejects %j', (value, reason) => {
    expect(validateMoney(value)).toMatch(reason);
  });
});
