// An Apollo Client for the API, as a front end would make it: an HttpLink to the API's /graphql, an optional bearer
// token, and InMemoryCache with its default type policies (each object is keyed by __typename and id; the answers
// whose content depends on the question carry an id unique to the question, README "The front-end kit").
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import type { DocumentNode } from 'graphql';

export interface ApiClientOptions {
  /** The API's GraphQL endpoint, e.g. `https://graph.example.org/graphql`. */
  url: string;
  /** A bearer token (README "Access"), or a function returning the current one; none where the API is local. */
  token?: string | (() => string | undefined);
  /**
   * Send the kit's operations by their hash, the key of client/generated/persisted-documents.json, instead of their
   * text: what an API with TRUSTED_DOCUMENTS accepts from callers below admin (README "Production front ends").
   */
  persisted?: boolean;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
  /** A cache of the caller's own (default: a new InMemoryCache with default type policies). */
  cache?: InMemoryCache;
}

/** The hash codegen embedded in a document of client/generated/graphql.ts (presetConfig.persistedDocuments). */
export function persistedHash(document: DocumentNode): string | undefined {
  const meta = (document as { __meta__?: { hash?: unknown } }).__meta__;
  return typeof meta?.hash === 'string' ? meta.hash : undefined;
}

/**
 * Operations from the kit go by hash (extensions.persistedQuery.sha256Hash, as the API expects it); any other
 * document, written by hand, goes as text. The hash is codegen's rather than one the link computes from the text it
 * prints, because the API lists the text codegen printed.
 */
function persistedLink(): ApolloLink {
  const byHash = new PersistedQueryLink({
    generateHash: (document) => {
      const hash = persistedHash(document);
      if (hash === undefined) throw new Error('a document without a persisted hash reached the persisted-query link');
      return hash;
    },
  });
  return ApolloLink.split((operation) => persistedHash(operation.query) !== undefined, byHash);
}

function authLink(token: NonNullable<ApiClientOptions['token']>): ApolloLink {
  return new SetContextLink((previous) => {
    const current = typeof token === 'function' ? token() : token;
    if (current === undefined) return {};
    return {
      headers: { ...(previous.headers as Record<string, string> | undefined), authorization: `Bearer ${current}` },
    };
  });
}

/** A client of the API at `url`. */
export function createApiClient(options: ApiClientOptions): ApolloClient {
  const links: ApolloLink[] = [];
  if (options.token !== undefined) links.push(authLink(options.token));
  if (options.persisted === true) links.push(persistedLink());
  links.push(new HttpLink({ uri: options.url, ...(options.fetch === undefined ? {} : { fetch: options.fetch }) }));
  return new ApolloClient({ link: ApolloLink.from(links), cache: options.cache ?? new InMemoryCache() });
}
