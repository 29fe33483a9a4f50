import { emitActivation, type ActivationName } from '../activations.js';
import { attr } from '../onnxAttr.js';
import type { Value } from '../Value.js';
import type { GraphOpContext } from './GraphOpContext.js';

/** TF activation ops (also the activation of a fused op's `fused_ops`) → the converters' names. */
export const TF_ACTIVATIONS: Readonly<Record<string, ActivationName>> = {
  Relu: 'relu',
  Relu6: 'relu6',
  Elu: 'elu',
  Selu: 'selu',
  Sigmoid: 'sigmoid',
  Tanh: 'tanh',
  Softplus: 'softplus',
  Softsign: 'softsign',
};

/** LayerInfo.activation of a TF activation op. */
export function tfActivationName(op: string): string | undefined {
  return TF_ACTIVATIONS[op] ?? (op === 'LeakyRelu' ? 'leaky_relu' : op === 'Prelu' ? 'prelu' : undefined);
}

/**
 * Emits the TF activation `op` of `x` into `out`: the table above, LeakyRelu with `alpha`, Prelu with
 * its slope tensor.
 */
export function emitTfActivation(ctx: GraphOpContext, op: string, x: Value, out: string, opts: { alpha?: number; preluSlope?: string } = {}): Value {
  const act = TF_ACTIVATIONS[op];
  if (act) return emitActivation(ctx.e, act, x, out);
  if (op === 'LeakyRelu') {
    ctx.e.b.node('LeakyRelu', [x.tensor], out, { alpha: attr.float(opts.alpha ?? 0.2) });
    return { ...x, tensor: out };
  }
  if (op === 'Prelu' && opts.preluSlope) {
    ctx.e.b.node('PRelu', [x.tensor, opts.preluSlope], out);
    return { ...x, tensor: out };
  }
  return ctx.fail(`activation ${op} has no ONNX mapping`);
}
