import type { NextFunction, Request, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { hasRole, type Principal, principalOfResponse } from '../auth';
import { ErrorCode, sendError, sendErrors } from '../errors';
import { sha256Hex, type TrustedDocuments } from '../config';

/** Memory for automatic persisted queries (GRAPHQL_APQ), over every role set; least recently used go first. */
export const APQ_MAX_BYTES = 16 * 1024 * 1024;

export interface PersistedDocumentsOptions {
  /** TRUSTED_DOCUMENTS (merged with the explorer's manifest): the operations callers below admin may run; null = any. */
  trusted: TrustedDocuments | null;
  /** GRAPHQL_APQ: automatic persisted queries, kept per role set. */
  apq: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The APQ partition of a caller: its role set, as the response cache partitions answers (src/server.ts). A hash
 * registered by one role set is unknown to every other, so that a viewer cannot learn from PERSISTED_QUERY_NOT_FOUND
 * whether a planner ran a text (callers with the same roles share entries, as they share cached answers).
 */
const partitionOf = (principal: Principal): string => principal.effectiveRoles.join(',');

/** What a GraphQL request names: its text, an Apollo persisted-query hash, a documentId (GraphQL over HTTP). */
interface Named {
  text: string | undefined;
  apqHash: string | undefined;
  documentId: string | undefined;
  /** The request with `query` set to `text` and the hash fields dropped, for Apollo Server. */
  rewrite(text: string): void;
  /** The request exactly as read here, so that Apollo Server reads the same (a GET's URL without a fragment). */
  pin(): void;
}

/** Reads a POST body or GET parameters as Apollo Server will (a JSON object; `query`, `extensions`, `documentId`). */
function namedIn(req: Request): Named | { error: string } | null {
  let query: unknown;
  let extensions: unknown;
  let documentId: unknown;
  let rewrite: (text: string, rest: Record<string, unknown> | undefined) => void;
  let pin = (): void => undefined;
  if (req.method === 'GET') {
    const url = new URL(req.url, 'http://localhost');
    const params = url.searchParams;
    pin = () => {
      req.url = `${url.pathname}?${params.toString()}`;
    };
    query = params.get('query') ?? undefined;
    documentId = params.get('documentId') ?? undefined;
    const raw = params.get('extensions');
    if (raw !== null) {
      try {
        extensions = JSON.parse(raw) as unknown;
      } catch {
        return null; // Apollo Server refuses it (400), and runs nothing
      }
    }
    rewrite = (text, rest) => {
      params.set('query', text);
      params.delete('documentId');
      if (rest === undefined || Object.keys(rest).length === 0) params.delete('extensions');
      else params.set('extensions', JSON.stringify(rest));
      pin();
    };
  } else if (req.method === 'POST' && isRecord(req.body)) {
    const body = req.body;
    ({ query, extensions, documentId } = body);
    rewrite = (text, rest) => {
      const { documentId: _dropped, extensions: _replaced, ...kept } = body;
      req.body = {
        ...kept,
        query: text,
        ...(rest === undefined || Object.keys(rest).length === 0 ? {} : { extensions: rest }),
      };
    };
  } else {
    return null; // not a GraphQL request Apollo Server would run
  }
  let apqHash: string | undefined;
  let rest: Record<string, unknown> | undefined;
  if (isRecord(extensions)) {
    const { persistedQuery, ...others } = extensions;
    rest = others;
    if (persistedQuery !== undefined) {
      if (!isRecord(persistedQuery) || persistedQuery.version !== 1 || typeof persistedQuery.sha256Hash !== 'string') {
        return {
          error: 'extensions.persistedQuery must be {"version": 1, "sha256Hash": "<sha256 of the text, hex>"}.',
        };
      }
      apqHash = persistedQuery.sha256Hash;
    }
  }
  if (documentId !== undefined && typeof documentId !== 'string') return { error: 'documentId must be a string.' };
  return {
    text: typeof query === 'string' && query !== '' ? query : undefined,
    apqHash,
    documentId: documentId === '' ? undefined : documentId,
    rewrite: (text) => rewrite(text, rest),
    pin,
  };
}

/** What the GraphQL route hands Apollo's status plugin for this request (RequestContext.onAnswered), if anything. */
export function onAnsweredOf(res: Response): ((status: number) => void) | undefined {
  return res.locals.onAnswered as ((status: number) => void) | undefined;
}

const WHAT_TO_DO =
  'Send the exact text of a listed operation, or its hash as extensions.persistedQuery.sha256Hash or as documentId; ' +
  'a new operation must be added to the manifest (TRUSTED_DOCUMENTS) and the API restarted. Admins may send any text.';

/**
 * Express middleware before Apollo Server on /graphql (after authentication and body parsing): trusted documents
 * and automatic persisted queries, both decided here rather than in an Apollo plugin because Apollo answers a hash it
 * does not know itself (PERSISTED_QUERY_NOT_FOUND or _NOT_SUPPORTED) before any plugin hook that may refuse a request,
 * and a plugin's requestDidStart cannot answer at all (what it throws becomes a 500). Apollo's own APQ is off
 * (`persistedQueries: false`): its cache is one for every caller.
 *
 * - TRUSTED_DOCUMENTS, for callers whose roles are all below admin: a listed hash runs its text; a full text runs
 *   when its sha256 is listed (safelisting: clients that send text keep working); anything else is 400
 *   PERSISTED_QUERY_NOT_LISTED, before Apollo parses it and before any database work. Introspection is refused
 *   too unless listed. Admins may send any text (the query console is for them in this mode).
 * - GRAPHQL_APQ: a hash and its text register the text for the caller's role set when the operation is answered
 *   200 (as application/graphql-response+json has it: a refusal never registers, whatever the client accepts); a
 *   hash alone runs the text registered for the same role set, or answers PERSISTED_QUERY_NOT_FOUND as Apollo Server
 *   does (status 200), so that Apollo Client and urql send the text again. Without it, Apollo Server answers
 *   PERSISTED_QUERY_NOT_SUPPORTED and those clients fall back to sending text.
 */
export function persistedDocuments({ trusted, apq }: PersistedDocumentsOptions) {
  const registered = apq
    ? new LRUCache<string, string>({
        maxSize: APQ_MAX_BYTES,
        sizeCalculation: (text, key) => text.length + key.length,
      })
    : null;
  return (req: Request, res: Response, next: NextFunction): void => {
    const named = namedIn(req);
    if (named === null) {
      next();
      return;
    }
    if ('error' in named) {
      sendError(res, ErrorCode.BAD_REQUEST, named.error);
      return;
    }
    const principal = principalOfResponse(res);
    const restricted = trusted !== null && !hasRole(principal, 'admin');
    const { text, apqHash, documentId } = named;

    if (text !== undefined) {
      if (!restricted && apqHash === undefined && documentId === undefined) {
        next(); // a text with nothing to check: as without this middleware
        return;
      }
      const hash = sha256Hex(text);
      if (apqHash !== undefined && apqHash !== hash) {
        sendError(res, ErrorCode.BAD_REQUEST, 'extensions.persistedQuery.sha256Hash is not the sha256 of the query.');
        return;
      }
      if (documentId !== undefined && documentId !== hash && trusted?.byId.get(documentId) !== text) {
        sendError(res, ErrorCode.BAD_REQUEST, 'documentId does not name the query sent with it.');
        return;
      }
      if (restricted && !trusted.hashes.has(hash)) {
        sendError(res, ErrorCode.PERSISTED_QUERY_NOT_LISTED, `This operation is not a trusted document. ${WHAT_TO_DO}`);
        return;
      }
      if (registered !== null && apqHash !== undefined && !restricted) {
        const key = `${partitionOf(principal)}\n${hash}`;
        // Told the status before the answer is sent (so the text is in place before the client's next request), as
        // application/graphql-response+json has it: under application/json a refusal is 200 too, and never registers.
        res.locals.onAnswered = (status: number) => {
          if (status === 200) registered.set(key, text);
        };
      }
      if (apqHash !== undefined || documentId !== undefined) named.rewrite(text);
      else named.pin();
      next();
      return;
    }

    const hash = apqHash ?? documentId;
    if (hash === undefined) {
      next(); // no operation: Apollo Server says so (400)
      return;
    }
    let resolved = trusted?.byId.get(hash);
    if (resolved === undefined && restricted) {
      sendError(res, ErrorCode.PERSISTED_QUERY_NOT_LISTED, `No trusted document has the hash ${hash}. ${WHAT_TO_DO}`);
      return;
    }
    if (resolved === undefined && apqHash !== undefined) {
      if (registered === null) {
        next(); // Apollo Server answers PERSISTED_QUERY_NOT_SUPPORTED: APQ is off (GRAPHQL_APQ)
        return;
      }
      resolved = registered.get(`${partitionOf(principal)}\n${hash}`);
      if (resolved === undefined) {
        // As Apollo Server answers it (status 200), so that the client sends the text next.
        res.locals.errorCode = 'PERSISTED_QUERY_NOT_FOUND';
        sendErrors(res, 200, [
          { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
        ]);
        return;
      }
    }
    if (resolved === undefined) {
      sendError(
        res,
        ErrorCode.PERSISTED_QUERY_NOT_LISTED,
        trusted === null
          ? 'documentId names a trusted document, but none are listed here (TRUSTED_DOCUMENTS is not set): send the query text.'
          : `No trusted document has the hash ${hash}. ${WHAT_TO_DO}`,
      );
      return;
    }
    named.rewrite(resolved);
    next();
  };
}
