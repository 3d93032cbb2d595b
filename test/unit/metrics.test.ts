import { readFileSync } from 'node:fs';
import { AVAILABLE_METRICS, isAvailableMetric } from '../../src/queries';
import { fromRoot } from '../../src/paths';

/** The values of `enum MetricName` in schema/targets.graphql. */
function metricNames(): string[] {
  const sdl = readFileSync(fromRoot('schema', 'targets.graphql'), 'utf8');
  const body = /enum MetricName \{([^}]*)\}/.exec(sdl)?.[1] ?? '';
  return body
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^[A-Z][A-Z0-9_]*$/.test(line));
}

describe('metric definitions', () => {
  it('compute every MetricName, the compliance ratios R1–R5 included', () => {
    const names = metricNames();
    expect(names.length).toBeGreaterThan(15);
    expect(names.filter((name) => !isAvailableMetric(name))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['R1_COMPLIANCE', 'R5_COMPLIANCE']));
  });

  it('define no metric that MetricName lacks', () => {
    const names = new Set(metricNames());
    expect(AVAILABLE_METRICS.filter((name) => !names.has(name))).toEqual([]);
  });

  it('do not take an inherited property name for a metric', () => {
    expect(isAvailableMetric('toString')).toBe(false);
    expect(isAvailableMetric('constructor')).toBe(false);
  });
});
