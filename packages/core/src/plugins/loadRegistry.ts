import type { VisorPlugin } from '../contracts/VisorPlugin.js';
import { loadPlugin } from './loadPlugin.js';
import { Registry } from './Registry.js';

/** Loads plugins by spec (npm names or paths, resolved against `baseDir`) in order, after the built-ins, into a Registry. */
export async function loadRegistry(specs: readonly string[], baseDir: string, builtins: readonly VisorPlugin[] = []): Promise<Registry> {
  const loaded: VisorPlugin[] = [];
  for (const spec of specs) loaded.push(await loadPlugin(spec, baseDir));
  return new Registry([...builtins, ...loaded]);
}
