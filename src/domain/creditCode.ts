/** The 31 characters of GB 32100-2015: digits and capital letters without I, O, S, V and Z. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** W_i = 3^(i-1) mod 31 for positions i = 1..17. */
const WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k += 1) w = (w * 3) % 31;
  return w;
});

function badCharacter(ch: string, position: number): string {
  const hint = ALPHABET.includes(ch.toUpperCase()) ? '; letters must be upper case' : '';
  return (
    `character ${JSON.stringify(ch)} at position ${position} is not allowed ` +
    `(only 0-9 and A-Z without I, O, S, V, Z${hint})`
  );
}

/**
 * The check character (position 18) of a unified social credit code, GB 32100-2015:
 * C18 = (31 − Σ(C_i·W_i) mod 31) mod 31 with W_i = 3^(i-1) mod 31.
 * @param first17 the first 17 characters, from the code alphabet
 * @throws RangeError when `first17` is not 17 characters of the alphabet (a programmer error)
 */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`creditCodeCheckChar needs 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const ch = first17.charAt(i);
    const value = ALPHABET.indexOf(ch);
    if (value < 0) throw new RangeError(`creditCodeCheckChar: ${badCharacter(ch, i + 1)}`);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Checks a unified social credit code (统一社会信用代码): 18 characters of the GB 32100-2015 alphabet whose last
 * character is the check character of the first 17. Nothing is normalised: lower case or spaces are errors.
 * @returns null when the code is valid, else the reason, naming the bad position or the expected check character
 */
export function validateCreditCode(code: string): string | null {
  if (code.length !== 18) return `must be 18 characters, got ${code.length}`;
  for (let i = 0; i < 18; i += 1) {
    const ch = code.charAt(i);
    if (!ALPHABET.includes(ch)) return badCharacter(ch, i + 1);
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  const actual = code.charAt(17);
  return actual === expected
    ? null
    : `check character at position 18 is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
}
