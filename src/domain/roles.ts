/**
 * The roles, lowest first. They nest: each role may do everything the roles before it may, and more.
 * - viewer: the public directory, maps, metrics, the target review;
 * - planner: also the confidential figures (revenue, R&D spending and staff), gap lists, partner suggestions, exports;
 * - editor: also every mutation and import;
 * - admin: also the audit trail and undoing imports.
 * Any other role name grants nothing.
 */
export const ROLES = ['viewer', 'planner', 'editor', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(name: unknown): name is Role {
  return typeof name === 'string' && (ROLES as readonly string[]).includes(name);
}

/** The known roles among `names`, each once, lowest first (unknown names are dropped: they grant nothing). */
export function knownRoles(names: readonly unknown[]): Role[] {
  return ROLES.filter((role) => names.includes(role));
}

/**
 * Every role that `granted` implies: each granted role and all roles below it, lowest first. Rules (the SDL's
 * directives, src/auth/accessRules.ts) then name only the lowest role they need, and `includes` is the whole check.
 */
export function expandRoles(granted: readonly Role[]): Role[] {
  const top = Math.max(-1, ...granted.map((role) => ROLES.indexOf(role)));
  return ROLES.slice(0, top + 1);
}
