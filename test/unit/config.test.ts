import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig: RESPONSE_CACHE_MB', () => {
  it('keeps 64 MiB of answers by default on the local Neo4j and on a bolt:// server', () => {
    expect(loadConfig({}).responseCacheMb).toBe(64);
    expect(loadConfig({ NEO4J_URI: 'bolt://db:7687' }).responseCacheMb).toBe(64);
    expect(loadConfig({ NEO4J_URI: 'bolt://db:7687', RESPONSE_CACHE_MB: '0' }).responseCacheMb).toBe(0);
    expect(loadConfig({ RESPONSE_CACHE_MB: '256' }).responseCacheMb).toBe(256);
  });

  it('stays on with a routing URI (the data version is a counter every member has), and says it routes', () => {
    expect(loadConfig({ NEO4J_URI: 'neo4j://cluster:7687' })).toMatchObject({ responseCacheMb: 64, routing: true });
    expect(loadConfig({ NEO4J_URI: 'neo4j+s://x.databases.neo4j.io' }).routing).toBe(true);
    expect(loadConfig({ NEO4J_URI: 'bolt://db:7687' }).routing).toBe(false);
    expect(loadConfig({ NEO4J_URI: 'neo4j://cluster:7687', RESPONSE_CACHE_MB: '0' }).responseCacheMb).toBe(0);
  });

  it('names a value that is not a whole number in range', () => {
    let error: unknown;
    try {
      loadConfig({ RESPONSE_CACHE_MB: '-1' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual(['RESPONSE_CACHE_MB=-1 is not a whole number from 0 to 16384']);
  });
});
