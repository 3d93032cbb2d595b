// The API's error codes (README, "For front-end developers": `errors[0].extensions.code`) as Apollo Client 4 reports
// them. Apollo Client 4 accepts application/graphql-response+json first, so every error the API answers — a
// GraphQL error, and a refusal before GraphQL runs (401, 413, 429), whose body is then a GraphQL response of that
// type — is a CombinedGraphQLErrors. A client link that accepts application/json only gets GraphQL errors with 200,
// and the refusals before GraphQL as a 4xx typed application/json: a ServerError whose body is read here, so that a
// front end branches on the code either way.
import { CombinedGraphQLErrors, ServerError } from '@apollo/client';

export interface ApiError {
  /** BAD_USER_INPUT, NOT_FOUND, UNAUTHENTICATED, FORBIDDEN, PERSISTED_QUERY_NOT_LISTED, RATE_LIMITED, … */
  code: string | undefined;
  message: string;
  /** The HTTP status, when the API refused the request as a whole. */
  status: number | undefined;
  /** The argument a BAD_USER_INPUT names. */
  argument: string | undefined;
}

interface ErrorEntry {
  message?: unknown;
  extensions?: { code?: unknown; argument?: unknown } | null;
}

function fromEntry(entry: ErrorEntry | undefined, fallback: string, status: number | undefined): ApiError {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    code: text(entry?.extensions?.code),
    message: text(entry?.message) ?? fallback,
    status,
    argument: text(entry?.extensions?.argument),
  };
}

/** The API's first error in what a query threw, or null when it is not one the API answered (a network failure). */
export function apiErrorOf(error: unknown): ApiError | null {
  if (CombinedGraphQLErrors.is(error)) return fromEntry(error.errors[0], error.message, undefined);
  if (ServerError.is(error)) {
    let body: { errors?: ErrorEntry[] } = {};
    try {
      body = JSON.parse(error.bodyText) as typeof body;
    } catch {
      // not the API's JSON (a proxy's page): the status alone
    }
    return fromEntry(body.errors?.[0], error.message, error.statusCode);
  }
  return null;
}
