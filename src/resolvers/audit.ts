import { readAuditEvents, type AuditEvent } from '../audit';
import { badInput } from '../errors';
import type { RequestContext } from '../context';
import { intArgument } from './arguments';
import { readFor } from './read';

/** The arguments of `Query.auditEvents` as GraphQL hands them over (DateTime arguments arrive unchecked). */
export interface AuditEventsArgs {
  actor?: string | null;
  since?: string | null;
  until?: string | null;
  limit?: number | null;
  offset?: number | null;
}

const MAX_LIMIT = 500;

/** An ISO 8601 instant, or null; anything else is BAD_USER_INPUT naming the argument. */
function instant(argument: 'since' | 'until', value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time)) {
    throw badInput(argument, `must be an ISO 8601 date or date-time, e.g. 2026-11-30T08:00:00Z; got ${value}`, value);
  }
  return new Date(time).toISOString();
}

/** `Query.auditEvents` (admins only: schema/audit.graphql, enforced by src/auth/accessControl.ts). */
export async function auditEvents(
  _source: unknown,
  args: AuditEventsArgs,
  context: RequestContext,
): Promise<AuditEvent[]> {
  const filter = {
    actor: args.actor ?? null,
    since: instant('since', args.since),
    until: instant('until', args.until),
    limit: intArgument('limit', args.limit, 50, 1, MAX_LIMIT),
    offset: intArgument('offset', args.offset, 0, 0, Number.MAX_SAFE_INTEGER),
  };
  return readFor(context, (tx) => readAuditEvents(tx, filter));
}

export const auditResolvers = { Query: { auditEvents } };
