import type { Explanation } from '@visor/core';

/** Method ids as file names: letters, digits, '.', '_', '-' and '+' (so grad-cam++ stays grad-cam++); anything else → '_'. */
export const safeName = (s: string): string => s.replace(/[^A-Za-z0-9._+-]+/g, '_');

/**
 * The file stem of each explanation of one input, in order: `<method>-<classIndex>`; a second
 * explanation with the same method and class (e.g. two layers) gets `-2`, the third `-3`, ….
 */
export function explanationStems(explanations: readonly Explanation[]): string[] {
  const seen = new Map<string, number>();
  return explanations.map((e) => {
    const key = `${safeName(e.method)}-${e.target.classIndex}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? key : `${key}-${n}`;
  });
}
