import { metricsResolvers } from './metrics';
import { searchResolvers } from './search';
import { targetsResolvers } from './targets';

export { metric } from './metrics';
export type { MetricArgs, MetricValue } from './metrics';

/** Every resolver of our own root fields, merged by type, for Neo4jGraphQL's `resolvers`. */
export const resolvers = {
  Query: { ...metricsResolvers.Query, ...searchResolvers.Query, ...targetsResolvers.Query },
};
