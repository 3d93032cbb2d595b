import express, { type Request, type RequestHandler, type Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Driver } from 'neo4j-driver';
import { hasRole, principalOfResponse, type Principal } from '../auth';
import { ErrorCode, sendError } from '../errors';
import {
  ExportError,
  type GapFields,
  type ExportFilters,
  exportGap,
  exportReview,
  latestReportYear,
  type RunOperation,
  type Table,
  toCsv,
  toXlsx,
} from '../export';
import { buildReport, DOCX_TYPE } from '../report';

export interface ExportRouteDeps {
  driver: Driver;
  database: string;
  schema: GraphQLSchema;
  gapFields: GapFields;
  /** Runs a GraphQL operation as `principal`, through the server's whole pipeline (checks, limits, access). */
  runAs: (principal: Principal, requestId: string) => RunOperation;
  /** Authentication and the per-client rate limit, as on /graphql. */
  before: RequestHandler[];
}

/** How long a report request refused because another is being made is told to wait: about one report's time. */
const REPORT_RETRY_S = 15;

const TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/** An ExportError's code as one of ours (a GraphQL error may carry a code of graphql-js's own). */
function codeOf(code: string): ErrorCode {
  return (Object.values(ErrorCode) as string[]).includes(code) ? (code as ErrorCode) : ErrorCode.BAD_USER_INPUT;
}

/** The query string's filters and format; anything malformed is an ExportError naming it. */
function optionsOf(req: Request): { filters: ExportFilters; format: keyof typeof TYPES } {
  const text = (name: string): string | null => {
    const value = req.query[name];
    if (value === undefined) return null;
    if (typeof value !== 'string') throw new ExportError(`${name} must be given once`, 'BAD_USER_INPUT');
    return value;
  };
  const year = text('year');
  if (year !== null && !/^\d{4}$/.test(year)) {
    throw new ExportError(`year must be a 4-digit year; got ${JSON.stringify(year)}`, 'BAD_USER_INPUT');
  }
  const format = text('format') ?? 'xlsx';
  if (format !== 'xlsx' && format !== 'csv') {
    throw new ExportError(`format must be xlsx or csv; got ${JSON.stringify(format)}`, 'BAD_USER_INPUT');
  }
  return {
    filters: { year: year === null ? null : Number(year), regionCode: text('regionCode'), chainId: text('chainId') },
    format,
  };
}

async function send(res: Response, table: Table, format: keyof typeof TYPES, fileName: string): Promise<void> {
  res.setHeader('content-type', TYPES[format]);
  res.setHeader('content-disposition', `attachment; filename="${fileName}.${format}"`);
  res.send(format === 'xlsx' ? await toXlsx(table) : toCsv(table));
}

/**
 * Exports for planners, the same code path and numbers as `npm run export` and the GraphQL answer:
 * - `GET /export/gap/:name?year=&regionCode=&chainId=&format=xlsx|csv` — a gap list, every page of it;
 * - `GET /export/review?year=&regionCode=&chainId=&format=` — the target review;
 * - `GET /export/report?year=&regionCode=&chainId=` — the annual review as a Word document (`npm run report`).
 * The planner role is needed (the lists hold confidential revenue); a bad option is 400 naming it.
 */
export function exportRoutes(deps: ExportRouteDeps): express.Router {
  const router = express.Router();
  const handle =
    (
      build: (run: RunOperation, req: Request, filters: ExportFilters) => Promise<Table>,
      fileName: (req: Request) => string,
    ) =>
    async (req: Request, res: Response) => {
      const principal = principalOfResponse(res);
      if (!hasRole(principal, 'planner')) {
        sendError(res, ErrorCode.FORBIDDEN, 'Forbidden: exports need the planner role.', { needs: 'planner' });
        return;
      }
      try {
        const { filters, format } = optionsOf(req);
        const table = await build(deps.runAs(principal, String(res.locals.requestId)), req, filters);
        await send(res, table, format, fileName(req));
      } catch (error) {
        if (error instanceof ExportError) sendError(res, codeOf(error.code), error.message);
        else throw error;
      }
    };
  router.get(
    '/export/gap/:name',
    ...deps.before,
    handle(
      (run, req, filters) =>
        exportGap(run, deps.schema, deps.gapFields, String(req.params.name), filters, () =>
          latestReportYear(deps.driver, deps.database),
        ),
      (req) => String(req.params.name).replace(/[^\w-]/g, ''),
    ),
  );
  // One report at a time: drawing its charts takes seconds of CPU (resvg), so a burst of requests could starve the
  // API's other work on a small server. A second one meanwhile is RATE_LIMITED with a Retry-After.
  let reportRunning = false;
  router.get('/export/report', ...deps.before, async (req: Request, res: Response) => {
    const principal = principalOfResponse(res);
    if (!hasRole(principal, 'planner')) {
      sendError(res, ErrorCode.FORBIDDEN, 'Forbidden: the report needs the planner role.', { needs: 'planner' });
      return;
    }
    if (reportRunning) {
      res.setHeader('retry-after', String(REPORT_RETRY_S));
      sendError(res, ErrorCode.RATE_LIMITED, `Another report is being made; retry in ${REPORT_RETRY_S} s.`, {
        retryAfterSeconds: REPORT_RETRY_S,
      });
      return;
    }
    reportRunning = true;
    try {
      const { filters } = optionsOf(req);
      if (filters.year === null) throw new ExportError('year is required for the report', 'BAD_USER_INPUT');
      const docx = await buildReport(deps.runAs(principal, String(res.locals.requestId)), {
        ...filters,
        year: filters.year,
      });
      res.setHeader('content-type', DOCX_TYPE);
      res.setHeader('content-disposition', `attachment; filename="report-${filters.year}.docx"`);
      res.send(docx);
    } catch (error) {
      if (error instanceof ExportError) sendError(res, codeOf(error.code), error.message);
      else throw error;
    } finally {
      reportRunning = false;
    }
  });
  router.get(
    '/export/review',
    ...deps.before,
    handle(
      (run, _req, filters) => exportReview(run, filters),
      () => 'review',
    ),
  );
  return router;
}
