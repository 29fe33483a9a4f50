import { attr } from '../proto/attributes.js';
import { DataType } from '../proto/onnxProto.js';
import type { VjpContext } from './VjpRule.js';

/**
 * The masks of a ReLU y = max(x, 0), read from its output y ≥ 0, built only from ops that ONNX Runtime
 * runs in its blocked NCHWc layout (BatchNormalization becomes a per-channel 1×1 convolution there, and
 * a Relu after it is fused into it), so the backward pass stays in that layout like the forward pass:
 * no reorder of every ReLU output to NCHW and no Greater/Cast on it (measured: ≈ 10 % of a ResNet-50
 * guided-backprop pass went to those reorders and comparisons).
 *
 * - closed = Relu(1 − S·y), S the largest power of two of the type (2^127, 2^1023): exactly 1 where
 *   y = 0 and exactly 0 where y ≥ 1/S, i.e. for every positive normal number. A subnormal y
 *   (below 2^-126 in float32) may give a value in between, as if the unit sat on its kink.
 * - open = 1 − closed: [y > 0].
 * - guard = −G·closed with G = 2^100: Relu(g + guard) = Relu(g)·[y > 0] exactly for |g| < 2^100 (a
 *   closed unit's g is pushed far below 0, an open unit's is left as it is: g + (−0) = g). Guided
 *   backprop's [y > 0]·[g > 0]·g is then one Relu after an Add, which ONNX Runtime folds into the
 *   backward convolution that produced g.
 *
 * Null where the channel axis (axis 1) of y has no static size.
 */
export interface ReluMasks {
  open(): string;
  guard(): string;
  /** Whether `name` is this unit's open mask (as returned by `open()`). */
  isOpen(name: string): boolean;
}

const SCALE: Record<number, number> = { [DataType.FLOAT]: 2 ** 127, [DataType.DOUBLE]: 2 ** 1023 };
const GUARD = 2 ** 100;

export function reluMasks(ctx: VjpContext, y: string): ReluMasks | null {
  const dims = ctx.shape(y);
  const channels = dims[1];
  const scale = SCALE[ctx.elemType];
  if (dims.length < 2 || typeof channels !== 'number' || channels < 1 || scale === undefined) return null;
  // BatchNormalization with mean 0, variance 1, ε = 0 is exactly s·v + b per channel.
  const affine = (v: string, s: number, b: number, hint: string) =>
    ctx.g.node(
      'BatchNormalization',
      [
        v,
        ctx.floats(new Array(channels).fill(s), [channels]),
        ctx.floats(new Array(channels).fill(b), [channels]),
        ctx.floats(new Array(channels).fill(0), [channels]),
        ctx.floats(new Array(channels).fill(1), [channels]),
      ],
      [attr.float('epsilon', 0)],
      hint,
    );
  let closed: string | undefined;
  let open: string | undefined;
  let guard: string | undefined;
  const closedMask = () => (closed ??= ctx.g.node('Relu', [affine(y, -scale, 1, 'grad/relu_closed_affine')], [], 'grad/relu_closed'));
  return {
    open: () => (open ??= affine(closedMask(), -1, 1, 'grad/relu_open')),
    guard: () => (guard ??= affine(closedMask(), -GUARD, 0, 'grad/relu_guard')),
    isOpen: (name) => name === open,
  };
}
