import { badInput } from '../errors';

/**
 * A whole-number argument (or its default when omitted), checked against its range; the error names the argument,
 * the range and the value, as every resolver of ours words it.
 */
export function intArgument(
  argument: string,
  value: number | null | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < min || chosen > max) {
    throw badInput(argument, `must be between ${min} and ${max}; got ${chosen}`, chosen);
  }
  return chosen;
}

/** Throws BAD_USER_INPUT for a region or chain filter that names nothing: an unknown filter is never a 0. */
export function assertFiltersKnown(
  known: { regionKnown: boolean; chainKnown: boolean },
  filters: { regionCode: string | null; chainId: string | null },
): void {
  if (!known.regionKnown) {
    throw badInput('regionCode', `no region has the code ${JSON.stringify(filters.regionCode)}`, filters.regionCode);
  }
  if (!known.chainKnown) {
    throw badInput('chainId', `no industry chain has the id ${JSON.stringify(filters.chainId)}`, filters.chainId);
  }
}
