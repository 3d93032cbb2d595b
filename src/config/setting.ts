import type { z } from 'zod';

/** The process environment, or a test's stand-in for it. */
export type Environment = Record<string, string | undefined>;

/** A setting's text as the settings read it: trimmed, and undefined when unset or blank. */
export type SettingText = (name: string) => string | undefined;

/** The environment seen through `SettingText`. */
export function settingText(env: Environment): SettingText {
  return (name) => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
}

/**
 * How a setting's text is checked and converted: a zod schema over the text. It is given the setting's name so that
 * every message names the setting (and, unless it is a secret, the value) and says what is accepted.
 */
export type Check<T> = (name: string) => z.ZodType<T, string>;

/** Where a setting applies, decided by other settings: it is read only there, and set elsewhere it is `otherwise`. */
export interface Scope {
  applies: (text: SettingText) => boolean;
  /** The problem of a setting set where it does not apply; none means it is ignored there. */
  otherwise?: (name: string) => string;
}

/** One environment variable: what it sets, how it is checked, and its value when unset. */
export interface Setting<T = unknown> {
  /** What it sets, in a line (the README's table says more). */
  description: string;
  check: Check<T>;
  /** The value when unset, written as in the environment; it goes through `check` like a value that is set. */
  default?: string;
  /** The README's default where it is not `default` as written: one derived at start, or what unset means. */
  shownDefault?: string;
  /** Read as given, neither trimmed nor blank-as-unset (a password may be anything). */
  verbatim?: boolean;
  scope?: Scope;
}

export type SettingTable = Record<string, Setting>;

/** What `readSettings` gives for each setting of a table: its checked value, or undefined when unset without a default. */
export type SettingValues<S extends SettingTable> = {
  [K in keyof S]: S[K] extends { default: string }
    ? z.output<ReturnType<S[K]['check']>>
    : z.output<ReturnType<S[K]['check']>> | undefined;
};

/**
 * Reads and checks every setting of `table` from `env`, in the table's order. A setting that is set and valid gives
 * its value; one unset, outside its scope or invalid gives its default (so that the checks between settings can go
 * on and every problem is found in one go). Each invalid value adds its problems, each naming the setting.
 */
export function readSettings<S extends SettingTable>(
  table: S,
  env: Environment,
): { values: SettingValues<S>; problems: string[] } {
  const text = settingText(env);
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, setting] of Object.entries(table)) {
    const schema = setting.check(name);
    // A default that fails its own check is a programmer error: parse() throws it.
    values[name] = setting.default === undefined ? undefined : schema.parse(setting.default);
    const raw = setting.verbatim ? env[name] : text(name);
    if (raw === undefined) continue;
    if (setting.scope !== undefined && !setting.scope.applies(text)) {
      if (setting.scope.otherwise !== undefined) problems.push(setting.scope.otherwise(name));
      continue;
    }
    const result = schema.safeParse(raw);
    if (result.success) values[name] = result.data;
    else problems.push(...result.error.issues.map((issue) => issue.message));
  }
  return { values: values as SettingValues<S>, problems };
}

/** The default of a setting as the README's configuration table shows it. */
export function shownDefault(setting: Setting): string {
  if (setting.shownDefault !== undefined) return setting.shownDefault;
  if (setting.default === undefined) return 'unset';
  return setting.default === '' ? 'empty' : `\`${setting.default}\``;
}
