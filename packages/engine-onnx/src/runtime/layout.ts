/** [N, C, H, W] row-major → [N, H, W, C] row-major (a host-side copy). */
export function nchwToNhwc(data: Float32Array, dims: readonly [number, number, number, number]): Float32Array {
  const [n, c, h, w] = dims;
  const out = new Float32Array(data.length);
  const plane = h * w;
  for (let b = 0; b < n; b++) {
    const src = b * c * plane;
    for (let ch = 0; ch < c; ch++) {
      const from = src + ch * plane;
      let to = src + ch;
      for (let p = 0; p < plane; p++, to += c) out[to] = data[from + p]!; // data holds n·c·h·w values
    }
  }
  return out;
}
