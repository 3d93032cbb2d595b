import { GraphQLError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';
import { formatError } from '../../src/errors';

const asFormatted = (error: GraphQLError) => formatError(error.toJSON(), error);

describe('formatError: database errors get stable codes', () => {
  it('a connection lost mid-answer (ServiceUnavailable, SessionExpired, ProtocolError) is DATABASE_UNAVAILABLE', () => {
    for (const code of ['ServiceUnavailable', 'SessionExpired', 'ProtocolError']) {
      const original = new Neo4jError('connection closed', code, '', '');
      const formatted = asFormatted(new GraphQLError('x', { originalError: original }));
      expect([code, formatted.extensions?.code]).toEqual([code, 'DATABASE_UNAVAILABLE']);
      expect(formatted.message).not.toContain('connection closed');
    }
  });

  it('an unexpected error is a bare 500, or DATABASE_UNAVAILABLE while the database is known to be down', () => {
    const error = new GraphQLError('x', { originalError: new TypeError('session.run is not a function') });
    const logged: unknown[] = [];
    const up = formatError(
      error.toJSON(),
      error,
      (e) => logged.push(e),
      () => false,
    );
    expect([up.extensions?.code, up.message]).toEqual(['INTERNAL_SERVER_ERROR', 'Internal server error.']);
    const down = formatError(
      error.toJSON(),
      error,
      (e) => logged.push(e),
      () => true,
    );
    expect(down.extensions?.code).toBe('DATABASE_UNAVAILABLE');
    // Either way the original is handed to the logger, so that the cause is not lost.
    expect(logged).toHaveLength(2);
  });

  it('an error with a code of ours keeps it whatever the database state', () => {
    const error = new GraphQLError('year: a year is a whole number', { extensions: { code: 'BAD_USER_INPUT' } });
    expect(formatError(error.toJSON(), error, undefined, () => true).extensions?.code).toBe('BAD_USER_INPUT');
  });
});
