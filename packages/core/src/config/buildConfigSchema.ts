import type { JsonSchema } from '../contracts/JsonSchema.js';
import type { Registry } from '../plugins/Registry.js';
import { baseConfigSchema } from './baseConfigSchema.js';

function entrySchemas(map: Map<string, { id: string; description?: string; optionsSchema: JsonSchema }>): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const [id, c] of map) {
    out.push({ const: id, description: c.description });
    out.push({ type: 'array', items: [{ const: id }, c.optionsSchema], minItems: 1, maxItems: 2, additionalItems: false });
    out.push({ type: 'object', additionalProperties: false, required: [id], properties: { [id]: { anyOf: [c.optionsSchema, { type: 'null' }] } } });
  }
  return out;
}

/** The JSON Schema of a whole config, every loaded plugin's options included (for editors: `visor schema`). */
export function buildConfigSchema(registry: Registry): JsonSchema {
  const props = { ...(baseConfigSchema.properties as Record<string, JsonSchema>) };
  props.explainers = { ...props.explainers, items: { anyOf: entrySchemas(registry.explainers()) } };
  props.renderers = { ...props.renderers, items: { anyOf: entrySchemas(registry.renderers()) } };
  props.metrics = { ...props.metrics, items: { anyOf: entrySchemas(registry.metrics()) } };
  const backends = ['auto', ...new Set(registry.engines().flatMap((e) => e.backends))];
  props.backend = { ...props.backend, enum: backends };
  return { ...baseConfigSchema, properties: props };
}
