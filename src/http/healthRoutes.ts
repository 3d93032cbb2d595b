import type { Express } from 'express';
import { isLoopbackRequest, optionalPrincipal } from '../auth';
import type { BackupStatusSource } from '../backup';
import type { AuthConfig } from '../config';
import type { DbHealth } from '../db';

export interface HealthRoutesOptions {
  health: DbHealth;
  auth: AuthConfig;
  /** Scheduled backups, when BACKUP_DIR is set: their state is among the details. */
  backups?: BackupStatusSource;
}

/**
 * `GET /health/live` (the process answers) and `GET /health/ready` (200 while Neo4j answers and the database is
 * prepared, else 503). Readiness for anyone (a load balancer probes without a token; a bad token is ignored, never
 * 401); the details — Neo4j's version or error, the backups — only for this machine (isLoopbackRequest) or an admin
 * token. On the app itself, not an express.Router: a router would answer OPTIONS for its paths (Allow: GET, HEAD)
 * where the app's 404 does.
 */
export function healthRoutes(app: Express, { health, auth, backups }: HealthRoutesOptions): void {
  app.get('/health/live', (_req, res) => {
    res.json({ status: 'live' });
  });
  const healthCaller = optionalPrincipal(auth);
  app.get('/health/ready', async (req, res) => {
    const status = await health.current();
    const detailed = isLoopbackRequest(req) || (await healthCaller(req))?.effectiveRoles.includes('admin') === true;
    if (!detailed) {
      if (status.ready) res.json({ status: 'ready' });
      else res.status(503).json({ status: 'unavailable' });
      return;
    }
    // Scheduled backups: their state for an operator; a failing backup does not make the API unready.
    const backupState = backups === undefined ? {} : { backups: backups.status() };
    if (status.ready) res.json({ status: 'ready', neo4j: { version: status.version }, ...backupState });
    else res.status(503).json({ status: 'unavailable', neo4j: { error: status.error }, ...backupState });
  });
}
