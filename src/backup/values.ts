import neo4j, { type Integer } from 'neo4j-driver';

/**
 * A property value in a backup line: JSON where JSON is exact, a one-key tagged object where it is not
 * (docs/backup-format.md, "Values"). Neo4j properties are never maps, so any object in a value position is a tag.
 */
export type EncodedValue =
  | string
  | boolean
  | number
  | EncodedValue[]
  | { $int: string }
  | { $float: number | 'NaN' | 'Infinity' | '-Infinity' | '-0' }
  | { $date: Component[] }
  | { $localTime: Component[] }
  | { $time: Component[] }
  | { $localDateTime: Component[] }
  | { $dateTime: (Component | string)[] }
  | { $duration: Component[] }
  | { $point: number[] }
  | { $bytes: string };

/** A temporal component: a JSON number when it fits a double exactly, else its digits (a Duration's seconds can). */
type Component = number | string;

/** Thrown for a value a backup cannot hold or a line whose value is not one of ours. */
export class ValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValueError';
  }
}

const component = (value: Integer | number): Component => {
  if (typeof value === 'number') return value;
  return value.inSafeRange() ? value.toNumber() : value.toString();
};

const integer = (value: unknown): Integer => {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return neo4j.int(value);
  throw new ValueError(`not an integer component: ${JSON.stringify(value)}`);
};

function encodeFloat(value: number): EncodedValue {
  if (Number.isNaN(value)) return { $float: 'NaN' };
  if (value === Infinity) return { $float: 'Infinity' };
  if (value === -Infinity) return { $float: '-Infinity' };
  if (Object.is(value, -0)) return { $float: '-0' };
  // A float with a fraction is a plain JSON number (JSON keeps every double exactly); a whole one is tagged, since a
  // plain whole number is read back as an Integer.
  return Number.isInteger(value) ? { $float: value } : value;
}

/**
 * Encodes a property value as the driver returns it (lossless integers) for a backup line: every type Neo4j can
 * store comes back from {@link decodeValue} as the same type and value.
 * @throws ValueError for a value no property can hold (a map, a node, null inside a list, …)
 */
export function encodeValue(value: unknown): EncodedValue {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return encodeFloat(value);
  if (neo4j.isInt(value)) return value.inSafeRange() ? value.toNumber() : { $int: value.toString() };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value instanceof Int8Array || value instanceof Uint8Array) {
    return { $bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  }
  if (neo4j.isDate(value)) return { $date: [value.year, value.month, value.day].map(component) };
  if (neo4j.isLocalTime(value)) {
    return { $localTime: [value.hour, value.minute, value.second, value.nanosecond].map(component) };
  }
  if (neo4j.isTime(value)) {
    return {
      $time: [value.hour, value.minute, value.second, value.nanosecond, value.timeZoneOffsetSeconds].map(component),
    };
  }
  if (neo4j.isLocalDateTime(value)) {
    const { year, month, day, hour, minute, second, nanosecond } = value;
    return { $localDateTime: [year, month, day, hour, minute, second, nanosecond].map(component) };
  }
  if (neo4j.isDateTime(value)) {
    const { year, month, day, hour, minute, second, nanosecond } = value;
    const local = [year, month, day, hour, minute, second, nanosecond].map(component);
    // The offset is kept beside a zone id: it tells the two instants of a wall-clock time that a zone repeats
    // (the end of summer time), which the driver cannot work out from the zone id alone.
    if (value.timeZoneOffsetSeconds === undefined || value.timeZoneOffsetSeconds === null) {
      throw new ValueError(`a DateTime without an offset: ${value.toString()}`);
    }
    const offset = component(value.timeZoneOffsetSeconds);
    return { $dateTime: value.timeZoneId ? [...local, offset, value.timeZoneId] : [...local, offset] };
  }
  if (neo4j.isDuration(value)) {
    return { $duration: [value.months, value.days, value.seconds, value.nanoseconds].map(component) };
  }
  if (neo4j.isPoint(value)) {
    const coordinates = [component(value.srid) as number, value.x, value.y];
    return { $point: value.z === undefined ? coordinates : [...coordinates, value.z] };
  }
  const kind = value === null ? 'null' : typeof value === 'object' ? value.constructor.name : typeof value;
  throw new ValueError(`a property value of an unsupported type (${kind})`);
}

const FLOAT_WORDS: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

