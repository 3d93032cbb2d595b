import type DataLoader from 'dataloader';
import { readAuditEvents, type AuditEvent } from '../audit';
import { badInput } from '../errors';
import type { RequestContext } from '../context';
import { type Change, readChangesOfEvents, readHistory } from '../history';
import { intArgument } from './arguments';
import { batchedByLimit, limitKey } from './batched';
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
/** Changes one AuditEvent lists at most (an import's event may have tens of thousands). */
const MAX_CHANGES = 1000;
/** Events whose changes one statement reads. */
const EVENTS_PER_BATCH = 100;

/** An ISO 8601 instant, or null; anything else is BAD_USER_INPUT naming the argument. */
function instant(argument: 'since' | 'until', value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time)) {
    throw badInput(argument, `must be an ISO 8601 date or date-time, e.g. 2026-11-30T08:00:00Z; got ${value}`, value);
  }
  return new Date(time).toISOString();
}

/** `Query.auditEvents` (admins only: schema/audit.graphql, enforced by src/graphql/accessControl.ts). */
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

/** The arguments of `Query.history`. */
export interface HistoryArgs {
  id: string;
  since?: string | null;
  until?: string | null;
  limit?: number | null;
  offset?: number | null;
}

/** The confidential property names whose values the request's principal may not read (src/auth/accessRules.ts). */
function hiddenOf(context: RequestContext): ReadonlySet<string> {
  return new Set(context.hiddenProperties);
}

/** `Query.history` (planners and above: schema/history.graphql, enforced by src/graphql/accessControl.ts). */
export async function history(_source: unknown, args: HistoryArgs, context: RequestContext): Promise<Change[]> {
  if (args.id.trim() === '') throw badInput('id', 'must name a node (its id)', args.id);
  const filter = {
    id: args.id,
    since: instant('since', args.since),
    until: instant('until', args.until),
    limit: intArgument('limit', args.limit, 50, 1, MAX_LIMIT),
    offset: intArgument('offset', args.offset, 0, 0, Number.MAX_SAFE_INTEGER),
  };
  return readFor(context, (tx) => readHistory(tx, filter, hiddenOf(context)));
}

/** A request's loader of AuditEvent.changes: a page of events costs one statement per 100 events. */
const changeLoaders = new WeakMap<RequestContext, DataLoader<string, Change[]>>();

/** `AuditEvent.changes`: what the event's write changed. */
export function changes(event: AuditEvent, args: { limit?: number | null }, context: RequestContext) {
  const limit = intArgument('limit', args.limit, 100, 1, MAX_CHANGES);
  let loader = changeLoaders.get(context);
  if (loader === undefined) {
    loader = batchedByLimit(EVENTS_PER_BATCH, (ids, max) =>
      readFor(context, (tx) => readChangesOfEvents(tx, ids, max, hiddenOf(context))),
    );
    changeLoaders.set(context, loader);
  }
  return loader.load(limitKey(limit, event.id));
}

export const auditResolvers = { Query: { auditEvents, history }, AuditEvent: { changes } };
