/** The least and greatest of the values, NaN skipped; { min: Infinity, max: -Infinity } when there are none. */
export function valueRange(values: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** The values mapped linearly onto [0, 1] by their own least and greatest (all 0 for a constant map). */
export function rescaleUnit(values: ArrayLike<number>): Float64Array {
  const { min, max } = valueRange(values);
  const out = new Float64Array(values.length);
  if (max > min) for (let i = 0; i < values.length; i++) out[i] = (values[i]! - min) / (max - min);
  return out;
}
