import { auditResolvers } from './audit';
import { gapsResolvers } from './gaps';
import { importsResolvers } from './imports';
import { mapsResolvers } from './maps';
import { metricsResolvers } from './metrics';
import { partnersResolvers } from './partners';
import { searchResolvers } from './search';
import { seriesResolvers } from './series';
import { targetsResolvers } from './targets';

export { metric } from './metrics';
export type { MetricArgs, MetricValue } from './metrics';

/** Every resolver of our own root fields, merged by type, for Neo4jGraphQL's `resolvers`. */
export const resolvers = {
  Query: {
    ...auditResolvers.Query,
    ...gapsResolvers.Query,
    ...importsResolvers.Query,
    ...mapsResolvers.Query,
    ...metricsResolvers.Query,
    ...partnersResolvers.Query,
    ...searchResolvers.Query,
    ...seriesResolvers.Query,
    ...targetsResolvers.Query,
  },
  Mutation: {
    ...importsResolvers.Mutation,
  },
  Enterprise: partnersResolvers.Enterprise,
  AuditEvent: auditResolvers.AuditEvent,
};
export { readFor } from './read';
export { runTargetReview } from './targets';
