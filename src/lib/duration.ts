/** Seconds in each unit a duration setting may name. */
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

const DURATION = /^(\d{1,9})(s|m|h|d)?$/;

/**
 * The seconds of a duration setting: a whole number of seconds (`86400`) or a number and a unit, s, m, h or d
 * (`24h`, `90m`, `7d`); null for anything else. (jose parses such strings too, but not as a public export.)
 */
export function durationSeconds(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * UNIT_SECONDS[(match[2] ?? 's') as keyof typeof UNIT_SECONDS];
}

/** A number of seconds in the largest unit that divides it exactly: 86400 → `24h`, 5400 → `90m`, 90 → `90s`. */
export function formatDuration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
