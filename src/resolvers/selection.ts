import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the client's selection of the current field reaches `path` (field names, outermost first), through
 * fragments and inline fragments alike. Used to skip reading what nobody asked for, e.g. every property of a map's
 * 500 nodes when the client draws only ids and labels. @skip/@include are ignored: a conditional selection counts
 * as selected, which only ever reads more than needed, never less.
 */
export function selects(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[]): boolean {
  const reaches = (selectionSet: SelectionSetNode | undefined, rest: readonly string[], seen: Set<string>): boolean => {
    if (selectionSet === undefined) return false;
    const [name, ...deeper] = rest;
    if (name === undefined) return true;
    return selectionSet.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) {
        return selection.name.value === name && (deeper.length === 0 || reaches(selection.selectionSet, deeper, seen));
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) return reaches(selection.selectionSet, rest, seen);
      const fragmentName = selection.name.value;
      if (seen.has(fragmentName)) return false;
      const fragment = info.fragments[fragmentName];
      return reaches(fragment?.selectionSet, rest, new Set([...seen, fragmentName]));
    });
  };
  return info.fieldNodes.some((field: FieldNode) => reaches(field.selectionSet, path, new Set()));
}

/** Whether a Subgraph field's selection asks for node or edge properties. */
export function selectsMapProperties(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): boolean {
  return selects(info, ['nodes', 'properties']) || selects(info, ['edges', 'properties']);
}
