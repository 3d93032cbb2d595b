import type { NodeLine, RelationshipLine } from './format';
import { ValueError } from './values';

/** A body line, told apart by its first key: `n` a node, `r` a relationship. */
export type BodyLine = { node: NodeLine } | { relationship: RelationshipLine };

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

const isMap = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Parses one body line and checks its shape (not its values: decodeProperties does).
 * @throws ValueError naming what is wrong with the line
 */
export function parseBodyLine(line: Buffer): BodyLine {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.toString('utf8'));
  } catch {
    throw new ValueError('a body line is not JSON');
  }
  if (!isMap(parsed) || !isMap(parsed.p)) throw new ValueError('a body line is not a node or a relationship');
  if (typeof parsed.n === 'string' && isStringList(parsed.l)) return { node: parsed as unknown as NodeLine };
  if (typeof parsed.r === 'string' && typeof parsed.s === 'string' && typeof parsed.e === 'string') {
    return { relationship: parsed as unknown as RelationshipLine };
  }
  throw new ValueError('a body line is not a node or a relationship');
}
