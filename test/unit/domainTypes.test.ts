import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LABELS, MetricName, PLATFORM_METRICS, QUALIFICATION_METRICS, RELATIONSHIP_TYPES } from '../../src/domain';
import { loadTypeDefs } from '../../src/graphql';
import { fromRoot } from '../../src/paths';

describe('src/domain/schema.generated.ts (npm run domain:types)', () => {
  // The generator (GraphQL Code Generator) is ESM-only below: it runs as the command does, in its own process.
  const domainTypes = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', fromRoot('src', 'cli', 'domainTypes.ts'), ...args], {
      cwd: fromRoot(),
      encoding: 'utf8',
    });

  it('is current: run npm run domain:types after changing an enum, a @node type or a relationship', () => {
    const { status, stderr } = domainTypes('--check');
    expect([status, stderr]).toEqual([0, '']);
  }, 60_000);

  it('--check fails on a file that differs, naming it and the command to run', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ig-domain-types-'));
    try {
      const out = path.join(dir, 'schema.generated.ts');
      writeFileSync(
        out,
        readFileSync(fromRoot('src', 'domain', 'schema.generated.ts'), 'utf8').replace('GAZELLE', 'X'),
      );
      const { status, stderr } = domainTypes('--check', '--out', out);
      expect([status, stderr.trim()]).toEqual([1, `${out} is not current: run npm run domain:types`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("holds the schema's enum values, labels and relationship types as the SDL spells them", () => {
    const sdl = loadTypeDefs().join('\n');
    const metricBody = /enum MetricName \{([^}]*)\}/.exec(sdl)?.[1] ?? '';
    const metricNames = metricBody.match(/^\s*[A-Z][A-Z0-9_]*\s*$/gm)?.map((n) => n.trim()) ?? [];
    expect(metricNames.length).toBeGreaterThan(15);
    expect(Object.values(MetricName)).toEqual(metricNames);
    for (const label of LABELS) expect(sdl).toMatch(new RegExp(`type ${label}\\b[^{]*@node`));
    for (const type of RELATIONSHIP_TYPES) expect(sdl).toContain(`type: "${type}"`);
  });

  it('types the metric catalogue by the schema: every metric named there is a MetricName', () => {
    const names = new Set<string>(Object.values(MetricName));
    const catalogued = [...Object.keys(QUALIFICATION_METRICS), ...Object.keys(PLATFORM_METRICS)];
    expect(catalogued.filter((name) => !names.has(name))).toEqual([]);
  });
});