function components(value: unknown, lengths: number[], tag: string): unknown[] {
  if (!Array.isArray(value) || !lengths.includes(value.length)) {
    throw new ValueError(`${tag} takes ${lengths.join(' or ')} components, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Decodes a backup line's value back to the neo4j-driver type it was written from (see {@link encodeValue}).
 * @throws ValueError for anything {@link encodeValue} does not write
 */
export function decodeValue(value: unknown): unknown {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return value;
    if (!Number.isSafeInteger(value)) throw new ValueError(`an untagged integer beyond 2^53: ${value}`);
    return neo4j.int(value);
  }
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value === null || typeof value !== 'object') throw new ValueError(`not a property value: ${String(value)}`);
  const entries = Object.entries(value);
  const [tag, raw] = entries[0] ?? [];
  if (entries.length !== 1 || tag === undefined) throw new ValueError(`not a tagged value: ${JSON.stringify(value)}`);
  switch (tag) {
    case '$int':
      return integer(raw);
    case '$float':
      if (typeof raw === 'number') return raw;
      if (typeof raw === 'string' && raw in FLOAT_WORDS) return FLOAT_WORDS[raw];
      throw new ValueError(`not a float: ${JSON.stringify(raw)}`);
    case '$bytes':
      if (typeof raw !== 'string') throw new ValueError('$bytes takes a base64 string');
      return new Int8Array(Buffer.from(raw, 'base64'));
    case '$date': {
      const [y, m, d] = components(raw, [3], tag).map(integer) as Integer[];
      return new neo4j.types.Date(y as Integer, m as Integer, d as Integer);
    }
    case '$localTime': {
      const [h, mi, s, ns] = components(raw, [4], tag).map(integer) as Integer[];
      return new neo4j.types.LocalTime(h as Integer, mi as Integer, s as Integer, ns as Integer);
    }
    case '$time': {
      const [h, mi, s, ns, offset] = components(raw, [5], tag).map(integer) as Integer[];
      return new neo4j.types.Time(h as Integer, mi as Integer, s as Integer, ns as Integer, offset as Integer);
    }
    case '$localDateTime': {
      const [y, mo, d, h, mi, s, ns] = components(raw, [7], tag).map(integer) as Integer[];
      return new neo4j.types.LocalDateTime(
        y as Integer,
        mo as Integer,
        d as Integer,
        h as Integer,
        mi as Integer,
        s as Integer,
        ns as Integer,
      );
    }
    case '$dateTime': {
      const parts = components(raw, [8, 9], tag);
      const [y, mo, d, h, mi, s, ns, offset] = parts.slice(0, 8).map(integer) as Integer[];
      const zone = parts[8];
      if (zone !== undefined && typeof zone !== 'string') throw new ValueError('a $dateTime zone is a string');
      return new neo4j.types.DateTime(
        y as Integer,
        mo as Integer,
        d as Integer,
        h as Integer,
        mi as Integer,
        s as Integer,
        ns as Integer,
        offset as Integer,
        zone,
      );
    }
    case '$duration': {
      const [months, days, seconds, nanos] = components(raw, [4], tag).map(integer) as Integer[];
      return new neo4j.types.Duration(months as Integer, days as Integer, seconds as Integer, nanos as Integer);
    }
    case '$point': {
      const parts = components(raw, [3, 4], tag);
      if (!parts.every((p) => typeof p === 'number')) throw new ValueError('$point takes numbers');
      const [srid, x, y, z] = parts as number[];
      return new neo4j.types.Point(neo4j.int(srid as number), x as number, y as number, z);
    }
    default:
      throw new ValueError(`an unknown value tag ${tag}`);
  }
}

/** Encodes a property map (see {@link encodeValue}). */
export function encodeProperties(properties: Record<string, unknown>): Record<string, EncodedValue> {
  const out: Record<string, EncodedValue> = {};
  for (const [key, value] of Object.entries(properties)) {
    try {
      out[key] = encodeValue(value);
    } catch (error) {
      throw new ValueError(`property ${key}: ${(error as Error).message}`);
    }
  }
  return out;
}

/** Decodes a property map (see {@link decodeValue}). */
export function decodeProperties(properties: unknown): Record<string, unknown> {
  if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) {
    throw new ValueError('properties are not a map');
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) {
    try {
      out[key] = decodeValue(value);
    } catch (error) {
      throw new ValueError(`property ${key}: ${(error as Error).message}`);
    }
  }
  return out;
}
