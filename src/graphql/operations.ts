import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** Whether an operation asks for nothing but introspection (`__schema`, `__type`, `__typename`): no data read. */
export function onlyIntrospection(operation: OperationDefinitionNode | undefined): boolean {
  return (
    operation === undefined ||
    operation.selectionSet.selections.every((s) => s.kind === 'Field' && s.name.value.startsWith('__'))
  );
}

/**
 * The root field nodes an operation selects, through fragment spreads and inline fragments (each fragment once);
 * introspection fields (`__typename`, …) included.
 */
export function rootFieldNodes(document: DocumentNode, operation: OperationDefinitionNode): FieldNode[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const fields: FieldNode[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): void => {
    for (const s of set.selections) {
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
