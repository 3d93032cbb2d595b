// GraphQL Code Generator (client preset) for the front-end kit: `npm run codegen` writes client/generated/ from the
// printed schema (schema.generated.graphql, `npm run schema:print`) and the operations in client/operations/;
// `npm run codegen:check` writes nothing and fails when the committed output is stale. Paths are relative to the
// repository root, where npm runs the CLI.
import { createHash } from 'node:crypto';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

/**
 * The key of a persisted document: the bare sha256 (hex) of its text. The preset's own `hashAlgorithm: 'sha256'`
 * writes `sha256:<hex>`, which TRUSTED_DOCUMENTS refuses at start (a key must be the hash of its text, as
 * src/config/trustedDocuments.ts checks) and which Apollo Client's persisted-query link would send as its
 * `sha256Hash`, where the API expects the hex alone.
 */
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const config: CodegenConfig = {
  schema: 'schema.generated.graphql',
  documents: 'client/operations/**/*.graphql',
  // A new operation or schema change regenerates everything; nothing else in the repository is a document.
  ignoreNoDocuments: false,
  generates: {
    'client/generated/': {
      preset: 'client',
      presetConfig: {
        // The operations select fields directly; there are no fragments to mask.
        fragmentMasking: false,
        persistedDocuments: { hashAlgorithm: sha256 },
      },
      // Apollo Client's InMemoryCache asks for __typename everywhere; with it in the documents themselves the text
      // the API runs from persisted-documents.json is the one the client's cache was written for.
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: {
        // A scalar that is not mapped here fails generation (a new scalar must be decided on, not become `any`).
        strictScalars: true,
        scalars: {
          // Exact whole yuan and 64-bit counts: strings on the wire (@neo4j/graphql's BigInt); BigInt(x) to compute.
          BigInt: 'string',
          CreditCode: 'string',
          RegionCode: 'string',
          IndustryCode: 'string',
          // ISO strings ('yyyy-mm-dd' and ISO-8601): parse them where a Date object is needed.
          Date: 'string',
          DateTime: 'string',
          JSON: 'unknown',
          JSONObject: 'Record<string, unknown>',
        },
        useTypeImports: true,
        // The kit is ES modules resolved as Node does (client/tsconfig.json, NodeNext): relative imports name the
        // file they load.
        importExtension: '.js',
      },
    },
  },
};

export default config;
