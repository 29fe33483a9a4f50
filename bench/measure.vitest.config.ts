import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Runs the engine-onnx measurements (not tests: nothing is asserted):
//   npx vitest run --config bench/measure.vitest.config.ts
const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@visor\/core$/, replacement: src('../packages/core/src/index.ts') },
      { find: /^@visor\/engine-tfjs\/testing$/, replacement: src('../packages/engine-tfjs/src/testing/index.ts') },
      { find: /^@visor\/engine-tfjs$/, replacement: src('../packages/engine-tfjs/src/index.ts') },
      { find: /^@visor\/engine-onnx$/, replacement: src('../packages/engine-onnx/src/index.ts') },
    ],
  },
  test: { include: [process.env.MEASURE ?? 'bench/*.measure.ts'], testTimeout: 3_600_000, pool: 'forks', reporters: ['default'] },
});
