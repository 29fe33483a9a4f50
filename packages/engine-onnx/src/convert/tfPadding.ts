/** One spatial axis of a TF convolution or pooling window. */
export interface WindowAxis {
  /** Input size (null when unknown until run time). */
  size: number | null;
  kernel: number;
  stride: number;
  dilation: number;
}

/** Kernel extent with dilation. */
const extent = (a: WindowAxis): number => (a.kernel - 1) * a.dilation + 1;

/**
 * TF `SAME` padding as explicit [before, after]: the output has ceil(size / stride) positions and the
 * total padding is split with the odd pixel at the end (so a stride-2 3×3 conv on an even size pads
 * [0, 1]). Null when the size is unknown (then ONNX `auto_pad: SAME_UPPER` does the same at run time).
 */
export function samePads(a: WindowAxis): [number, number] | null {
  if (a.size === null) return null;
  const out = Math.ceil(a.size / a.stride);
  const total = Math.max((out - 1) * a.stride + extent(a) - a.size, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** Output size of a window op with explicit padding (TF and ONNX agree: floor). */
export function windowOutput(a: WindowAxis, pads: [number, number]): number | null {
  if (a.size === null) return null;
  return Math.floor((a.size + pads[0] + pads[1] - extent(a)) / a.stride) + 1;
}

/** Output size under `same` (ceil(size / stride)) or `valid` padding. */
export function paddedOutput(a: WindowAxis, padding: 'same' | 'valid'): number | null {
  if (a.size === null) return null;
  return padding === 'same' ? Math.ceil(a.size / a.stride) : windowOutput(a, [0, 0]);
}
