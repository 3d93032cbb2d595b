// @ts-check
// The graph's vocabulary — the node labels and relationship types the schema declares — as the server ships it in
// vocabulary.json (written by `npm run explorer:manifest` from src/domain/vocabulary.ts; a test fails while it is out
// of date), so that the page names no label or type the graph does not have.

/**
 * @typedef {object} Vocabulary
 * @property {readonly string[]} labels every node label (GraphQL `@node` type), in schema order
 * @property {readonly string[]} relationshipTypes every relationship type, each once, in schema order
 */

/** @type {Promise<Vocabulary> | undefined} */
let loading;

/**
 * The vocabulary, fetched once (a failed fetch is tried again on the next call).
 * @returns {Promise<Vocabulary>}
 */
export function vocabulary() {
  loading ??= fetch(new URL('./vocabulary.json', import.meta.url)).then(async (response) => {
    if (!response.ok) throw new Error(`vocabulary.json: HTTP ${response.status}`);
    const body = /** @type {Vocabulary} */ (await response.json());
    return { labels: body.labels.map(String), relationshipTypes: body.relationshipTypes.map(String) };
  });
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
