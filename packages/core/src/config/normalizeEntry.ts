import type { ContributionEntry } from './VisorConfig.js';
import type { YamlPath } from './ConfigSource.js';

/** `name` | `[name, options]` | `{ name: options }` → id, options, and the YAML path of the options. */
export function normalizeEntry(
  entry: ContributionEntry,
  at: YamlPath,
): { id: string; options: Record<string, unknown>; optionsPath: YamlPath; idPath: YamlPath } {
  if (typeof entry === 'string') return { id: entry, options: {}, optionsPath: at, idPath: at };
  if (Array.isArray(entry)) return { id: entry[0], options: entry[1] ?? {}, optionsPath: [...at, 1], idPath: [...at, 0] };
  const id = Object.keys(entry)[0]!; // the schema allows exactly one key
  return { id, options: entry[id] ?? {}, optionsPath: [...at, id], idPath: [...at, id] };
}
