import { dirname, resolve } from 'node:path';
import type { VisorPlugin } from '../contracts/VisorPlugin.js';
import type { ConfigSource } from '../config/ConfigSource.js';
import { resolveConfig } from '../config/resolveConfig.js';
import type { ResolvedConfig, VisorConfig } from '../config/VisorConfig.js';
import { loadRegistry } from '../plugins/loadRegistry.js';
import type { Registry } from '../plugins/Registry.js';

export interface PrepareOptions {
  /** The config file (for messages and, unless baseDir is given, for resolving relative paths). */
  file: string;
  source?: ConfigSource;
  baseDir?: string;
  /** Plugins that are always there (the CLI passes the first-party ones), registered before the config's. */
  builtins?: VisorPlugin[];
}

/**
 * Loads the config's plugins in the declared order after the built-ins, builds the registry, and validates every
 * explainer's and renderer's options: everything that can fail before any work starts.
 */
export async function prepareRun(config: VisorConfig, opts: PrepareOptions): Promise<{ registry: Registry; config: ResolvedConfig }> {
  const baseDir = opts.baseDir ?? dirname(resolve(opts.file));
  const registry = await loadRegistry(config.plugins ?? [], baseDir, opts.builtins);
  const resolved = resolveConfig(config, registry, opts.file, opts.source, baseDir);
  // Built-ins are importable by their package name (first-party plugins are named after their package).
  resolved.pluginSources = [...(opts.builtins ?? []).map((p) => ({ spec: p.name, baseDir })), ...(config.plugins ?? []).map((spec) => ({ spec, baseDir }))];
  return { registry, config: resolved };
}
