/**
 * An IEEE 754 half-precision value (its 16 bits) as a number: subnormals, infinities and NaN included. For
 * float16 weights (TF.js quantization, ONNX FLOAT16 tensors, Keras HDF5 datasets); Node 20 has no DataView
 * getFloat16.
 */
export function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}
