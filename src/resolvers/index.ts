import { metricsResolvers } from './metrics';
import { searchResolvers } from './search';

export { metric } from './metrics';
export type { MetricArgs, MetricValue } from './metrics';

/** Every resolver of our own root fields, merged by type, for Neo4jGraphQL's `resolvers`. */
export const resolvers = {
  Query: { ...metricsResolvers.Query, ...searchResolvers.Query },
};
