/** A rectangle of spatial positions [y0, y1) × [x0, x1) of a feature map (half-open; empty when y1 ≤ y0 or x1 ≤ x0). */
export interface Box {
  y0: number;
  y1: number;
  x0: number;
  x1: number;
}

export const boxArea = (b: Box): number => Math.max(0, b.y1 - b.y0) * Math.max(0, b.x1 - b.x0);

export const isEmptyBox = (b: Box): boolean => b.y1 <= b.y0 || b.x1 <= b.x0;

/** The smallest box holding both (an empty box holds nothing). */
export function unionBox(a: Box | null, b: Box | null): Box | null {
  if (!a || isEmptyBox(a)) return b && !isEmptyBox(b) ? { ...b } : null;
  if (!b || isEmptyBox(b)) return { ...a };
  return { y0: Math.min(a.y0, b.y0), y1: Math.max(a.y1, b.y1), x0: Math.min(a.x0, b.x0), x1: Math.max(a.x1, b.x1) };
}
