import {
  type ConstDirectiveNode,
  type DefinitionNode,
  type FieldDefinitionNode,
  Kind,
  parse,
  valueFromASTUntyped,
} from 'graphql';
import { isRole, type Role } from '../domain';

/**
 * Who may do what, as the SDL says it (schema/access.graphql explains the directives). One table, read from the
 * same directives @neo4j/graphql enforces, so that a new field is protected by writing its directive and nowhere else.
 */
export interface AccessRules {
  /** Query root fields that need more than {@link AccessRules.readRole}, with the role each needs. */
  queryFields: ReadonlyMap<string, Role>;
  /** What every other Query root field needs. */
  readRole: Role;
  /** What every Mutation root field needs (the `extend schema @authentication` of schema/access.graphql). */
  writeRole: Role;
  /** Mutation root fields that need more than {@link AccessRules.writeRole} (their own @authentication). */
  mutationFields: ReadonlyMap<string, Role>;
  /** Confidential field names, with the role needed to select, filter or sort on a field of that name. */
  confidentialFields: ReadonlyMap<string, Role>;
}

/**
 * The role each field of our own resolvers on a generated type needs (`@customResolver`, which @neo4j/graphql does not
 * let carry @authorization): the access check refuses it like a confidential field, and its resolver checks again.
 * A @customResolver field missing here fails the build.
 */
export const CUSTOM_FIELD_ROLES: ReadonlyMap<string, Role> = new Map<string, Role>([
  ['partnerSuggestions', 'planner'],
  ['deputySuggestions', 'planner'],
]);

/** The lowest role of all: what reading anything needs. */
export const READ_ROLE: Role = 'viewer';

function at(value: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>(
    (v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
    value,
  );
}

/**
 * The role a directive's rule names. Only the form the project uses is understood: `jwt: { roles: { includes: R } }`
 * (inside `validate: [{ where: … }]` for @authorization); any other form fails the build loudly, because a rule this
 * table cannot read would be enforced by @neo4j/graphql on some paths and by nothing on the others.
 */
function roleOf(directive: ConstDirectiveNode, where: string): Role {
  const args = Object.fromEntries((directive.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]));
  const path = directive.name.value === 'authorization' ? ['validate', 0, 'where', 'jwt'] : ['jwt'];
  const jwt = at(args, path);
  const role = at(jwt, ['roles', 'includes']);
  const single = directive.name.value !== 'authorization' || (at(args, ['validate']) as unknown[]).length === 1;
  if (!isRole(role) || !single || Object.keys(jwt as object).length !== 1) {
    throw new Error(
      `${where}: @${directive.name.value} must be written as ${directive.name.value === 'authorization' ? 'validate: [{ where: { jwt: { roles: { includes: "<role>" } } } }]' : 'jwt: { roles: { includes: "<role>" } }'} with a known role (src/auth/accessRules.ts reads it)`,
    );
  }
  return role;
}

function directive(node: { directives?: readonly ConstDirectiveNode[] }, name: string) {
  return node.directives?.find((d) => d.name.value === name);
}

function fieldsOf(definition: DefinitionNode, typeName: string): readonly FieldDefinitionNode[] {
  if (
    (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
    definition.name.value === typeName
  ) {
    return definition.fields ?? [];
  }
  return [];
}

/** Reads the access rules from the SDL texts (see {@link AccessRules}). */
export function accessRulesOf(typeDefs: readonly string[]): AccessRules {
  const queryFields = new Map<string, Role>();
  const mutationFields = new Map<string, Role>();
  const confidentialFields = new Map<string, Role>();
  let writeRole: Role | undefined;
  for (const sdl of typeDefs) {
    for (const definition of parse(sdl).definitions) {
      if (definition.kind === Kind.SCHEMA_EXTENSION || definition.kind === Kind.SCHEMA_DEFINITION) {
        const rule = directive(definition, 'authentication');
        if (rule) writeRole = roleOf(rule, 'extend schema');
      }
      for (const field of fieldsOf(definition, 'Query')) {
        const rule = directive(field, 'authentication');
        if (rule) queryFields.set(field.name.value, roleOf(rule, `Query.${field.name.value}`));
      }
      for (const field of fieldsOf(definition, 'Mutation')) {
        const rule = directive(field, 'authentication');
        if (rule) mutationFields.set(field.name.value, roleOf(rule, `Mutation.${field.name.value}`));
      }
      if (
        definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
        definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
        definition.kind !== Kind.INTERFACE_TYPE_DEFINITION
      )
        continue;
      for (const field of definition.fields ?? []) {
        const rule = directive(field, 'authorization');
        const where = `${definition.name.value}.${field.name.value}`;
        const custom = directive(field, 'customResolver') ? CUSTOM_FIELD_ROLES.get(field.name.value) : undefined;
        if (directive(field, 'customResolver') && custom === undefined) {
          throw new Error(
            `${where}: a @customResolver field needs its role in CUSTOM_FIELD_ROLES (src/auth/accessRules.ts)`,
          );
        }
        if (!rule && custom === undefined) continue;
        const role = rule ? roleOf(rule, where) : (custom as Role);
        const known = confidentialFields.get(field.name.value);
        if (known !== undefined && known !== role) {
          throw new Error(`${where}: another field named ${field.name.value} needs ${known}; give both the same role`);
        }
        confidentialFields.set(field.name.value, role);
      }
    }
  }
  if (writeRole === undefined) {
    throw new Error('schema/: no `extend schema @authentication(…)` says which role may write (schema/access.graphql)');
  }
  return { queryFields, readRole: READ_ROLE, writeRole, mutationFields, confidentialFields };
}
