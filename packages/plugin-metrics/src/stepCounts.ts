/** Pixels changed after step k of `steps` equal steps over `pixels` pixels: round(k · pixels / steps), k = 0…steps. */
export function stepCounts(pixels: number, steps: number): number[] {
  return Array.from({ length: steps + 1 }, (_, k) => Math.round((k * pixels) / steps));
}
