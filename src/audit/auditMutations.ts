import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Driver } from 'neo4j-driver';
import type { Principal } from '../auth';
import { touchedByMutation } from '../aggregates';
import { auditedDriver } from './auditedDriver';
import { subjectOf } from './record';

/** What a mutation's audit needs of the request context (src/server.ts's RequestContext has it). */
export interface AuditedContext {
  executionContext: Driver;
  principal: Principal;
  requestId: string;
  clientRequestId?: string | null;
  /** Called when a write marked the maintained aggregates stale (the server starts a rebuild). */
  onAggregatesStale?: () => void;
}

const SELF_AUDITED = Symbol('selfAudited');

/**
 * Marks a Mutation resolver of ours that records its own AuditEvent in its own transaction (an undo of an import:
 * several statements, which the audited driver's one-result-per-write cannot count), so that
 * {@link auditMutations} leaves it as it is instead of recording a second event.
 */
export function selfAudited<F extends (...args: never[]) => unknown>(resolve: F): F {
  return Object.assign(resolve, { [SELF_AUDITED]: true });
}

/** The names of the self-audited resolvers of a resolver map's `Mutation` (@neo4j/graphql wraps the functions it is
 * given, so the mark is read from our own map, before the schema is built). */
export function selfAuditedFields(resolvers: { Mutation?: Record<string, unknown> }): Set<string> {
  return new Set(
    Object.entries(resolvers.Mutation ?? {})
      .filter(
        ([, resolve]) => typeof resolve === 'function' && (resolve as unknown as Record<symbol, unknown>)[SELF_AUDITED],
      )
      .map(([name]) => name),
  );
}

/**
 * Makes every Mutation root field of the schema audited: the field's resolver (@neo4j/graphql's) runs with a context
 * whose driver records an AuditEvent named after the field in the write's own transaction ({@link auditedDriver}),
 * and keeps the maintained aggregates right for the nodes the field's arguments touch (src/aggregates/touched.ts).
 * The request's context itself is not changed: each root field gets its own copy, so the events of a mutation with
 * several root fields each carry their own field name and counts. Root fields of a mutation run one after another.
 */
export function auditMutations(schema: GraphQLSchema, except: ReadonlySet<string> = new Set()): void {
  const mutation = schema.getMutationType();
  if (!mutation) return;
  for (const field of Object.values(mutation.getFields())) {
    if (except.has(field.name)) continue;
    const resolve: GraphQLFieldResolver<unknown, AuditedContext> = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, context: AuditedContext, info) => {
      const subject = subjectOf(context.principal, info.fieldName, context.requestId, context.clientRequestId ?? null);
      const touched = touchedByMutation(info.parentType.getFields()[info.fieldName]?.args ?? [], args);
      const executionContext = auditedDriver(context.executionContext, subject, touched, context.onAggregatesStale);
      const audited = { ...context, executionContext };
      return resolve(source, args, audited, info);
    };
  }
}
