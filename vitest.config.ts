import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Unit tests run against the TypeScript sources of every package (no build needed);
// tests in test/ that spawn the `visor` binary use the built dist (npm test builds first).
const alias = [
  { find: /^@visor\/core\/testing$/, replacement: src('./packages/core/src/testing/index.ts') },
  { find: /^@visor\/core$/, replacement: src('./packages/core/src/index.ts') },
  { find: /^@visor\/engine-tfjs\/testing$/, replacement: src('./packages/engine-tfjs/src/testing/index.ts') },
  { find: /^@visor\/engine-tfjs$/, replacement: src('./packages/engine-tfjs/src/index.ts') },
  { find: /^@visor\/engine-onnx$/, replacement: src('./packages/engine-onnx/src/index.ts') },
  { find: /^@visor\/plugin-metrics$/, replacement: src('./packages/plugin-metrics/src/index.ts') },
  { find: /^@visor\/plugin-cam$/, replacement: src('./packages/plugin-cam/src/index.ts') },
  { find: /^@visor\/plugin-occlusion$/, replacement: src('./packages/plugin-occlusion/src/index.ts') },
  { find: /^@visor\/plugin-guided-bp$/, replacement: src('./packages/plugin-guided-bp/src/index.ts') },
  { find: /^@visor\/renderers$/, replacement: src('./packages/renderers/src/index.ts') },
  { find: /^@visor\/queue$/, replacement: src('./packages/queue/src/index.ts') },
  { find: /^@visor\/cli$/, replacement: src('./packages/cli/src/index.ts') },
];

const project = (name: string, include: string[], timeout = 120_000) => ({
  resolve: { alias },
  test: { name, include, testTimeout: timeout, hookTimeout: timeout, pool: 'forks' as const },
});

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
    projects: [
      project('core', ['packages/core/src/**/*.test.ts']),
      project('engine-tfjs', ['packages/engine-tfjs/src/**/*.test.ts']),
      project('engine-onnx', ['packages/engine-onnx/src/**/*.test.ts']),
      project('plugin-metrics', ['packages/plugin-metrics/src/**/*.test.ts']),
      project('plugin-cam', ['packages/plugin-cam/src/**/*.test.ts']),
      project('plugin-occlusion', ['packages/plugin-occlusion/src/**/*.test.ts']),
      project('plugin-guided-bp', ['packages/plugin-guided-bp/src/**/*.test.ts']),
      project('renderers', ['packages/renderers/src/**/*.test.ts']),
      project('queue', ['packages/queue/src/**/*.test.ts']),
      project('cli', ['packages/cli/src/**/*.test.ts']),
      project('web', ['packages/web/src/**/*.test.ts', 'packages/web/test/**/*.test.ts'], 300_000),
      project('examples', ['examples/**/src/**/*.test.ts', 'scripts/**/*.test.ts']),
      project('integration', ['test/**/*.test.ts'], 300_000),
    ],
  },
});
