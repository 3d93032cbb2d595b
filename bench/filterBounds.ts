/**
 * What the operation limits make of every GraphQL document the project itself sends or shows: the README's examples,
 * the explorer's documents (its persisted-query manifest, else the strings of public/explorer/*.js) and the string
 * literals of the tests and benchmarks that are valid operations. For each: the relationship filters' nesting depth
 * and cost, the whole cost, and the limits' verdict under the defaults (src/config/loadConfig.ts). No Neo4j: the check
 * runs before any database work. `npx tsx bench/filterBounds.ts [--json out.json] [--all]` (--all lists every
 * document, not only those with a relationship filter).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import {
  type DocumentNode,
  getArgumentValues,
  getNamedType,
  getNullableType,
  type GraphQLInputType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  type OperationDefinitionNode,
  parse,
  TypeInfo,
  typeFromAST,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import ts from 'typescript';
import { loadConfig } from '../src/config';
import { buildSchema } from '../src/graphql';
import { filterExpansion } from '../src/graphql/filterCost';
import { listCost, type ListLimit, operationLimits } from '../src/graphql/operationLimits';
import { fromRoot } from '../src/paths';

interface Source {
  origin: string;
  text: string;
}

/** The README's ```graphql blocks: each block may hold several anonymous operations. */
function readmeDocuments(): Source[] {
  const readme = readFileSync(fromRoot('README.md'), 'utf8');
  const found: Source[] = [];
  for (const match of readme.matchAll(/```graphql\n([\s\S]*?)```/g)) {
    const line = readme.slice(0, match.index).split('\n').length;
    found.push({ origin: `README.md:${line}`, text: match[1] ?? '' });
  }
  return found;
}

/** The explorer's documents: the manifest it ships, and the string literals of its scripts. */
function explorerDocuments(): Source[] {
  const found: Source[] = [];
  try {
    const manifest = JSON.parse(readFileSync(fromRoot('public/explorer/persisted-documents.json'), 'utf8')) as {
      operations: { name: string; body: string }[];
    };
    for (const op of manifest.operations) found.push({ origin: `explorer manifest: ${op.name}`, text: op.body });
  } catch {
    // no manifest (yet): the scripts' strings below
  }
  const dir = fromRoot('public/explorer');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    found.push(...literalsOf(path.join(dir, file), `public/explorer/${file}`));
  }
  return found;
}

