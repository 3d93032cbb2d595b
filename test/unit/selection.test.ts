import { parse, type GraphQLResolveInfo, Kind, type OperationDefinitionNode } from 'graphql';
import { selects, selectsMapProperties } from '../../src/resolvers/selection';

/** The fieldNodes and fragments a resolver of the first root field of `query` would receive. */
function infoOf(query: string): Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'> {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const root = operation.selectionSet.selections[0];
  if (root?.kind !== Kind.FIELD) throw new Error('first selection is not a field');
  const fragments = Object.fromEntries(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])),
  );
  return { fieldNodes: [root], fragments };
}

describe('selects', () => {
  it('finds a nested field selected directly', () => {
    const info = infoOf('{ neighborhood(id: "x") { nodes { id properties } edges { id } } }');
    expect(selects(info, ['nodes', 'properties'])).toBe(true);
    expect(selects(info, ['edges', 'properties'])).toBe(false);
    expect(selects(info, ['nodes'])).toBe(true);
    expect(selectsMapProperties(info)).toBe(true);
  });

  it('finds it through named and inline fragments, and not where it is absent', () => {
    const viaFragment = infoOf(`
      query { chainMap(chainId: "c") { ...G } }
      fragment G on Subgraph { edges { ... on GraphEdge { properties } } }`);
    expect(selects(viaFragment, ['edges', 'properties'])).toBe(true);
    expect(selectsMapProperties(viaFragment)).toBe(true);

    const lean = infoOf(`
      query { chainMap(chainId: "c") { ...G nodes { label } } }
      fragment G on Subgraph { nodes { id type } edges { source target } truncated }`);
    expect(selectsMapProperties(lean)).toBe(false);
    expect(selects(lean, ['nodes', 'label'])).toBe(true);
  });

  it('does not loop on a fragment that spreads itself', () => {
    const info = infoOf(`
      query { chainMap(chainId: "c") { ...A } }
      fragment A on Subgraph { ...A nodes { id } }`);
    expect(selects(info, ['nodes', 'id'])).toBe(true);
    expect(selects(info, ['nodes', 'properties'])).toBe(false);
  });
});
