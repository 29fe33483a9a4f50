import { attr, attrInt } from '../../proto/attributes.js';
import { tensorDims } from '../../proto/tensorData.js';
import type { VjpContext, VjpRule } from '../VjpRule.js';
import { transposeGeometry, windowGeometry } from './convGeometry.js';

/**
 * Conv: the input gradient is a ConvTranspose of the output gradient with the same weights
 * (ConvTranspose's weight layout [C_in_of_transpose = C_out, C_out_of_transpose / group, kh, kw] is
 * Conv's [C_out, C_in / group, kh, kw]), strides, dilations, group and pads, and output_padding for
 * the stride remainder the forward dropped. Weight and bias gradients are never built.
 */
export const conv: VjpRule = {
  ops: ['Conv'],
  vjp(ctx: VjpContext) {
    const { node } = ctx;
    const [x, w] = node.input ?? [];
    if (ctx.needs[1] || ctx.needs[2]) ctx.fail('the weights of this Conv depend on the tensor differentiated; Visor builds input gradients only');
    const xDims = ctx.shape(x);
    const spatial = xDims.slice(2) as number[];
    const wTensor = ctx.constant(w);
    const kernel = wTensor ? tensorDims(wTensor).slice(2) : (ctx.shape(w).slice(2) as number[]);
    const geometry = windowGeometry(node, spatial, kernel, ctx.shape(node.output?.[0] ?? '').slice(2) as number[]);
    const { pads, outputPadding } = transposeGeometry(geometry, spatial);
    const dx = ctx.g.node(
      'ConvTranspose',
      [ctx.dy[0] as string, w],
      [
        attr.ints('strides', geometry.strides),
        attr.ints('dilations', geometry.dilations),
        attr.ints('pads', pads),
        attr.ints('output_padding', outputPadding),
        attr.int('group', attrInt(node, 'group', 1)),
        attr.ints('kernel_shape', kernel),
      ],
      'grad/conv',
    );
    return [dx, null, null];
  },
};

export const convRules: VjpRule[] = [conv];
