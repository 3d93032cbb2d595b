import busboy from 'busboy';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { type Driver, Neo4jError } from 'neo4j-driver';
import { withBookmarks } from '../db';
import { bookmarksOfResponse, sendBookmarks } from './bookmarkHeader';
import { subjectOf } from '../audit';
import { hasRole, principalOfResponse } from '../auth';
import type { Role } from '../domain';
import { classifyNeo4jError, ErrorCode, sendError } from '../errors';
import { rateLimited } from './fairness';
import {
  FileError,
  IMPORT_KINDS,
  importKind,
  parseMapping,
  runImport,
  UndoError,
  undoImport,
  writeTemplate,
} from '../import';

/** Everything the import routes need of the server. */
export interface ImportRouteDeps {
  driver: Driver;
  /** Called when an import marked the maintained aggregates stale (src/aggregates/backgroundRebuild.ts rebuilds them). */
  onAggregatesStale?: () => void;
  database: string;
  /** The transaction timeout of an import (a whole file: minutes, not a query's seconds). */
  timeoutMs: number;
  /** The largest file accepted, in bytes. */
  maxBytes: number;
  /** Authentication and the per-client rate limit, as on /graphql. */
  before: RequestHandler[];
  /** Origins other than the API's own whose pages may post here (CORS_ORIGINS). */
  corsOrigins: readonly string[];
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The answer to what an import or undo threw: a file it cannot read (400) or too large (413), a batch it cannot undo
 * (404, 409), the database's own errors by their code (503, 504); anything else goes to the last handler (500).
 */
function answerError(res: Response, error: unknown): void {
  if ((error as { tooLarge?: boolean }).tooLarge) sendError(res, ErrorCode.PAYLOAD_TOO_LARGE, (error as Error).message);
  else if (error instanceof FileError) sendError(res, ErrorCode.BAD_USER_INPUT, error.message);
  else if (error instanceof UndoError) sendError(res, error.extensions.code as ErrorCode, error.message);
  else if (error instanceof Neo4jError) {
    const { code, message } = classifyNeo4jError(error);
    sendError(res, code, message);
  } else throw error;
}

/** True when the request's principal has `role`; otherwise answers 403 naming the role and returns false. */
/** The client's own x-request-id (src/server.ts keeps it beside the server's id), or null. */
function clientRequestIdOf(res: Response): string | null {
  return (res.locals.clientRequestId as string | null | undefined) ?? null;
}

function allowed(res: Response, role: Role, what: string): boolean {
  if (hasRole(principalOfResponse(res), role)) return true;
  sendError(res, ErrorCode.FORBIDDEN, `Forbidden: ${what} needs the ${role} role.`, { needs: role });
  return false;
}

interface Upload {
  fields: Record<string, string>;
  file: { name: string; bytes: Buffer } | null;
  mapping: string | null;
}

/**
 * Reads a multipart/form-data body with busboy: the `file` part (the spreadsheet), an optional `mapping` part or
 * field, and the option fields. Over `maxBytes` (or a second spreadsheet) is a FileError-like refusal.
 */
function readUpload(req: Request, maxBytes: number): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: maxBytes, files: 2, fields: 20, fieldSize: 1_000_000 },
      });
    } catch {
      reject(new FileError('send the file as multipart/form-data, in a part named "file"'));
      return;
    }
    const upload: Upload = { fields: {}, file: null, mapping: null };
    let failure: Error | null = null;
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        failure = Object.assign(new Error(`the file is larger than ${Math.round(maxBytes / 1_048_576)} MB`), {
          tooLarge: true,
        });
      });
      stream.on('end', () => {
        const bytes = Buffer.concat(chunks);
        if (name === 'file') upload.file = { name: info.filename || 'upload', bytes };
        else if (name === 'mapping') upload.mapping = bytes.toString('utf8');
        else failure ??= new FileError(`unexpected file part ${JSON.stringify(name)}: send "file" (and "mapping")`);
      });
    });
    parser.on('field', (name, value) => {
      if (name === 'mapping') upload.mapping = value;
      else upload.fields[name] = value;
    });
    parser.on('filesLimit', () => {
      failure ??= new FileError('one spreadsheet per request (and its mapping)');
    });
    parser.on('error', (error: Error) => reject(new FileError(`the multipart body cannot be read: ${error.message}`)));
    parser.on('close', () => (failure ? reject(failure) : resolve(upload)));
    req.pipe(parser);
  });
}

