import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  parse,
  print,
  type SelectionNode,
  visit,
} from 'graphql';
import { loadExplorerDocuments } from '../../src/cli/explorerManifest';
import { loadConfig } from '../../src/config';
import { fromRoot } from '../../src/paths';

/**
 * The front-end kit's files (client/, README "The front-end kit"): the generated output is what codegen writes from
 * the printed schema and the operations, the API accepts its persisted documents, and the operations that mirror the
 * explorer's documents select what the explorer selects.
 */
const OPERATIONS = fromRoot('client', 'operations');

/**
 * Every operation of client/operations/*.graphql, by name, with the kit's fragments written out in place (the
 * explorer's texts have none: it shares a selection as a string constant, SUBGRAPH).
 */
function kitOperations(): Map<string, OperationDefinitionNode> {
  const operations = new Map<string, OperationDefinitionNode>();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const file of readdirSync(OPERATIONS).filter((f) => f.endsWith('.graphql'))) {
    for (const definition of parse(readFileSync(`${OPERATIONS}/${file}`, 'utf8')).definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      else if (definition.kind === Kind.OPERATION_DEFINITION && definition.name !== undefined) {
        operations.set(definition.name.value, definition);
      } else throw new Error(`${file}: every definition is a named operation or a fragment`);
    }
  }
  const spreadOut = (operation: OperationDefinitionNode): OperationDefinitionNode =>
    visit(operation, {
      // Entering, so that the selections put in place are visited in turn (a fragment inside a fragment).
      SelectionSet(node) {
        const selections = node.selections.flatMap((s): readonly SelectionNode[] => {
          if (s.kind !== Kind.FRAGMENT_SPREAD) return [s];
          const fragment = fragments.get(s.name.value);
          if (fragment === undefined) throw new Error(`no fragment ${s.name.value} in client/operations/`);
          return fragment.selectionSet.selections;
        });
        return { ...node, selections };
      },
    });
  return new Map([...operations].map(([name, operation]) => [name, spreadOut(operation)]));
}

/** The candidate's own id of a question-scoped answer, which the explorer reads under the alias `id`. */
const OWN_IDS = new Set(['candidateId', 'personId', 'enterpriseId', 'nodeId']);

/**
 * An explorer document as the kit writes it: the page keeps no cache and reads an answer's own id under the alias
 * `id`; the kit selects the question-scoped `id` and the own id both, or Apollo Client's cache would key the answer
 * by the candidate (client/operations/matchmaking.graphql).
 */
function asKitSelects(document: DocumentNode): DocumentNode {
  return visit(document, {
    SelectionSet(node) {
      const selections = node.selections.flatMap((s): SelectionNode[] =>
        s.kind === Kind.FIELD && s.alias?.value === 'id' && OWN_IDS.has(s.name.value)
          ? [
              { kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'id' } },
              { ...s, alias: undefined },
            ]
          : [s],
      );
      return { ...node, selections };
    },
  });
}

/** The kit's operation for each constant document of the explorer (`queries` of documents.js). */
const QUERY_MIRRORS: Record<string, string> = {
  neighborhood: 'Neighborhood',
  chainMap: 'ChainMap',
  chain: 'Chain',
  chainGaps: 'ChainGaps',
  segmentFirms: 'SegmentFirms',
  firmSuggestions: 'FirmSuggestions',
  personSuggestions: 'PersonSuggestions',
  search: 'QuickSearch',
  shortestPath: 'ShortestPath',
  referenceLists: 'ReferenceLists',
  history: 'History',
};

describe('the front-end kit (client/)', () => {
  it('client/generated/ is what `npm run codegen` writes from schema.generated.graphql and client/operations/', async () => {
    // The CLI itself, as `npm run codegen:check` runs it: it loads client/codegen.ts and exits 1 naming a stale file.
    const cli = fromRoot('node_modules', '@graphql-codegen', 'cli', 'esm', 'bin.js');
    const check = await promisify(execFile)(process.execPath, [cli, '--config', 'client/codegen.ts', '--check'], {
      cwd: fromRoot(),
    }).then(
      () => 'current',
      (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
    );
    expect(check).toBe('current');
  }, 120_000);

  it('its persisted documents are a TRUSTED_DOCUMENTS file the API accepts, one per operation, with __typename', () => {
    const file = fromRoot('client', 'generated', 'persisted-documents.json');
    const trusted = loadConfig({ TRUSTED_DOCUMENTS: file }).trustedDocuments;
    const listed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(Object.keys(listed).every((key) => /^[0-9a-f]{64}$/.test(key))).toBe(true);
    expect(trusted?.hashes.size).toBe(Object.keys(listed).length);
    const names = Object.values(listed).map((text) => {
      const operation = parse(text).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
      return operation?.name?.value;
    });
    expect(names.sort()).toEqual([...kitOperations().keys()].sort());
    // Apollo Client's cache reads __typename: a text run by its hash must ask for it.
    expect(Object.values(listed).every((text) => text.includes('__typename'))).toBe(true);
  });

  it("mirrors the explorer's documents (public/explorer/documents.js) where it names them", () => {
    const explorer = loadExplorerDocuments();
    // Every constant document of the page has its mirror: a new one is added to the kit too.
    expect(Object.keys(explorer.queries).sort()).toEqual(Object.keys(QUERY_MIRRORS).sort());
    const filters = { year: 'Int', regionCode: 'RegionCode', chainId: 'ID' };
    const reportFilters = { ...filters, year: 'Int!' };
    const mirrors: Record<string, string> = {
      ...Object.fromEntries(Object.entries(QUERY_MIRRORS).map(([key, name]) => [name, explorer.queries[key] ?? ''])),
      // One form of each builder, with every filter.
      EnterprisesWithoutConsortiumPage: explorer.gapPage('enterprisesWithoutConsortium', 'Enterprise', filters),
      EnterprisesWithoutConsortiumTotal: explorer.gapCount('enterprisesWithoutConsortium', filters),
      FourHavesCoverage: explorer.coverage(reportFilters),
      TargetReview: explorer.review(reportFilters),
    };
    const operations = kitOperations();
    for (const [name, text] of Object.entries(mirrors)) {
      const kit = operations.get(name);
      expect([name, kit === undefined ? 'missing' : print({ ...kit, name: undefined })]).toEqual([
        name,
        print(asKitSelects(parse(text)).definitions[0] as OperationDefinitionNode),
      ]);
    }
  });
});
