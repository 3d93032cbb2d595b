import {
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getDirectiveValues,
  getEnterLeaveForKind,
  getVariableValues,
  GraphQLIncludeDirective,
  type GraphQLSchema,
  GraphQLSkipDirective,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';

/** Whether an operation asks for nothing but introspection (`__schema`, `__type`, `__typename`): no data read. */
export function onlyIntrospection(operation: OperationDefinitionNode | undefined): boolean {
  return (
    operation === undefined ||
    operation.selectionSet.selections.every((s) => s.kind === 'Field' && s.name.value.startsWith('__'))
  );
}

/** Whether a field, fragment spread or inline fragment runs (see {@link executionOf}). */
export type Includes = (node: SelectionNode) => boolean;

/** Every selection counts: for callers that ask what a document names, not what a request runs. */
const EVERYTHING: Includes = () => true;

/**
 * Whether execution includes a selection under the given (coerced) variables: graphql-js's own rule, its
 * `shouldIncludeNode` (graphql/execution/collectFields, marked internal and not exported in graphql 16), written
 * with the pieces graphql exports for it — `getDirectiveValues` of `GraphQLSkipDirective` and
 * `GraphQLIncludeDirective` — so that `@skip(if: true)` wins over `@include`, and a variable reads as execution reads
 * it. The checks that run before execution must agree with it: a field that will not run is not refused.
 */
export function shouldIncludeNode(variables: Record<string, unknown>, node: SelectionNode): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}

/** What a request's operation runs, as the checks before execution need it. */
export interface Execution {
  /** The variables as execution coerces them (defaults applied), or null when they do not coerce. */
  variables: Record<string, unknown> | null;
  /** Which selections run ({@link shouldIncludeNode}). */
  includes: Includes;
}

/**
 * The request's variables coerced as execution coerces them (declared defaults applied, as `@include(if: $p)` reads
 * a `$p` not given), and the rule of which selections run. When the variables do not coerce, execution runs nothing
 * and reports that with graphql-js's own message; until then every selection counts as included, which keeps a
 * check that refuses on the safe side.
 */
export function executionOf(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  rawVariables: Readonly<Record<string, unknown>>,
): Execution {
  // The checks before execution (limits, argument guards, money, access control) each ask for the same request's
  // execution: computed once per schema, operation and variables object (weakly held: gone with the request).
  let byOperation = remembered.get(schema);
  if (byOperation === undefined) remembered.set(schema, (byOperation = new WeakMap()));
  let byVariables = byOperation.get(operation);
  if (byVariables === undefined) byOperation.set(operation, (byVariables = new WeakMap()));
  const known = byVariables.get(rawVariables);
  if (known !== undefined) return known;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  const variables = coerced.errors ? null : coerced.coerced;
  const execution: Execution =
    variables === null
      ? { variables: null, includes: EVERYTHING }
      : { variables, includes: (node) => shouldIncludeNode(variables, node) };
  byVariables.set(rawVariables, execution);
  return execution;
}

const remembered = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, WeakMap<object, Execution>>>();

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return fragments;
}

/**
 * The root field nodes an operation selects, through fragment spreads and inline fragments (each fragment once);
 * introspection fields (`__typename`, …) included. With `includes` ({@link executionOf}), only those that run.
 */
export function rootFieldNodes(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  includes: Includes = EVERYTHING,
): FieldNode[] {
  const fragments = fragmentsOf(document);
  const fields: FieldNode[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): void => {
    for (const s of set.selections) {
      if (!includes(s)) continue;
      if (s.kind === Kind.FIELD) fields.push(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const fragment = fragments.get(s.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return fields;
}

const SELECTIONS: ReadonlySet<string> = new Set([Kind.FIELD, Kind.INLINE_FRAGMENT, Kind.FRAGMENT_SPREAD]);

/**
 * Visits what an operation runs, with type information: the operation, then each fragment it reaches through a
 * spread that runs (each once, as execution does), never a selection `includes` leaves out nor anything under it —
 * so neither the other operations of the document nor a fragment spread only where it is skipped. `visitor` is
 * made once per definition visited, with the TypeInfo that walks it. The pre-execution checks that refuse a request
 * for what a field asks (access, paging, filter depth) walk this rather than the whole document.
 */
export function visitExecuted(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  includes: Includes,
  visitor: (typeInfo: TypeInfo) => ASTVisitor,
): void {
  const fragments = fragmentsOf(document);
  const queue: (OperationDefinitionNode | FragmentDefinitionNode)[] = [operation];
  const reached = new Set<string>();
  for (let i = 0; i < queue.length; i++) {
    const typeInfo = new TypeInfo(schema);
    const inner = visitor(typeInfo);
    const outer: ASTVisitor = {
      enter(node, ...rest) {
        if (SELECTIONS.has(node.kind) && !includes(node as SelectionNode)) return false;
        if (node.kind === Kind.FRAGMENT_SPREAD && !reached.has(node.name.value)) {
          reached.add(node.name.value);
          const fragment = fragments.get(node.name.value);
          if (fragment) queue.push(fragment);
        }
        return getEnterLeaveForKind(inner, node.kind).enter?.call(inner, node, ...rest);
      },
      leave(node, ...rest) {
        return getEnterLeaveForKind(inner, node.kind).leave?.call(inner, node, ...rest);
      },
    };
    visit(queue[i] as OperationDefinitionNode | FragmentDefinitionNode, visitWithTypeInfo(typeInfo, outer));
  }
}
