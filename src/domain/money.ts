import { isInt } from 'neo4j-driver';

/** The largest amount Neo4j can store as an integer property (2^63 − 1). */
export const MAX_MONEY = 9_223_372_036_854_775_807n;

const RULE = `whole yuan from 0 to ${MAX_MONEY}`;

type Result = { ok: true; value: bigint } | { ok: false; reason: string };

/**
 * Reads an amount of money in whole yuan: a JS number that is a safe integer, a string of decimal digits
 * (for amounts beyond 2^53, where a JSON number may already have lost digits), a bigint, or a Neo4j Integer.
 */
function readMoney(value: unknown): Result {
  let amount: bigint;
  if (typeof value === 'bigint') {
    amount = value;
  } else if (isInt(value)) {
    amount = value.toBigInt();
  } else if (typeof value === 'number') {
    if (!Number.isInteger(value)) return { ok: false, reason: `an amount is ${RULE}, without decimals` };
    if (!Number.isSafeInteger(value)) {
      return { ok: false, reason: 'a number beyond 2^53 − 1 may have lost digits; send the amount as a string' };
    }
    amount = BigInt(value);
  } else if (typeof value === 'string') {
    if (!/^-?\d+$/.test(value)) {
      return { ok: false, reason: `an amount is ${RULE}, written with digits only (no separator or decimals)` };
    }
    amount = BigInt(value);
  } else {
    return { ok: false, reason: `an amount is ${RULE}, as a number or a string of digits` };
  }
  if (amount < 0n) return { ok: false, reason: `an amount is ${RULE}; it cannot be negative` };
  if (amount > MAX_MONEY) return { ok: false, reason: `an amount is ${RULE}; this is too large to store` };
  return { ok: true, value: amount };
}

/**
 * Checks an amount of money in whole yuan, as the seed data and (later) imported rows give it; amounts in the API are
 * @neo4j/graphql's BigInt, bounded by src/graphql/money.ts. (a safe-integer number, a digit string, a bigint or a Neo4j Integer).
 * @returns null when the amount is valid, else the reason
 */
export function validateMoney(value: unknown): string | null {
  const result = readMoney(value);
  return result.ok ? null : result.reason;
}
