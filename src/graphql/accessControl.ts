import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  getNamedType,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  isInputType,
  type OperationDefinitionNode,
  typeFromAST,
} from 'graphql';
import { walkInput } from './inputWalk';
import { executionOf, type Includes, rootFieldNodes, visitExecuted } from './operations';
import { forbidden, hasRole, type AccessRules, type Principal, type Refusal } from '../auth';
import { ROLES, type Role } from '../domain';

/**
 * The role introspection (`__schema`, `__type`) needs when it is on (GRAPHQL_INTROSPECTION): the lowest, so any known
 * role — AUTH_ANONYMOUS_ROLE and AUTH_LOCAL_ROLE included — reads the schema, and a token whose roles are all unknown
 * (it grants nothing) does not. `__typename` alone stays open: it tells nothing.
 */
export const INTROSPECTION_ROLE: Role = ROLES[0];

const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

/** The names of the root fields an operation runs (introspection fields left out). */
function rootFields(document: DocumentNode, operation: OperationDefinitionNode, includes: Includes): string[] {
  const names = rootFieldNodes(document, operation, includes).map((f) => f.name.value);
  return [...new Set(names.filter((name) => !name.startsWith('__')))];
}

/**
 * Whether an input field's name is a confidential field's: the field itself (`revenue` in a where, a sort or an
 * aggregate filter) or a generated variant of it (`revenue_GT` and the like, should a schema option bring them back).
 */
function confidentialName(name: string, lacking: ReadonlyMap<string, Role>): string | undefined {
  if (lacking.has(name)) return name;
  return [...lacking.keys()].find((field) => name.startsWith(`${field}_`));
}

/** Every confidential input field a variable's value sets, walking the value along its declared type. */
function inputRefusals(
  type: GraphQLInputType,
  value: unknown,
  lacking: ReadonlyMap<string, Role>,
  found: Map<string, Role>,
): void {
  walkInput(type, value, (parent, key) => {
    const name = confidentialName(key, lacking);
    if (name !== undefined) found.set(`${parent.name}.${key}`, lacking.get(name) as Role);
  });
}

/**
 * What an operation asks for that `principal` may not have (empty when everything is allowed):
 * - introspection (`__schema`, `__type`) without any known role ({@link INTROSPECTION_ROLE});
 * - each root field whose role (AccessRules) the principal lacks — Query fields by their directive or the read role,
 *   Mutation fields by their own @authentication role, else the write role;
 * - each confidential field the principal's roles do not reach, wherever it appears: selected (under any type, so
 *   aggregates, connections, interfaces and @cypher results are covered alike), or set in an argument (filters,
 *   sorts, aggregate filters) inline or through a variable.
 * Only what runs counts: a field, fragment spread or inline fragment that `@skip`/`@include` leave out under the
 * request's variables (src/graphql/operations.ts, graphql-js's own rule) is not refused, nor anything under it,
 * nor a variable only it uses; the other operations of the document do not run either.
 */
export function refusalsOf(
  rules: AccessRules,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  principal: Principal,
): Refusal[] {
  const execution = executionOf(schema, operation, variables);
  const refusals: Refusal[] = [];
  if (!hasRole(principal, INTROSPECTION_ROLE)) {
    const asked = new Set(rootFieldNodes(document, operation, execution.includes).map((f) => f.name.value));
    for (const field of INTROSPECTION_FIELDS) {
      if (asked.has(field)) refusals.push({ what: field, needs: INTROSPECTION_ROLE, kind: 'operation' });
    }
  }
  for (const field of rootFields(document, operation, execution.includes)) {
    const needs =
      operation.operation === 'query'
        ? (rules.queryFields.get(field) ?? rules.readRole)
        : operation.operation === 'mutation'
          ? (rules.mutationFields.get(field) ?? rules.writeRole)
          : 'admin';
    if (!hasRole(principal, needs)) refusals.push({ what: field, needs, kind: 'operation' });
  }
  const lacking = new Map([...rules.confidentialFields].filter(([, role]) => !hasRole(principal, role)));
  if (lacking.size === 0) return refusals;

  const found = new Map<string, Role>();
  // The variables the running selections' arguments use: their values are checked below, those of a variable only a
  // skipped field uses are not.
  const used = new Set<string>();
  visitExecuted(schema, document, operation, execution.includes, (typeInfo) => ({
    // The `if` of @skip and @include (a Boolean) was read by the rule above: a variable used there only is not an input.
    Directive: (node) => (node.name.value === 'skip' || node.name.value === 'include' ? false : undefined),
    // A default value counts through the coerced variables, where it is applied when the variable is not given;
    // when they do not coerce (nothing runs), it is checked as written, on the safe side.
    VariableDefinition: () => (execution.variables ? false : undefined),
    Variable(node) {
      used.add(node.name.value);
    },
    Field(node) {
      const role = lacking.get(node.name.value);
      if (role !== undefined) found.set(`${typeInfo.getParentType()?.name ?? '?'}.${node.name.value}`, role);
    },
    ObjectField(node) {
      const name = confidentialName(node.name.value, lacking);
      if (name !== undefined) {
        found.set(
          `${getNamedType(typeInfo.getParentInputType())?.name ?? '?'}.${node.name.value}`,
          lacking.get(name) as Role,
        );
      }
    },
  }));
  const values = execution.variables ?? variables;
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (!used.has(name)) continue;
    const type = typeFromAST(schema, definition.type);
    if (type && isInputType(type)) inputRefusals(type, values[name], lacking, found);
  }
  for (const [what, needs] of found) refusals.push({ what, needs, kind: 'confidential field' });
  return refusals;
}

/**
 * The access check of every GraphQL operation, before anything runs (no database work, no cache, no audit): a
 * refusal is HTTP 403 FORBIDDEN naming what was refused. @neo4j/graphql's own directives stay in place as a second
 * line for the paths it covers.
 */
export function accessControl<TContext extends BaseContext & { principal: Principal }>(
  rules: AccessRules,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return;
          const refusals = refusalsOf(
            rules,
            schema,
            document,
            operation,
            request.variables ?? {},
            contextValue.principal,
          );
          if (refusals.length > 0) throw forbidden(refusals, contextValue.principal);
        },
      };
    },
  };
}
