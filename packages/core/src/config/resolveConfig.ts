import { dirname, resolve } from 'node:path';
import type { JsonSchema } from '../contracts/JsonSchema.js';
import type { Registry } from '../plugins/Registry.js';
import type { ConfigIssue } from './ConfigIssue.js';
import type { ConfigSource, YamlPath } from './ConfigSource.js';
import { configError } from './configError.js';
import { didYouMean } from './didYouMean.js';
import { normalizeEntry } from './normalizeEntry.js';
import { schemaIssues } from './schemaIssues.js';
import type { ContributionEntry, ResolvedConfig, ResolvedContribution, VisorConfig } from './VisorConfig.js';

/** Default renderers when a config names none. */
export const DEFAULT_RENDERERS = ['png', 'json', 'html'];

/**
 * Applies defaults, makes paths absolute (relative to the config file) and validates every explainer's
 * and renderer's options against the schema of the plugin that provides it. All problems are reported
 * at once, each with its line.
 */
export function resolveConfig(config: VisorConfig, registry: Registry, file: string, source?: ConfigSource, baseDir = dirname(resolve(file))): ResolvedConfig {
  const issues: ConfigIssue[] = [];
  const resolveList = (kind: 'explainer' | 'renderer' | 'metric', entries: ContributionEntry[], key: string): ResolvedContribution[] => {
    const known: Map<string, { optionsSchema: JsonSchema; defaults: unknown }> =
      kind === 'explainer' ? registry.explainers() : kind === 'renderer' ? registry.renderers() : registry.metrics();
    const out: ResolvedContribution[] = [];
    entries.forEach((entry, i) => {
      const at: YamlPath = [key, i];
      const { id, options, optionsPath, idPath } = normalizeEntry(entry, at);
      const owner = known.get(id);
      if (!owner) {
        const guess = didYouMean(id, [...known.keys()]);
        issues.push({
          path: idPath,
          atKey: typeof entry === 'object' && !Array.isArray(entry),
          message: `unknown ${kind} "${id}"${guess ? `: did you mean "${guess}"?` : '.'} Known ${kind}s: ${[...known.keys()].join(', ') || '(none)'}.`,
        });
        return;
      }
      const found = schemaIssues(owner.optionsSchema, options, optionsPath);
      if (found.length) {
        for (const f of found) f.message = `(${id}) ${f.message}`;
        issues.push(...found);
        return;
      }
      out.push({ id, options: { ...(owner.defaults as object), ...options } });
    });
    return out;
  };
  const explainers = resolveList('explainer', config.explainers, 'explainers');
  const renderers = resolveList('renderer', config.renderers ?? DEFAULT_RENDERERS, 'renderers');
  const metrics = resolveList('metric', config.metrics ?? [], 'metrics');
  const backend = config.backend ?? 'auto';
  const backends = ['auto', ...new Set(registry.engines().flatMap((e) => e.backends))];
  if (!backends.includes(backend)) {
    const guess = didYouMean(backend, backends);
    issues.push({
      path: ['backend'],
      message: `unknown backend "${backend}"${guess ? `: did you mean "${guess}"?` : '.'} Accepted: ${backends.join(', ')} (the loaded engines' backends).`,
    });
  }
  if (issues.length) throw configError(file, issues, source);
  const abs = (p: string) => resolve(baseDir, p);
  const models =
    typeof config.model === 'string'
      ? [{ name: null, path: abs(config.model) }]
      : Object.entries(config.model).map(([name, path]) => ({ name, path: abs(path) }));
  return {
    file,
    baseDir,
    model: models[0]!.path,
    models,
    backend,
    outputActivation: config.outputActivation ?? 'auto',
    ...(config.threads !== undefined ? { threads: config.threads } : {}),
    ...(config.inputSize !== undefined ? { inputSize: config.inputSize } : {}),
    preprocess: config.preprocess ?? 'none',
    resize: config.resize ?? 'stretch',
    inputs: config.inputs,
    ...(config.masks !== undefined ? { masks: config.masks } : {}),
    labels: config.labels === undefined || config.labels === 'imagenet' ? config.labels : abs(config.labels),
    targets: config.targets ?? { top: 1 },
    plugins: config.plugins ?? [],
    explainers,
    renderers,
    metrics,
    out: abs(config.out ?? './out'),
    batchSize: config.batchSize ?? 8,
    workers: config.workers ?? 1,
  };
}
