import { ofRank, type OfRank } from '../ofRank.js';
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

/** A 4-D (image-shaped) value: shape [N, H, W, C]. */
export interface Value4 extends Value {
  shape: OfRank<4, number | null>;
}

export const isValue4 = (v: Value): v is Value4 => v.shape.length === 4;

/** The size of v's batch axis (every converted value has one, first); an error naming the tensor for a scalar. */
export function batchDim(v: Value): number | null {
  const [n] = v.shape;
  if (n === undefined) throw new Error(`tensor '${v.tensor}' has rank 0; expected a batch axis first`);
  return n;
}

/** [N, H, W, C] of a 4-D value (every NCHW one is); an error naming the tensor for another rank. */
export function dims4(v: Value): OfRank<4, number | null> {
  return ofRank(v.shape, 4, `tensor '${v.tensor}'`);
}

/** Where a TF axis (negative counts from the end) of `v` is in its stored tensor. */
export function storedAxis(v: Value, axis: number): number {
  const rank = v.shape.length;
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) throw new Error(`axis ${axis} is out of range for a rank-${rank} value`);
  return v.layout === 'NCHW' ? TO_NHWC[a]! : a; // an NCHW value has rank 4, and 0 ≤ a < rank
}

/** The shape of `v`'s stored tensor. */
export function storedShape(v: Value): (number | null)[] {
  if (v.layout !== 'NCHW') return [...v.shape];
  const [n, h, w, c] = dims4(v);
  return [n, c, h, w];
}
