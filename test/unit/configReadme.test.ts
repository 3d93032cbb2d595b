import { readFileSync } from 'node:fs';
import { shownDefault } from '../../src/config/setting';
import { SETTINGS } from '../../src/config/settings';
import { fromRoot } from '../../src/paths';

/** The rows of the README's configuration table: each variable a row names, with the default shown for it. */
function readmeSettings(): { name: string; shown: string }[] {
  const readme = readFileSync(fromRoot('README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Configuration\n'));
  const rows = section
    .slice(0, section.indexOf('\n## ', 1))
    .split('\n')
    .filter((line) => line.startsWith('| `'));
  return rows.flatMap((row) => {
    const [names = '', defaults = ''] = row
      .split('|')
      .slice(1, 3)
      .map((cell) => cell.trim());
    // `A` / `B` with `1` / `2`: each variable its default; one default for several variables is the default of each.
    const shown = defaults.split(' / ');
    return names.split(' / ').map((name, i) => ({
      name: name.replace(/`/g, ''),
      shown: (shown.length === 1 ? shown[0] : shown[i]) ?? '',
    }));
  });
}

describe("the README's configuration table and the settings table (src/config/settings.ts)", () => {
  const documented = readmeSettings();

  it('lists every setting, in the order of the settings table, and nothing else', () => {
    expect(documented.map((row) => row.name)).toEqual(Object.keys(SETTINGS));
  });

  it.each(Object.entries(SETTINGS))('shows the default of %s', (name, setting) => {
    const row = documented.find((r) => r.name === name);
    const expected = shownDefault(setting);
    // "unset" may say what unset means: `unset (off)`.
    if (expected === 'unset') expect(row?.shown).toMatch(/^unset\b/);
    else expect(row?.shown).toBe(expected);
  });
});
