/** The renderer's defaults overridden by the given options (the pipeline has validated them). */
export function withDefaults<O extends object>(defaults: O, options: Partial<O> | undefined): O {
  return { ...defaults, ...(options ?? {}) };
}
