import { attrFloat, attrInt } from '../../proto/attributes.js';
import type { VjpContext, VjpRule } from '../VjpRule.js';

/**
 * BatchNormalization at inference, y = γ (x − μ) / √(σ² + ε) + β: per channel, dx = dy · γ / √(σ² + ε).
 * The scale is emitted from the node's own inputs (ONNX Runtime folds it to a constant).
 */
export const batchNormalization: VjpRule = {
  ops: ['BatchNormalization'],
  vjp(ctx: VjpContext) {
    const { node, g } = ctx;
    if (attrInt(node, 'training_mode', 0) === 1) ctx.fail('BatchNormalization in training mode has no gradient rule; export the model in eval mode');
    if (ctx.needs.slice(1).some((n) => n)) ctx.fail('the normalisation parameters depend on the tensor differentiated; Visor builds input gradients only');
    const [x, gamma, variance] = [ctx.input(0), ctx.input(1), ctx.input(4)];
    const rank = ctx.shape(x).length;
    const eps = ctx.floats([attrFloat(node, 'epsilon', 1e-5)]);
    const std = g.node('Sqrt', [g.node('Add', [variance, eps], [], 'grad/bn_var')], [], 'grad/bn_std');
    const scale = g.node('Div', [gamma, std], [], 'grad/bn_scale');
    const shaped = g.node('Reshape', [scale, g.ints([-1, ...Array(Math.max(0, rank - 2)).fill(1)], 'shape')], [], 'grad/bn_scale_shape');
    return [g.node('Mul', [ctx.dy[0] as string, shaped], [], 'grad/bn'), null, null, null, null];
  },
};

export const normalizationRules: VjpRule[] = [batchNormalization];
