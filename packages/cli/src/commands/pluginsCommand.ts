import { loadRegistry, type JsonSchema } from '@visor/core';
import { builtinPlugins } from '../builtinPlugins.js';
import type { CliIO } from '../CliIO.js';

function describeOptions(schema: JsonSchema, defaults: Record<string, unknown>): string[] {
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(props).map(([k, s]) => {
    const accepted = Array.isArray(s.enum) ? s.enum.join(' | ') : s.type ? [s.type].flat().join(' | ') : s.anyOf || s.oneOf ? 'see schema' : '';
    const def = k in defaults ? ` (default ${JSON.stringify(defaults[k])})` : '';
    return `      ${k}: ${accepted}${def}${typeof s.description === 'string' ? ` - ${s.description}` : ''}`;
  });
}

/** `visor plugins [--plugin p ...]`: loaded plugins, their versions, and each contribution's options. */
export async function pluginsCommand(extra: string[], io: CliIO): Promise<number> {
  const registry = await loadRegistry(extra, io.cwd, builtinPlugins);
  const lines: string[] = [];
  for (const p of registry.plugins) {
    lines.push(`${p.name}@${p.version} (plugin API ${p.visorApi})`);
    for (const engine of registry.engines()) {
      if (registry.ownerOf('engine', engine.id) !== p) continue;
      lines.push(`  engine ${engine.id} (backend: ${engine.backends.join(' | ')}): ${engine.description}`);
    }
    for (const format of registry.formats()) {
      if (registry.ownerOf('format', format.id) === p) lines.push(`  model format ${format.id}: ${format.description}`);
    }
    for (const [kind, map] of [
      ['explainer', registry.explainers()],
      ['metric', registry.metrics()],
      ['renderer', registry.renderers()],
    ] as const) {
      for (const [id, c] of map) {
        if (registry.ownerOf(kind, id) !== p) continue;
        lines.push(`  ${kind} ${id}: ${c.description}`);
        lines.push(...describeOptions(c.optionsSchema, c.defaults as Record<string, unknown>));
      }
    }
  }
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
