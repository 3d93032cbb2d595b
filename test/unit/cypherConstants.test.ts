import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCypher, writeConstants } from '../../src/db';
import { CYPHER_CONSTANTS, LAB_KINDS, RULE_DEFAULTS } from '../../src/domain';
import { fromRoot } from '../../src/paths';

/** Every .cypher file under cypher/, as [folder, file]. */
function cypherFiles(): [string, string][] {
  return readdirSync(fromRoot('cypher'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.cypher'))
    .map((f) => [path.dirname(f), path.basename(f)]);
}

describe('domain constants written into Cypher ({{NAME}})', () => {
  it('each rule default reaches the gap statement that compares against it', () => {
    const gaps: [string, string][] = [
      ['enterprisesWithoutRdInstitution.cypher', `= ${RULE_DEFAULTS.R1.minRevenue} AS defaults`],
      ['enterprisesWithoutLandmarkAchievement.cypher', `= ${RULE_DEFAULTS.R2.withinYears} AS defaults`],
      ['enterprisesWithoutConsortium.cypher', `= ${RULE_DEFAULTS.R3.minRevenue} AS defaults`],
      ['enterprisesNotTechLeader.cypher', `= ${RULE_DEFAULTS.R4.minRevenue} AS defaults`],
    ];
    for (const [file, expected] of gaps) {
      const text = loadCypher('gaps', file);
      expect([file, text.includes(expected), text.includes('{{')]).toEqual([file, true, false]);
    }
    expect(loadCypher('gaps', 'chainsWithoutLabPartner.cypher')).toContain(
      `lab.kind IN [${LAB_KINDS.map((k) => `'${k}'`).join(', ')}]`,
    );
  });

  it('every {{NAME}} in cypher/ names a constant, and no loaded statement keeps one', () => {
    const named = cypherFiles().flatMap(([dir, file]) =>
      [...readFileSync(fromRoot('cypher', dir, file), 'utf8').matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]),
    );
    expect(named.length).toBeGreaterThanOrEqual(6);
    expect(named.filter((name) => !Object.hasOwn(CYPHER_CONSTANTS, name ?? ''))).toEqual([]);
    for (const [dir, file] of cypherFiles().filter(([dir]) => dir !== 'migrations' && dir !== 'seed')) {
      expect([dir, file, /\{\{/.test(loadCypher(dir, file))]).toEqual([dir, file, false]);
    }
  });

  it('an unknown name fails at load time, naming the file and the name', () => {
    expect(() => writeConstants('RETURN {{NO_SUCH}}', 'gaps/x.cypher')).toThrow(
      'gaps/x.cypher: {{NO_SUCH}} is not a constant of CYPHER_CONSTANTS (src/domain)',
    );
    expect(writeConstants('RETURN {{ R1_MIN_REVENUE }} AS n')).toBe(`RETURN ${RULE_DEFAULTS.R1.minRevenue} AS n`);
  });
});
