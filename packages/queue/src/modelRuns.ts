import { join } from 'node:path';
import type { ResolvedConfig } from '@visor/core';

/**
 * The config once per model it names, as `Pipeline.runAll` runs it: `model: { a: …, b: … }` writes to
 * out/a/ and out/b/, a single `model:` to out/ itself.
 */
export function modelRuns(config: ResolvedConfig): { name: string | null; config: ResolvedConfig }[] {
  return config.models.map((m) => ({
    name: m.name,
    config: { ...config, model: m.path, models: [m], out: m.name ? join(config.out, m.name) : config.out },
  }));
}
