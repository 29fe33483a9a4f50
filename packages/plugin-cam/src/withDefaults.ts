import type { CamOptions } from './camOptions.js';

/** The options with defaults filled in (the pipeline already does this; direct callers may not). */
export function withDefaults(options: Partial<CamOptions> | undefined, defaults: CamOptions): CamOptions {
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(options ?? {})) if (value !== undefined) merged[key] = value;
  return merged as unknown as CamOptions;
}
