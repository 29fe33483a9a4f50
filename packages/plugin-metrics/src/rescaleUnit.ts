/** The values mapped linearly onto [0, 1] by their own minimum and maximum (all 0 for a constant map). */
export function rescaleUnit(values: ArrayLike<number>): Float64Array {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i]! < min) min = values[i]!;
    if (values[i]! > max) max = values[i]!;
  }
  const out = new Float64Array(values.length);
  if (max > min) for (let i = 0; i < values.length; i++) out[i] = (values[i]! - min) / (max - min);
  return out;
}
