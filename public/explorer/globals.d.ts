// The page's one global besides the DOM's: Cytoscape.js, loaded by index.html as a classic script from
// /explorer/vendor (the npm package's dist/cytoscape.min.js, whose types these are).
import type cytoscapeModule from 'cytoscape';

declare global {
  const cytoscape: typeof cytoscapeModule;
}
