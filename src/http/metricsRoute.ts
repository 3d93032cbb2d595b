import type { Express, RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import { hasRole, principalOfResponse } from '../auth';
import { ErrorCode, sendError } from '../errors';

/**
 * `GET /metrics`, Prometheus metrics from `registry` (src/http/metrics.ts): loopback clients in local mode; with
 * tokens, an admin's (a scraper sends a bearer token too). `authenticated` establishes the principal. On the app
 * itself, as healthRoutes.
 */
export function metricsRoute(app: Express, registry: Registry, authenticated: RequestHandler): void {
  app.get('/metrics', authenticated, async (_req, res) => {
    const principal = principalOfResponse(res);
    if (principal.via !== 'local' && !hasRole(principal, 'admin')) {
      sendError(res, ErrorCode.FORBIDDEN, 'Forbidden: /metrics needs the admin role.', { needs: 'admin' });
      return;
    }
    res.setHeader('content-type', registry.contentType);
    res.send(await registry.metrics());
  });
}
