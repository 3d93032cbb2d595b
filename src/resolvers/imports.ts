import neo4j from 'neo4j-driver';
import { selfAudited, subjectOf } from '../audit';
import type { RequestContext } from '../context';
import { toPlain } from '../db';
import { type UndoReport, undoImport as undoBatch, importCypher } from '../import';
import { intArgument } from './arguments';
import { questionOf, scopedTo } from './questionIds';
import { readFor } from './read';

/** `Query.importBatches` (editors: schema/imports.graphql, enforced by src/graphql/accessControl.ts). */
export async function importBatches(
  _source: unknown,
  args: { limit?: number | null; offset?: number | null },
  context: RequestContext,
): Promise<Record<string, unknown>[]> {
  const limit = intArgument('limit', args.limit, 50, 1, 500);
  const offset = intArgument('offset', args.offset, 0, 0, Number.MAX_SAFE_INTEGER);
  return readFor(context, async (tx) => {
    const result = await tx.run(importCypher('batches'), { limit: neo4j.int(limit), offset: neo4j.int(offset) });
    return result.records.map((r) => {
      const batch = toPlain(r.get('batch')) as Record<string, unknown>;
      return { undoneAt: null, undoneBy: null, ...batch };
    });
  });
}

/**
 * `Mutation.undoImport` (admins): the same undo as `npm run import -- --undo`. It records its own AuditEvent
 * (`undo import`) in its transaction, so the mutations' audit wrapper leaves it alone (selfAudited).
 */
export const undoImport = selfAudited(
  async (_source: unknown, args: { batchId: string }, context: RequestContext): Promise<UndoReport> => {
    const subject = subjectOf(context.principal, 'undo import', context.requestId, context.clientRequestId);
    // A refusal is an UndoError: an AppError with its code (NOT_FOUND, CONFLICT) and `argument: batchId`.
    const report = await undoBatch(
      context.executionContext,
      { database: context.sessionConfig.database, timeoutMs: context.importTimeoutMs },
      args.batchId,
      subject,
      context.onAggregatesStale,
    );
    // A conflict's reason is about this batch: its id is the question's, the node's own is nodeId (questionIds.ts).
    return { ...report, conflicts: scopedTo(questionOf('undoImport', args.batchId), 'nodeId', report.conflicts) };
  },
);

export const importsResolvers = { Query: { importBatches }, Mutation: { undoImport } };
