import type { OperationDefinitionNode } from 'graphql';

/** Whether an operation asks for nothing but introspection (`__schema`, `__type`, `__typename`): no data read. */
export function onlyIntrospection(operation: OperationDefinitionNode | undefined): boolean {
  return (
    operation === undefined ||
    operation.selectionSet.selections.every((s) => s.kind === 'Field' && s.name.value.startsWith('__'))
  );
}
