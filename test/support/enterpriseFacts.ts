import type { EnterpriseFacts } from '../../src/aggregates/contributions';

/** An enterprise's facts as enterpriseFacts.cypher reads them: one that exists and has nothing, but `over`. */
export const enterpriseFacts = (over: Partial<EnterpriseFacts> = {}): EnterpriseFacts => ({
  exists: true,
  regions: [],
  chains: [],
  leadingChain: false,
  backbone: false,
  foundedYear: null,
  holds: [],
  firstPlatformYear: null,
  years: [],
  segments: [],
  universities: [],
  ...over,
});
