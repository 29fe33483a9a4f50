import type { onnx } from 'onnx-proto';
import { attr, attrInt } from '../../proto/attributes.js';
import { floatTensor, tensorDims, tensorFloats } from '../../proto/tensorData.js';
import type { VjpContext, VjpRule } from '../VjpRule.js';
import { transposedWindow, windowGeometry, type WindowGeometry } from './convGeometry.js';

/**
 * Conv: the input gradient is the transposed convolution of the output gradient with the same
 * weights. With stride 1 and a constant weight it is emitted as a Conv with the kernel flipped and
 * its in/out channels swapped (per group), begin pad d(k−1) − p_begin and end pad d(k−1) − p_end,
 * which ONNX Runtime runs with its fastest convolution kernels; otherwise as a ConvTranspose with the
 * same weights (ConvTranspose's weight layout [C_out, C_in / group, kh, kw] is Conv's), strides,
 * dilations, group and pads, and output_padding for the stride remainder the forward dropped.
 * Weight and bias gradients are never built.
 */
export const conv: VjpRule = {
  ops: ['Conv'],
  vjp(ctx: VjpContext) {
    const { node } = ctx;
    const [x, w] = [ctx.input(0), ctx.input(1)];
    if (ctx.needs[1] || ctx.needs[2]) ctx.fail('the weights of this Conv depend on the tensor differentiated; Visor builds input gradients only');
    const spatial = ctx.shape(x).slice(2) as number[];
    const wTensor = ctx.constant(w);
    const kernel = wTensor ? tensorDims(wTensor).slice(2) : (ctx.shape(w).slice(2) as number[]);
    const geometry = windowGeometry(node, spatial, kernel, ctx.shape(ctx.output(0)).slice(2) as number[]);
    const group = attrInt(node, 'group', 1);
    const dy = ctx.dy[0] as string;
    const flipped = wTensor ? flippedConv(ctx, dy, wTensor, geometry, group) : null;
    if (flipped) return [flipped, null, null];
    return [transposedWindow(ctx.g, dy, w, geometry, spatial, group, 'grad/conv'), null, null];
  },
};

/** The stride-1 input gradient as a Conv with the flipped, channel-swapped kernel; null where that does not apply. */
function flippedConv(ctx: VjpContext, dy: string, w: onnx.ITensorProto, g: WindowGeometry, group: number): string | null {
  const k = g.kernel.length;
  if (g.strides.some((s) => s !== 1)) return null;
  // Every list of g has an entry per spatial axis (pads two): windowGeometry checked.
  const pads = [...g.kernel.map((kk, i) => g.dilations[i]! * (kk - 1) - g.pads[i]!), ...g.kernel.map((kk, i) => g.dilations[i]! * (kk - 1) - g.pads[i + k]!)];
  if (pads.some((p) => p < 0)) return null;
  const [cout, cinPerGroup] = tensorDims(w);
  if (cout === undefined || cinPerGroup === undefined)
    return ctx.fail(`its weight '${w.name}' has rank ${tensorDims(w).length}; a Conv weight is [C_out, C_in / group, ...kernel]`);
  const coutPerGroup = cout / group;
  const area = g.kernel.reduce((a, b) => a * b, 1);
  const values = tensorFloats(w);
  const out = new Float64Array(values.length);
  // W'[gr·cin/g + a, b, flip(p)] = W[gr·cout/g + b, a, p]
  for (let gr = 0; gr < group; gr++)
    for (let b = 0; b < coutPerGroup; b++)
      for (let a = 0; a < cinPerGroup; a++) {
        const from = ((gr * coutPerGroup + b) * cinPerGroup + a) * area;
        const to = ((gr * cinPerGroup + a) * coutPerGroup + b) * area;
        for (let p = 0; p < area; p++) out[to + area - 1 - p] = values[from + p]!; // within the weight's cout·cinPerGroup·area values
      }
  const name = ctx.g.fresh(`grad/${w.name}_flipped`);
  ctx.g.initializers.push(floatTensor(name, [group * cinPerGroup, coutPerGroup, ...g.kernel], out, w.dataType ?? ctx.elemType));
  return ctx.g.node(
    'Conv',
    [dy, name],
    [attr.ints('dilations', g.dilations), attr.ints('pads', pads), attr.int('group', group), attr.ints('kernel_shape', g.kernel)],
    'grad/conv',
  );
}

export const convRules: VjpRule[] = [conv];
