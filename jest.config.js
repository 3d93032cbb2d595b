// Tiers, as in @neo4j/graphql: unit (no database), cypher (no database: the Cypher the server sends, pinned by
// snapshots, like @neo4j/graphql's TCK), integration (a real Neo4j started once for the run by
// test/support/globalSetup.ts), fault, e2e (HTTP and browser). `npx jest --selectProjects unit` runs one tier.
const tsJest = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
// The front-end kit (client/) is ES modules that import each other as './x.js' (NodeNext); ts-jest compiles it to
// CommonJS like the rest, so such an import is resolved without its extension, to x.ts (or to x.js where that is the
// file); the integration tests run the kit. Apollo Client 4 needs nothing: jest resolves its package's `require`
// condition, a CommonJS build (@apollo/client/__cjs), and rxjs has one too.
const kitImports = { '^(\\.{1,2}/.*)\\.js$': '$1' };

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: tsJest,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      // Snapshots of the statements under cypher/ and of the Cypher @neo4j/graphql generates (test/cypher/): a change
      // shows in review; update deliberately with `npx jest --selectProjects cypher -u` (docs/design.md).
      displayName: 'cypher',
      testEnvironment: 'node',
      transform: tsJest,
      testMatch: ['<rootDir>/test/cypher/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform: tsJest,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      moduleNameMapper: kitImports,
      globalSetup: '<rootDir>/test/support/globalSetup.ts',
      globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
    },
    {
      // Faults and attacks under load (test/fault/): slower, and run after the other tiers in CI.
      displayName: 'fault',
      testEnvironment: 'node',
      transform: tsJest,
      testMatch: ['<rootDir>/test/fault/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/globalSetup.ts',
      globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform: tsJest,
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/globalSetup.ts',
      globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
    },
  ],
};
