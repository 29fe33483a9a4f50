import { activationName, emitActivation } from '../activations.js';
import type { Value } from '../Value.js';
import type { LayerContext, LayerOutput } from './LayerContext.js';

/**
 * Finishes a layer that has an `activation` in its config (Conv2D, Dense, …): `emit(out)` computes the
 * linear part into `out`; with a non-linear activation that is `<layer>/preactivation` and the
 * activation writes the layer's own tensor.
 */
export function withFusedActivation(ctx: LayerContext, kind: LayerOutput['kind'], emit: (out: string) => Value): LayerOutput {
  const raw = ctx.config.get('activation');
  const act = activationName(raw);
  if (!act) return ctx.fail(`activation ${JSON.stringify(raw)} has no ONNX mapping`, 'use a built-in Keras activation');
  if (act === 'linear') return { value: emit(ctx.name), kind, activation: 'linear' };
  const pre = emit(ctx.e.b.fresh(`${ctx.name}/preactivation`));
  const value = emitActivation(ctx.e, act, pre, ctx.name, { hardSigmoidSlope: ctx.kerasMajor >= 3 ? 1 / 6 : 0.2 });
  return { value, kind, activation: act, preactivation: pre.tensor };
}