function flag(value: string | undefined, name: string): boolean {
  if (value === undefined || value === '' || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1' || value === 'on') return true;
  throw new FileError(`${name} must be true or false; got ${JSON.stringify(value)}`);
}

/**
 * Whether a POST comes from another site's page. A multipart form post is a "simple" request a foreign page can send
 * without a CORS preflight, and local mode authenticates by address alone: so the browser's own word (Sec-Fetch-Site,
 * or the Origin it sends with every cross-origin POST) decides, and only the API's origin or CORS_ORIGINS may post.
 */
function crossSite(req: Request, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (typeof origin === 'string') {
    if (allowed.includes(origin)) return false;
    try {
      return new URL(origin).host !== req.headers.host;
    } catch {
      return true;
    }
  }
  const site = req.headers['sec-fetch-site'];
  return typeof site === 'string' && site !== 'same-origin' && site !== 'none';
}

/**
 * The import over HTTP, the same code path as `npm run import` (src/import/runImport.ts):
 * - `POST /import` (editor): multipart with `file` and the CLI's options as fields (`kind`, `qualification`, `year`,
 *   `sheet`, `dryRun`, `skipInvalid`, `mapping`); answers the report: 200 when the rows were written (or would be,
 *   in a dry run), 422 when a row problem kept the file out (the report lists them), 400/413 for a file that cannot
 *   be read or is too large;
 * - `POST /import/:batchId/undo` (admin): 200 with what was undone, 409 with the conflicts when it is refused;
 * - `GET /import/template/:kind` (any reader): the kind's empty template.
 */
export function importRoutes(deps: ImportRouteDeps): express.Router {
  const router = express.Router();
  const tx = { database: deps.database, timeoutMs: deps.timeoutMs };
  // One import or undo at a time per API process: each holds a connection for up to IMPORT_TIMEOUT_MS, and the
  // database runs them one after another anyway (cypher/import/lock.cypher).
  let busy = false;
  const exclusive =
    (handler: (req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response): Promise<void> => {
      if (crossSite(req, deps.corsOrigins)) {
        sendError(res, ErrorCode.FORBIDDEN, "Forbidden: imports and undos are not accepted from another site's page.");
        return;
      }
      if (busy) {
        rateLimited(res, 5, 'Another import or undo is running on this server; try again when it ends.');
        return;
      }
      busy = true;
      try {
        await handler(req, res);
      } finally {
        busy = false;
      }
    };

  router.get('/import/template/:kind', ...deps.before, async (req, res) => {
    try {
      const kind = importKind(String(req.params.kind));
      res.setHeader('content-type', XLSX);
      res.setHeader('content-disposition', `attachment; filename="${kind}-template.xlsx"`);
      res.send(await writeTemplate(kind));
    } catch (error) {
      answerError(res, error);
    }
  });

  router.post(
    '/import',
    ...deps.before,
    (_req, res, next) => (allowed(res, 'editor', 'importing') ? next() : undefined),
    exclusive(async (req, res) => {
      try {
        const upload = await readUpload(req, deps.maxBytes);
        if (!upload.file) throw new FileError('no spreadsheet: send it in a multipart part named "file"');
        const { fields } = upload;
        if (!fields.kind) throw new FileError(`kind is required: one of ${IMPORT_KINDS.join(', ')}`);
        if (fields.year !== undefined && !/^\d{4}$/.test(fields.year)) {
          throw new FileError(`year must be a 4-digit year; got ${JSON.stringify(fields.year)}`);
        }
        const principal = principalOfResponse(res);
        const report = await runImport(withBookmarks(deps.driver, bookmarksOfResponse(res)), tx, {
          bytes: upload.file.bytes,
          fileName: upload.file.name,
          kind: fields.kind,
          qualification: fields.qualification || null,
          year: fields.year ? Number(fields.year) : null,
          sheet: fields.sheet || null,
          dryRun: flag(fields.dryRun, 'dryRun'),
          skipInvalid: flag(fields.skipInvalid, 'skipInvalid'),
          mapping: upload.mapping === null ? undefined : parseMapping(upload.mapping),
          subject: subjectOf(principal, `import ${fields.kind}`, String(res.locals.requestId), clientRequestIdOf(res)),
          ...(deps.onAggregatesStale === undefined ? {} : { onAggregatesStale: deps.onAggregatesStale }),
        });
        await sendBookmarks(res);
        res.status(report.applied ? 200 : 422).json(report);
      } catch (error) {
        answerError(res, error);
      }
    }),
  );

  router.post(
    '/import/:batchId/undo',
    ...deps.before,
    (_req, res, next) => (allowed(res, 'admin', 'undoing an import') ? next() : undefined),
    exclusive(async (req, res) => {
      const principal = principalOfResponse(res);
      try {
        const subject = subjectOf(principal, 'undo import', String(res.locals.requestId), clientRequestIdOf(res));
        const report = await undoImport(
          withBookmarks(deps.driver, bookmarksOfResponse(res)),
          tx,
          String(req.params.batchId),
          subject,
          deps.onAggregatesStale,
        );
        await sendBookmarks(res);
        res.status(report.undone ? 200 : 409).json(report);
      } catch (error) {
        answerError(res, error);
      }
    }),
  );

  return router;
}