/** Every string and template literal of a script; a template's `${…}` become `x` (most are ids inside quotes). */
function literalsOf(file: string, name: string): Source[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: Source[] = [];
  const at = (node: ts.Node) => `${name}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const walk = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      found.push({ origin: at(node), text: node.text });
    } else if (ts.isTemplateExpression(node)) {
      const text = node.head.text + node.templateSpans.map((s) => `x${s.literal.text}`).join('');
      found.push({ origin: at(node), text });
    }
    ts.forEachChild(node, walk);
  };
  walk(source);
  return found.filter((s) => /^\s*(query|mutation|\{)/.test(s.text) && /[{}]/.test(s.text));
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    if (statSync(full).isDirectory()) return f === 'results' ? [] : tsFiles(full);
    return f.endsWith('.ts') ? [full] : [];
  });
}

/** A plausible value for a variable of `type`: the smallest that coerces. */
function dummy(type: GraphQLInputType): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [];
  const named = getNamedType(inner);
  if (isEnumType(named)) return named.getValues()[0]?.value;
  if (isInputObjectType(named)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(named.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) value[field.name] = dummy(field.type);
    }
    return value;
  }
  switch (named.name) {
    case 'Int':
    case 'Float':
    case 'BigInt':
      return 1;
    case 'Boolean':
      return false;
    case 'Date':
      return '2024-01-01';
    case 'DateTime':
      return '2024-01-01T00:00:00Z';
    case 'RegionCode':
      return '410402';
    case 'CreditCode':
      return '91410400MA00000000';
    case 'IndustryCode':
      return 'C3011';
    default:
      return 'x';
  }
}

interface Row {
  origin: string;
  operation: string;
  depth: number;
  filterCost: number;
  cost: number;
  valuesCost: number;
  verdict: string;
  /** The verdict without the relationship-filter bounds (no depth limit, hops free): the limits before issue 24. */
  before: string;
}

async function verdictOf(
  schema: GraphQLSchema,
  plugin: ApolloServerPlugin<BaseContext>,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): Promise<string> {
  const listener = (await plugin.requestDidStart?.({} as never)) as GraphQLRequestListener<BaseContext>;
  try {
    await listener.didResolveOperation?.({
      schema,
      document,
      operation,
      request: { variables },
      queryHash: `${Math.random()}`,
    } as never);
    return 'pass';
  } catch (error) {
    const e = error as { message: string; extensions?: { code?: string } };
    return `${e.extensions?.code ?? 'error'}: ${e.message.slice(0, 120)}`;
  }
}

/** Depth and cost of the relationship filters of every field of the operation (not multiplied by lists). */
function filtersOf(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, hop: number) {
  const typeInfo = new TypeInfo(schema);
  let depth = 0;
  let cost = 0;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const field = typeInfo.getFieldDef();
        if (!field || field.args.length === 0) return;
        try {
          const found = filterExpansion(field.args, getArgumentValues(field, node, variables), hop);
          depth = Math.max(depth, found.depth);
          cost += found.cost;
        } catch {
          // an argument without a value here
        }
      },
    }),
  );
  return { depth, cost };
}

async function main() {
  const args = process.argv.slice(2);
  const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
  const all = args.includes('--all');
  const { schema, listLimits } = await buildSchema();
  const limits = loadConfig({}).limits;
  const plugin = operationLimits<BaseContext>(limits, listLimits).plugins.at(-1) as ApolloServerPlugin<BaseContext>;
  const unbounded = { ...limits, maxFilterDepth: Number.MAX_SAFE_INTEGER, filterHopCost: 0 };
  const before = operationLimits<BaseContext>(unbounded, listLimits).plugins.at(-1) as ApolloServerPlugin<BaseContext>;
  const sources: Source[] = [
    ...readmeDocuments(),
    ...explorerDocuments(),
    ...[...tsFiles(fromRoot('test')), ...tsFiles(fromRoot('bench'))].flatMap((f) =>
      literalsOf(f, path.relative(fromRoot('.'), f)),
    ),
  ];
  const rows: Row[] = [];
  const seen = new Set<string>();
  let unparsed = 0;
  let invalid = 0;
  for (const source of sources) {
    let parsed: DocumentNode;
    try {
      parsed = parse(source.text);
    } catch {
      unparsed += 1;
      continue;
    }
    const fragments = parsed.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
    for (const operation of parsed.definitions) {
      if (operation.kind !== Kind.OPERATION_DEFINITION) continue;
      const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] };
      if (validate(schema, document).length > 0) {
        invalid += 1;
        continue;
      }
      const key = JSON.stringify(document.definitions.map((d) => d.loc && source.text.slice(d.loc.start, d.loc.end)));
      if (seen.has(key)) continue;
      seen.add(key);
      const variables: Record<string, unknown> = {};
      for (const definition of operation.variableDefinitions ?? []) {
        const type = typeFromAST(schema, definition.type as never) as GraphQLInputType | undefined;
        if (type && isNonNullType(type)) variables[definition.variable.name.value] = dummy(type);
      }
      const complexity = (hop: number) =>
        getComplexity({
          schema,
          query: document,
          variables,
          estimators: [listCost(listLimits as Map<string, ListLimit>, hop)],
        });
      let cost = NaN;
      let valuesCost = NaN;
      try {
        cost = complexity(limits.filterHopCost);
        valuesCost = complexity(0);
      } catch {
        // variables that do not coerce: the verdict says so
      }
      const filters = filtersOf(schema, document, variables, limits.filterHopCost);
      rows.push({
        origin: source.origin,
        operation: source.text.replace(/\s+/g, ' ').trim().slice(0, 110),
        depth: filters.depth,
        filterCost: filters.cost,
        cost,
        valuesCost,
        verdict: await verdictOf(schema, plugin, document, operation, variables),
        before: await verdictOf(schema, before, document, operation, variables),
      });
    }
  }
  const by = (prefix: string) => rows.filter((r) => r.origin.startsWith(prefix));
  const groups: [string, Row[]][] = [
    ['README', by('README')],
    ['explorer', rows.filter((r) => r.origin.startsWith('explorer') || r.origin.startsWith('public/'))],
    ['tests', by('test/')],
    ['benchmarks', by('bench/')],
  ];
  console.log(
    `limits: MAX_FILTER_DEPTH ${limits.maxFilterDepth}, FILTER_HOP_COST ${limits.filterHopCost}, MAX_QUERY_COST ${limits.maxCost}`,
  );
  console.log(
    `${sources.length} candidate strings: ${rows.length} distinct valid operations, ${unparsed} not GraphQL, ${invalid} not valid here (templates, deliberate errors)`,
  );
  for (const [name, group] of groups) {
    const passed = group.filter((r) => r.verdict === 'pass');
    const maxDepth = Math.max(0, ...group.map((r) => r.depth));
    const maxFilter = Math.max(0, ...group.map((r) => r.filterCost));
    const costs = passed.map((r) => r.cost).filter((c) => Number.isFinite(c));
    const maxCost = Math.max(0, ...costs);
    const newlyRefused = group.filter((r) => r.verdict !== 'pass' && r.before === 'pass').length;
    console.log(
      `${name}: ${group.length} operations, ${passed.length} pass (${newlyRefused} refused only by the filter bounds), ` +
        `${group.filter((r) => r.depth > 0).length} with relationship filters; ` +
        `deepest filter ${maxDepth} (limit ${limits.maxFilterDepth}), costliest filter ${maxFilter}, ` +
        `highest cost of those passing ${maxCost} (${((100 * maxCost) / limits.maxCost).toFixed(1)} % of ${limits.maxCost})`,
    );
    for (const r of group.filter((row) => all || row.depth > 0 || row.verdict !== 'pass')) {
      console.log(
        `  ${r.verdict === 'pass' ? 'pass' : r.before === 'pass' ? 'REFUSED (new)' : 'REFUSED (before too)'}  depth ${r.depth}  filter ${r.filterCost}  cost ${r.cost} (values ${r.valuesCost})  ${r.origin}  ${r.operation}` +
          (r.verdict === 'pass' ? '' : `\n        ${r.verdict}`),
      );
    }
  }
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ limits, rows }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
