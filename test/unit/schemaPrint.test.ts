import { readFileSync } from 'node:fs';
import { buildSchema as buildFromSdl } from 'graphql';
import { GENERATED_SCHEMA, generatedSdl, parseSchemaPrintArgs } from '../../src/cli/schemaPrint';
import { fromRoot } from '../../src/paths';

describe('schema.generated.graphql (npm run schema:print)', () => {
  it('is the schema the API serves now: run npm run schema:print after changing schema/*.graphql', async () => {
    const checkedIn = readFileSync(fromRoot(GENERATED_SCHEMA), 'utf8');
    expect(checkedIn === (await generatedSdl())).toBe(true);
  }, 60_000);

  it('is SDL a client generator can read, with the fields front ends use', () => {
    const schema = buildFromSdl(readFileSync(fromRoot(GENERATED_SCHEMA), 'utf8'));
    const query = schema.getQueryType()?.getFields() ?? {};
    for (const field of [
      'neighborhood',
      'chainMap',
      'shortestPath',
      'metric',
      'targetReview',
      'enterprisesConnection',
    ]) {
      expect([field, field in query]).toEqual([field, true]);
    }
    expect(schema.getType('Subgraph')).toBeDefined();
  });

  it('takes --out and --check, and refuses anything else', () => {
    expect(parseSchemaPrintArgs(['--out', 'x.graphql', '--check'])).toEqual({
      help: false,
      out: 'x.graphql',
      check: true,
    });
    expect(() => parseSchemaPrintArgs(['--colour'])).toThrow(/Unknown option '--colour'/);
  });
});
