import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const packages = here('../');
const demoDir = here('../../examples/demo/');

/** The browser-safe entries of the workspace packages, as TypeScript sources (no build of them needed). */
export const browserAliases = [
  { find: /^@visor\/core$/, replacement: join(packages, 'core/src/browser.ts') },
  { find: /^@visor\/engine-tfjs$/, replacement: join(packages, 'engine-tfjs/src/browser.ts') },
  { find: /^@visor\/engine-onnx$/, replacement: join(packages, 'engine-onnx/src/browser.ts') },
  { find: /^@visor\/renderers$/, replacement: join(packages, 'renderers/src/browser.ts') },
  { find: /^@visor\/plugin-cam$/, replacement: join(packages, 'plugin-cam/src/index.ts') },
  { find: /^@visor\/plugin-occlusion$/, replacement: join(packages, 'plugin-occlusion/src/index.ts') },
  { find: /^@visor\/plugin-guided-bp$/, replacement: join(packages, 'plugin-guided-bp/src/index.ts') },
  { find: /^@visor\/plugin-metrics$/, replacement: join(packages, 'plugin-metrics/src/index.ts') },
];

/** The headers that make a page cross-origin isolated (SharedArrayBuffer, so wasm can use threads). */
export const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/** The bundled demo (examples/demo): its models, images and labels, listed in demo/index.json. */
function demoFiles(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const models = readdirSync(join(demoDir, 'models')).sort();
  const images = readdirSync(join(demoDir, 'images'))
    .filter((f) => f.endsWith('.png'))
    .sort();
  const masks = readdirSync(join(demoDir, 'images/masks'))
    .filter((f) => f.endsWith('.png'))
    .sort();
  const index = {
    models: models.map((m) => {
      const names = readdirSync(join(demoDir, 'models', m)).filter((f) => f === 'model.json' || f.endsWith('.bin'));
      for (const f of names) files.set(`models/${m}/${f}`, readFileSync(join(demoDir, 'models', m, f)));
      return {
        name: m,
        description: m === 'clever-hans' ? 'learned the watermark that every training circle carried' : 'learned the shapes',
        files: names.map((f) => `models/${m}/${f}`),
      };
    }),
    images: images.map((f) => `images/${f}`),
    masks: masks.map((f) => `images/masks/${f}`),
    labels: 'labels.json',
    preprocess: 'tf',
  };
  for (const f of images) files.set(`images/${f}`, readFileSync(join(demoDir, 'images', f)));
  for (const f of masks) files.set(`images/masks/${f}`, readFileSync(join(demoDir, 'images/masks', f)));
  files.set('labels.json', readFileSync(join(demoDir, 'labels.json')));
  files.set('index.json', Buffer.from(JSON.stringify(index, null, 2)));
  return files;
}

/** Copies the demo into the build under demo/, and serves it from examples/demo in dev. */
function demoPlugin(): Plugin {
  return {
    name: 'visor-demo',
    generateBundle() {
      for (const [name, source] of demoFiles()) this.emitFile({ type: 'asset', fileName: `demo/${name}`, source });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = /^\/demo\/(.+)$/.exec(req.url ?? '');
        const file = m && demoFiles().get(decodeURIComponent(m[1]!));
        if (!file) return next();
        res.setHeader('Content-Type', m[1]!.endsWith('.json') ? 'application/json' : 'application/octet-stream');
        res.end(file);
      });
    },
  };
}

export default defineConfig({
  root: here('./'),
  base: './',
  resolve: {
    alias: browserAliases,
    // engine-onnx's `#ort` is onnxruntime-web/wasm under `browser`. This condition picks its build that loads the
    // wasm glue (ort-wasm-simd-threaded.mjs) from a URL instead of carrying it inline: the worker points that URL
    // at the bundled file (selectOnnxRuntime.ts), and ORT's wasm threads start from it, not from our worker chunk.
    conditions: ['onnxruntime-web-use-extern-wasm', ...defaultClientConditions],
  },
  plugins: [demoPlugin()],
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    reportCompressedSize: false,
    // Not minified: tfjs-backend-wasm starts its threads from the source text of its (CommonJS) module factory
    // (`factory.toString()` in a Blob); a minifier renames the variables that text shares with its module, and
    // every wasm thread then fails with "ReferenceError: e is not defined".
    minify: false,
  },
  server: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
});
