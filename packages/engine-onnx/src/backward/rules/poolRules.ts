import { attr, attrInt, attrInts } from '../../proto/attributes.js';
import { DataType } from '../../proto/onnxProto.js';
import { floatTensor } from '../../proto/tensorData.js';
import { reshapeTo } from '../broadcast.js';
import type { VjpContext, VjpRule } from '../VjpRule.js';
import { transposedWindow, windowGeometry } from './convGeometry.js';

/**
 * Routes `dy` back to the positions MaxPool picked: `indices` (MaxPool's second output) index the
 * input flattened over every axis (batch and channel included, pads excluded), so an additive
 * ScatterElements into a flat zero tensor sums the gradients of overlapping windows that picked the
 * same element (MaxUnpool would keep only one of them).
 */
function scatterToMax(ctx: VjpContext, x: string, indices: string, dy: string): string {
  const { g } = ctx;
  const size = g.node('Reshape', [g.node('Size', [x], [], 'grad/size'), g.ints([1])], [], 'grad/size1');
  const zeros = g.node('ConstantOfShape', [size], [attr.tensor('value', floatTensor('zero', [1], [0], ctx.elemType))], 'grad/zeros');
  const flat = g.node(
    'ScatterElements',
    [zeros, g.node('Reshape', [indices, g.ints([-1])], [], 'grad/indices'), g.node('Reshape', [dy, g.ints([-1])], [], 'grad/flat')],
    [attr.int('axis', 0), attr.string('reduction', 'add')],
    'grad/maxpool',
  );
  return reshapeTo(ctx, flat, ctx.shape(x));
}

/** MaxPool: the gradient goes to the element each window picked, summed where windows overlap. */
export const maxPool: VjpRule = {
  ops: ['MaxPool'],
  vjp(ctx: VjpContext) {
    if (attrInt(ctx.node, 'storage_order', 0) !== 0) ctx.fail('MaxPool with storage_order = 1 (column-major indices) has no gradient rule');
    const x = ctx.input(0);
    return [scatterToMax(ctx, x, ctx.forwardOutput(1), ctx.dy[0] as string)];
  },
};

/** GlobalMaxPool: as a MaxPool whose one window is the whole map (recomputed in the backward for its indices). */
export const globalMaxPool: VjpRule = {
  ops: ['GlobalMaxPool'],
  vjp(ctx: VjpContext) {
    const x = ctx.input(0);
    const spatial = ctx.shape(x).slice(2) as number[];
    const [, indices] = ctx.g.nodeN('MaxPool', [x], [attr.ints('kernel_shape', spatial)], 2, 'grad/globalmax');
    return [scatterToMax(ctx, x, indices, ctx.dy[0] as string)];
  },
};

/**
 * AveragePool: each output spreads its gradient evenly over the window it averaged, divided by
 * what the forward divided by: the whole window with count_include_pad = 1 (clipped to the padded
 * input where a ceil-mode window overhangs it), only the input elements it covers with
 * count_include_pad = 0. Emitted as dy / count (a constant map), then a ConvTranspose with a ones
 * kernel per channel (group = C).
 */
export const averagePool: VjpRule = {
  ops: ['AveragePool'],
  vjp(ctx: VjpContext) {
    const { node, g } = ctx;
    const x = ctx.input(0);
    const xDims = ctx.shape(x);
    const channels = xDims[1] as number;
    const spatial = xDims.slice(2) as number[];
    const kernel = attrInts(node, 'kernel_shape') ?? [];
    const outSpatial = ctx.shape(ctx.output(0)).slice(2) as number[];
    const geometry = windowGeometry(node, spatial, kernel, outSpatial);
    const includePad = attrInt(node, 'count_include_pad', 0) === 1;
    const k = spatial.length;
    // Per axis, how many taps of each output window the forward counted.
    // kernel, outSpatial and every list of the geometry have an entry per spatial axis: windowGeometry checked.
    const perAxis = spatial.map((size, i) =>
      Array.from({ length: outSpatial[i]! }, (_, o) => {
        let n = 0;
        for (let t = 0; t < kernel[i]!; t++) {
          const p = o * geometry.strides[i]! - geometry.pads[i]! + t * geometry.dilations[i]!;
          const lo = includePad ? -geometry.pads[i]! : 0;
          const hi = includePad ? size + geometry.pads[i + k]! : size;
          if (p >= lo && p < hi) n++;
        }
        return n;
      }),
    );
    const total = outSpatial.reduce((a, b) => a * b, 1);
    const inverse = new Array<number>(total);
    for (let flat = 0; flat < total; flat++) {
      let rest = flat;
      let count = 1;
      for (let i = k - 1; i >= 0; i--) {
        count *= perAxis[i]![rest % outSpatial[i]!]!;
        rest = Math.floor(rest / outSpatial[i]!);
      }
      inverse[flat] = 1 / count;
    }
    const [first = 1] = inverse;
    const uniform = inverse.every((v) => v === first);
    const scale = uniform ? ctx.floats([first]) : ctx.floats(inverse, [1, 1, ...outSpatial]);
    const scaled = g.node('Mul', [ctx.dy[0] as string, scale], [], 'grad/avgpool_scale');
    const kernelSize = kernel.reduce((a, b) => a * b, 1);
    const ones = ctx.floats(new Array<number>(channels * kernelSize).fill(1), [channels, 1, ...kernel]);
    return [transposedWindow(g, scaled, ones, geometry, spatial, channels, 'grad/avgpool')];
  },
};

/**
 * GlobalAveragePool: every position gets dy / (H·W). In float32 on a 4-D map, dy is expanded first and
 * scaled by a per-channel 1×1 convolution (group = C, weight 1/(H·W): the same single product), so the
 * gradient enters ONNX Runtime's NCHWc layout here and the backward pass below stays in it.
 */
export const globalAveragePool: VjpRule = {
  ops: ['GlobalAveragePool'],
  vjp(ctx: VjpContext) {
    const { g } = ctx;
    const x = ctx.input(0);
    const dims = ctx.shape(x);
    const count = (dims.slice(2) as number[]).reduce((a, b) => a * b, 1);
    const shape = g.ints([1, ...(dims.slice(1) as number[])], 'shape');
    const channels = dims[1] as number;
    if (ctx.elemType === DataType.FLOAT && dims.length === 4) {
      const expanded = g.node('Expand', [ctx.dy[0] as string, shape], [], 'grad/gap');
      const weight = ctx.floats(new Array<number>(channels).fill(1 / count), [channels, 1, 1, 1]);
      return [g.node('Conv', [expanded, weight], [attr.int('group', channels), attr.ints('kernel_shape', [1, 1])], 'grad/gap_scale')];
    }
    const scaled = g.node('Mul', [ctx.dy[0] as string, ctx.floats([1 / count])], [], 'grad/gap_scale');
    return [g.node('Expand', [scaled, shape], [], 'grad/gap')];
  },
};

export const poolRules: VjpRule[] = [maxPool, globalMaxPool, averagePool, globalAveragePool];
