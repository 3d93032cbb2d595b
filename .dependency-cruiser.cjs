// The layers of the server's code and the folder-surface rule (docs/style.md, "Layers"). `npm run lint` runs it;
// `npm run layers` prints every folder and file edge it checked. A rule here is the only place an import order is
// written down: change the list, not an individual import, when the design changes.

/**
 * Lowest first. A module may import from its own layer's folder and from any layer before it, never from a later one;
 * two folders of the same layer may not import each other (so there is no folder cycle). Paths are relative to the
 * repository root.
 */
const LAYERS = [
  { name: 'paths', path: '^src/paths\\.ts$' },
  { name: 'lib', path: '^src/lib/' },
  { name: 'domain', path: ['^src/domain/', '^seed/reference/'] },
  { name: 'config', path: '^src/config/' },
  { name: 'logger', path: '^src/logger\\.ts$' },
  { name: 'errors', path: '^src/errors/' },
  { name: 'auth', path: '^src/auth/' },
  { name: 'db', path: '^src/db/' },
  { name: 'aggregates', path: '^src/aggregates/' },
  { name: 'queries', path: '^src/queries/' },
  { name: 'history', path: '^src/history/' },
  { name: 'audit', path: '^src/audit/' },
  { name: 'work', path: ['^src/backup/', '^src/export/', '^src/import/'] },
  { name: 'context', path: '^src/context\\.ts$' },
  { name: 'resolvers', path: '^src/resolvers/' },
  { name: 'graphql', path: '^src/graphql/' },
  { name: 'http', path: '^src/http/' },
  { name: 'seed', path: '^seed/(?!reference/)' },
  { name: 'server', path: ['^src/server\\.ts$', '^src/bootstrap\\.ts$'] },
  { name: 'main', path: '^src/index\\.ts$' },
  { name: 'cli', path: '^src/cli/' },
];

const asList = (path) => (Array.isArray(path) ? path : [path]);

/** One rule per layer: nothing of it imports a later layer. */
const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.name}`,
  comment: `${layer.name} may import only from ${LAYERS.slice(0, i + 1)
    .map((l) => l.name)
    .join(', ')} (lowest first)`,
  severity: 'error',
  from: { path: asList(layer.path) },
  to: { path: LAYERS.slice(i + 1).flatMap((l) => asList(l.path)) },
}));

/** Folders that share a layer stay apart. */
const siblingRules = LAYERS.filter((l) => asList(l.path).length > 1).flatMap((layer) =>
  asList(layer.path).map((from) => ({
    name: `layer-${layer.name}-siblings`,
    comment: `the folders of layer ${layer.name} do not import each other`,
    severity: 'error',
    from: { path: from },
    to: { path: asList(layer.path).filter((p) => p !== from) },
  })),
);

module.exports = {
  forbidden: [
    ...layerRules,
    ...siblingRules,
    {
      name: 'folder-surface',
      comment:
        "another folder is reached through its index.ts ('../db', never '../db/driver'): what a folder exports " +
        'there is its public surface (graphql-js keeps the same rule)',
      severity: 'error',
      from: { path: '^(src|seed)/([^/]+)/' },
      to: {
        path: '^src/[^/]+/.+',
        pathNot: ['^$1/$2/', '^src/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'folder-surface-top',
      comment: 'a file at the top of src/ or seed/ reaches a folder through its index.ts as well',
      severity: 'error',
      from: { path: '^(src|seed)/[^/]+\\.ts$' },
      to: { path: '^src/[^/]+/.+', pathNot: '^src/[^/]+/index\\.ts$' },
    },
    {
      name: 'no-circular',
      comment: 'a file cycle is a module split along the wrong line',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-test-code',
      comment: 'the product does not import tests or benchmarks',
      severity: 'error',
      from: { path: '^(src|seed)/' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^(src|seed)/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
