import { VisorError } from '@visor/core';
import type { JsonSchema } from '@visor/core';

/**
 * The options with defaults filled in, unknown keys and bad enum values refused. The pipeline
 * validates options against the schema already; this guards direct callers of `explain` with an
 * error that names the explainer, the option, the bad value and what is accepted.
 */
export function resolveOptions<O extends object>(
  explainer: { id: string; defaults: O; optionsSchema: JsonSchema },
  given: Partial<O> | undefined,
  accepted: { [K in keyof O]?: readonly unknown[] },
): O {
  const known = Object.keys((explainer.optionsSchema.properties as Record<string, unknown> | undefined) ?? {});
  const merged: Record<string, unknown> = { ...(explainer.defaults as Record<string, unknown>) };
  for (const [key, value] of Object.entries(given ?? {})) {
    if (value === undefined) continue;
    if (!known.includes(key)) {
      throw new VisorError(`${explainer.id}: unknown option "${key}"; accepted: ${known.join(', ')}`, { code: 'usage' });
    }
    merged[key] = value;
  }
  for (const [key, values] of Object.entries(accepted) as [string, readonly unknown[] | undefined][]) {
    const value = merged[key];
    if (values && value !== undefined && !values.includes(value)) {
      throw new VisorError(
        `${explainer.id}: option ${key} is ${JSON.stringify(value)}; accepted: ${values.map((v) => JSON.stringify(v)).join(', ')}`,
        { code: 'usage' },
      );
    }
  }
  return merged as O;
}
