/** Area under y(x) by the trapezoid rule, Σ (x_{k+1} − x_k)(y_k + y_{k+1})/2 (x ascending). */
export function trapezoidAuc(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length) throw new RangeError(`trapezoidAuc: ${x.length} x values and ${y.length} y values`);
  let area = 0;
  for (let k = 0; k + 1 < x.length; k++) area += ((x[k + 1]! - x[k]!) * (y[k]! + y[k + 1]!)) / 2;
  return area;
}
