import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLSchema,
  isInputObjectType,
  isInputType,
  isListType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { AppError, ErrorCode } from '../errors';
import type { AccessRules } from './accessRules';
import { hasRole, type Principal } from './principal';
import type { Role } from './roles';

/** One thing a request asked for that its principal's roles do not allow. */
export interface Refusal {
  /** A root field (`deleteEnterprises`), or a confidential field where it was met (`Enterprise.revenue`). */
  what: string;
  needs: Role;
  kind: 'operation' | 'confidential field';
}

/** The root fields an operation selects, through fragments and inline fragments (introspection fields left out). */
function rootFields(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): void => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (!s.name.value.startsWith('__')) names.add(s.name.value);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        walk(s.selectionSet);
      } else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const fragment = fragments.get(s.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return [...names];
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
  if (value === null || value === undefined) return;
  const t = getNullableType(type);
  if (isListType(t)) {
    for (const item of Array.isArray(value) ? value : [value]) inputRefusals(t.ofType, item, lacking, found);
    return;
  }
  if (!isInputObjectType(t) || typeof value !== 'object') return;
  const fields = t.getFields();
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const name = confidentialName(key, lacking);
    if (name !== undefined) found.set(`${t.name}.${key}`, lacking.get(name) as Role);
    const field = fields[key];
    if (field) inputRefusals(field.type, inner, lacking, found);
  }
}

/**
 * What an operation asks for that `principal` may not have (empty when everything is allowed):
 * - each root field whose role (AccessRules) the principal lacks — Query fields by their directive or the read role,
 *   Mutation fields by the write role;
 * - each confidential field the principal's roles do not reach, wherever it appears: selected (under any type, so
 *   aggregates, connections, interfaces and @cypher results are covered alike), or set in an argument (filters,
 *   sorts, aggregate filters) inline or through a variable.
 */
export function refusalsOf(
  rules: AccessRules,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  principal: Principal,
): Refusal[] {
  const refusals: Refusal[] = [];
  for (const field of rootFields(document, operation)) {
    const needs =
      operation.operation === 'query'
        ? (rules.queryFields.get(field) ?? rules.readRole)
        : operation.operation === 'mutation'
          ? rules.writeRole
          : 'admin';
    if (!hasRole(principal, needs)) refusals.push({ what: field, needs, kind: 'operation' });
  }
  const lacking = new Map([...rules.confidentialFields].filter(([, role]) => !hasRole(principal, role)));
  if (lacking.size === 0) return refusals;

  const found = new Map<string, Role>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
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
    }),
  );
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type);
    if (type && isInputType(type)) inputRefusals(type, variables[definition.variable.name.value], lacking, found);
  }
  for (const [what, needs] of found) refusals.push({ what, needs, kind: 'confidential field' });
  return refusals;
}

/** The 403 FORBIDDEN of a refused request: names every refused field or operation and the role it needs. */
export function forbidden(refusals: readonly Refusal[], principal: Principal): AppError {
  const parts = refusals.map((r) =>
    r.kind === 'operation' ? `${r.what} needs the ${r.needs} role` : `${r.what} is confidential (${r.needs} role)`,
  );
  const roles = principal.roles.length > 0 ? principal.roles.join(', ') : 'none';
  return new AppError(ErrorCode.FORBIDDEN, `Forbidden: ${parts.join('; ')}. Your roles: ${roles}.`, {
    refused: refusals.map(({ what, needs }) => ({ what, needs })),
  });
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
