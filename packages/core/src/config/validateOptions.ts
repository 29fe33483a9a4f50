import type { JsonSchema } from '../contracts/JsonSchema.js';
import type { ConfigSource, YamlPath } from './ConfigSource.js';
import { configError } from './configError.js';
import { schemaIssues } from './schemaIssues.js';

/** Anything with options: an explainer or a renderer. */
export interface OptionsOwner {
  id: string;
  optionsSchema: JsonSchema;
  defaults: object;
}

export interface OptionsLocation {
  /** The config file, for messages. */
  file?: string;
  source?: ConfigSource;
  /** YAML path of the options object inside the config. */
  path?: YamlPath;
}

/**
 * Validates a contribution's options against its own schema and returns them with the defaults
 * applied. Throws a config VisorError naming the file, line, key, bad value and what is accepted.
 */
export function validateOptions<O extends object>(owner: OptionsOwner & { defaults: O }, options: object | null | undefined, where: OptionsLocation = {}): O {
  const given = (options ?? {}) as Record<string, unknown>;
  const issues = schemaIssues(owner.optionsSchema, given, where.path ?? []);
  if (issues.length === 0) {
    const merged = { ...owner.defaults, ...given };
    const mergedIssues = schemaIssues(owner.optionsSchema, merged, where.path ?? []);
    if (mergedIssues.length === 0) return merged;
    issues.push(...mergedIssues);
  }
  for (const i of issues) i.message = `(${owner.id}) ${i.message}`;
  throw configError(where.file ?? `options of ${owner.id}`, issues, where.source);
}
