import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Driver } from 'neo4j-driver';
import type { Principal } from '../auth/principal';
import { auditedDriver } from './auditedDriver';
import { subjectOf } from './record';

/** What a mutation's audit needs of the request context (src/server.ts's RequestContext has it). */
export interface AuditedContext {
  executionContext: Driver;
  principal: Principal;
  requestId: string;
}

/**
 * Makes every Mutation root field of the schema audited: the field's resolver (@neo4j/graphql's) runs with a context
 * whose driver records an AuditEvent named after the field in the write's own transaction ({@link auditedDriver}).
 * The request's context itself is not changed: each root field gets its own copy, so the events of a mutation with
 * several root fields each carry their own field name and counts. Root fields of a mutation run one after another.
 */
export function auditMutations(schema: GraphQLSchema): void {
  const mutation = schema.getMutationType();
  if (!mutation) return;
  for (const field of Object.values(mutation.getFields())) {
    const resolve: GraphQLFieldResolver<unknown, AuditedContext> = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, context: AuditedContext, info) => {
      const subject = subjectOf(context.principal, info.fieldName, context.requestId);
      const audited = { ...context, executionContext: auditedDriver(context.executionContext, subject) };
      return resolve(source, args, audited, info);
    };
  }
}
