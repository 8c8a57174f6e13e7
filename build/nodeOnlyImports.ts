// Cornerstone's codecs (Emscripten glue) import Node built-ins on code paths only Node takes.
// Vite already stands an empty module in for them in the browser, warning once per import;
// naming those importers here keeps the warning for any other module — ours or a new
// library's — that reaches for a Node built-in.
import type { Plugin } from 'vite';

const NODE_ONLY = new Set(['fs', 'path', 'url']);
const IMPORTERS = /[\\/]node_modules[\\/]@cornerstonejs[\\/]codec-[^\\/]+[\\/]/;
const STAND_IN = '\0drim-node-only-import';

export function nodeOnlyImports(): Plugin {
  return {
    name: 'drim-node-only-imports',
    enforce: 'pre',
    resolveId(source, importer) {
      if (NODE_ONLY.has(source) && importer !== undefined && IMPORTERS.test(importer)) {
        return STAND_IN;
      }
      return null;
    },
    load(id) {
      return id === STAND_IN ? 'export default {};' : null;
    },
  };
}
