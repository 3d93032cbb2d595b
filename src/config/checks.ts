import path from 'node:path';
import { z } from 'zod';
import type { Check } from './setting';

// The checks settings share. Each message names the setting and its value and says what is accepted, so that a user
// fixes every problem from the list alone.

/** Any text. */
export const text = (): Check<string> => () => z.string();

/** A whole number from `min` to `max`. */
export const wholeNumber =
  (min: number, max: number): Check<number> =>
  (name) =>
    z
      .string()
      .refine((raw) => /^\d+$/.test(raw) && Number(raw) >= min && Number(raw) <= max, {
        error: (issue) => `${name}=${String(issue.input)} is not a whole number from ${min} to ${max}`,
      })
      .transform(Number);

/** true, 1 or yes; false, 0 or no (in any case). */
export const flag = (): Check<boolean> => (name) =>
  z.stringbool({
    truthy: ['true', '1', 'yes'],
    falsy: ['false', '0', 'no'],
    case: 'insensitive',
    error: (issue) => `${name}=${String(issue.input)} is not a boolean (true or false)`,
  });

/** One of `values`, as written. */
export const oneOf =
  <const V extends readonly [string, ...string[]]>(values: V): Check<V[number]> =>
  (name) =>
    z.enum(values, { error: (issue) => `${name}=${String(issue.input)} is not one of ${values.join(', ')}` });

/** Text matching `pattern`; `what` names the accepted form, e.g. `a valid database name (…)`. */
export const matching =
  (pattern: RegExp, what: string): Check<string> =>
  (name) =>
    z.string().regex(pattern, { error: (issue) => `${name}=${String(issue.input)} is not ${what}` });

/** A file or folder, relative to the working directory; its absolute path. */
export const fileSystemPath = (): Check<string> => () => z.string().transform((given) => path.resolve(given));
