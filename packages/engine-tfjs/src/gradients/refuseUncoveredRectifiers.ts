import { VisorError, type LayerInfo } from '@visor/core';

/**
 * Rectifier-like activations that a ReLU gradient rewrite does not cover. Guided backprop and
 * deconvnet are defined for ReLUs only; differentiating these normally under a "guided" label would
 * silently be another method.
 */
export const UNCOVERED_RECTIFIERS = new Set(['leaky_relu', 'prelu', 'elu', 'selu', 'gelu', 'gelu_new', 'swish', 'silu', 'mish', 'softplus']);

/**
 * Throws a VisorError naming every layer between `from` (exclusive; null = the input) and the output
 * whose activation is an uncovered rectifier, so a ReLU rewrite is never applied to a network it does
 * not describe.
 */
export function refuseUncoveredRectifiers(source: string, layers: LayerInfo[], from: string | null, rewriteId: string): void {
  let after: Set<string> | null = null;
  if (from !== null) {
    after = new Set([from]);
    for (const l of layers) if (l.inbound.some((i) => after!.has(i))) after.add(l.name);
    after.delete(from);
  }
  const bad = layers.filter((l) => (after === null || after.has(l.name)) && l.activation !== undefined && UNCOVERED_RECTIFIERS.has(l.activation));
  if (bad.length === 0) return;
  const list = bad
    .slice(0, 8)
    .map((l) => `${l.name} (${l.activation})`)
    .join(', ');
  throw new VisorError(
    `${source}: the gradient rule "${rewriteId}" rewrites ReLU gradients only, but the model has ${bad.length} other rectifier(s) on the ` +
      `way back: ${list}${bad.length > 8 ? ', …' : ''}. Guided backprop and deconvnet are not defined for them.`,
    { code: 'model', file: source, hint: 'use rule: backprop (the plain gradient), or grad-cam / occlusion, for this model' },
  );
}
