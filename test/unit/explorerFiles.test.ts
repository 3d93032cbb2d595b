import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  EXPLORER_DOCUMENTS,
  explorerVocabulary,
  loadExplorerModule,
  VOCABULARY_FILE,
  vocabularyFileBeside,
} from '../../src/cli/explorerManifest';
import { EXPLORER_MANIFEST } from '../../src/config/trustedDocuments';
import { graphVocabulary, METRIC_DISPLAY, MetricName } from '../../src/domain';
import { fromRoot } from '../../src/paths';

/** public/explorer/palette.js's tables, as the page imports them. */
interface Palette {
  GROUP: string;
  NODE_COLORS: Record<string, string>;
  RELATIONSHIP_COLORS: Record<string, string>;
  LABEL_NAMES_ZH: Record<string, string>;
  RELATIONSHIP_NAMES: Record<string, Record<string, [string, string]>>;
  nodeColor(label: string): string;
  DEFAULT_NODE_COLOR: string;
}

const palette = () => loadExplorerModule(fromRoot('public', 'explorer', 'palette.js')) as unknown as Palette;

describe("the explorer's vocabulary (public/explorer/vocabulary.json) and the tables keyed on it", () => {
  it('vocabulary.json is current: run npm run explorer:manifest after changing a label, relationship or metric name', () => {
    const shipped = readFileSync(vocabularyFileBeside(EXPLORER_MANIFEST), 'utf8');
    expect(shipped === explorerVocabulary()).toBe(true);
    expect(JSON.parse(shipped)).toEqual({
      labels: [...graphVocabulary().labels],
      relationshipTypes: [...graphVocabulary().relationshipTypes],
      metrics: METRIC_DISPLAY,
    });
    // Every MetricName of the schema has its names (the dashboard shows them, never the enum value).
    expect(Object.keys(JSON.parse(shipped).metrics).sort()).toEqual(Object.values(MetricName).sort());
  });

  it('is written beside the manifest, wherever --out puts that', () => {
    expect(vocabularyFileBeside(EXPLORER_MANIFEST)).toBe(fromRoot('public', 'explorer', VOCABULARY_FILE));
    expect(vocabularyFileBeside('/tmp/x/manifest.json')).toBe(path.join('/tmp/x', VOCABULARY_FILE));
  });

  it("palette.js colours and names only labels of the graph's vocabulary (besides its own group type)", () => {
    const { labels } = graphVocabulary();
    const { GROUP, NODE_COLORS, LABEL_NAMES_ZH } = palette();
    expect(Object.keys(NODE_COLORS).filter((label) => !labels.includes(label))).toEqual([]);
    expect(Object.keys(LABEL_NAMES_ZH).filter((label) => label !== GROUP && !labels.includes(label))).toEqual([]);
    expect(labels).not.toContain(GROUP);
  });

  it("palette.js colours and names only relationship types of the graph's vocabulary", () => {
    const { relationshipTypes } = graphVocabulary();
    const { RELATIONSHIP_COLORS, RELATIONSHIP_NAMES } = palette();
    const named = Object.values(RELATIONSHIP_NAMES).flatMap((names) => Object.keys(names));
    expect([...Object.keys(RELATIONSHIP_COLORS), ...named].filter((t) => !relationshipTypes.includes(t))).toEqual([]);
  });

  it('gives a label without a colour of its own the default colour', () => {
    const { nodeColor, DEFAULT_NODE_COLOR, NODE_COLORS } = palette();
    expect(nodeColor('Enterprise')).toBe(NODE_COLORS.Enterprise);
    expect(nodeColor('SomeNewLabel')).toBe(DEFAULT_NODE_COLOR);
    expect(nodeColor('constructor')).toBe(DEFAULT_NODE_COLOR);
  });
});

describe('loadExplorerModule: an explorer ES module evaluated outside the browser', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'explorer-module-'));

  it("returns documents.js's exports", () => {
    const documents = loadExplorerModule(EXPLORER_DOCUMENTS);
    expect(documents.FILTERS).toEqual(['year', 'regionCode', 'chainId']);
    expect(typeof documents.gapPage).toBe('function');
  });

  it('refuses a module that imports another, naming it', () => {
    const file = path.join(dir, 'importing.js');
    writeFileSync(file, "import { x } from './other.js';\nexport const y = x;\n");
    expect(() => loadExplorerModule(file)).toThrow(/imports \.\/other\.js/);
  });
});
