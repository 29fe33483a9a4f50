import type { TensorLayout } from '../OnnxModelSpec.js';

/**
 * A tensor of the graph being built, as the converters see it: its ONNX name, its shape as Keras/TF
 * sees it (channels-last, batch first, null for unknown sizes) and how it is stored. `NCHW`: a 4-D
 * value stored as `transpose(value, [0, 3, 1, 2])` (how the converters keep every image-shaped
 * tensor, since ORT's Conv and pools are NCHW); `NHWC` and `flat`: stored as TF has it.
 */
export interface Value {
  tensor: string;
  shape: (number | null)[];
  layout: TensorLayout;
}

/** The permutation from TF's NHWC to the stored NCHW layout, and back. */
export const TO_NCHW = [0, 3, 1, 2];
export const TO_NHWC = [0, 2, 3, 1];

/** Where a TF axis (negative counts from the end) of `v` is in its stored tensor. */
export function storedAxis(v: Value, axis: number): number {
  const rank = v.shape.length;
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) throw new Error(`axis ${axis} is out of range for a rank-${rank} value`);
  return v.layout === 'NCHW' ? TO_NHWC[a] : a;
}

/** The shape of `v`'s stored tensor. */
export function storedShape(v: Value): (number | null)[] {
  return v.layout === 'NCHW' ? TO_NCHW.map((p) => v.shape[p]) : [...v.shape];
}
