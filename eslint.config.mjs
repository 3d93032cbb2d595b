// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'coverage/',
      'tools/neo4j/',
      '.neo4j/',
      'artifacts/',
      'public/vendor/',
      'scratch/',
      'bench/results/',
      // Written by `npm run codegen` (client/codegen.ts); its sources, client/operations/, are what a review reads.
      'client/generated/',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['public/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        window: 'readonly',
        document: 'readonly',
        fetch: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        // GraphiQL's page (public/graphiql): the UMD globals of graphiql and React.
        React: 'readonly',
        ReactDOM: 'readonly',
        GraphiQL: 'readonly',
      },
    },
  },
  {
    // The map explorer: native ES modules (index.html loads main.js), type-checked by tsconfig.explorer.json.
    files: ['public/explorer/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: {
        // Cytoscape.js, a classic script of the page (globals.d.ts types it).
        cytoscape: 'readonly',
        // DOM classes the modules check elements against.
        HTMLElement: 'readonly',
        HTMLInputElement: 'readonly',
        HTMLSelectElement: 'readonly',
        HTMLButtonElement: 'readonly',
      },
    },
    // No import cycles among the page's modules either: a view the details panel opens is registered with it
    // (navigation.js) rather than imported.
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.js'] })] },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // The dashboard: native ES modules like the explorer's (it imports the explorer's api.js and documents.js),
    // type-checked by tsconfig.explorer.json.
    files: ['public/dashboard/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: {
        // ECharts, a classic script of the page (globals.d.ts types it).
        echarts: 'readonly',
        // DOM classes the modules check elements against.
        HTMLElement: 'readonly',
        HTMLAnchorElement: 'readonly',
        HTMLInputElement: 'readonly',
        HTMLSelectElement: 'readonly',
        Option: 'readonly',
      },
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    ignores: ['public/**'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // No import cycles in the server's code (STYLE.md): a cycle is a module split along the wrong line.
    files: ['src/**/*.ts', 'seed/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // One import statement per module: a folder's surface is imported once (.dependency-cruiser.cjs).
      'import-x/no-duplicates': ['error', { 'prefer-inline': true }],
    },
  },
);
