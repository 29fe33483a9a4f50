import type { tf } from '../tf.js';

/**
 * The activation applied inside a tfjs layer, or undefined when it has none:
 * the `activation` of its config (Conv2D, Dense, DepthwiseConv2D, Activation, …),
 * `relu` for ReLU layers and `softmax` for Softmax layers.
 */
export function layerActivation(layer: tf.layers.Layer): string | undefined {
  const cls = layer.getClassName();
  if (cls === 'ReLU') return 'relu';
  if (cls === 'Softmax') return 'softmax';
  if (cls === 'LeakyReLU') return 'leakyRelu';
  if (cls === 'ELU') return 'elu';
  let config: Record<string, unknown>;
  try {
    config = layer.getConfig() as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const act = config['activation'];
  if (typeof act === 'string') return act;
  if (act && typeof act === 'object' && typeof (act as { className?: unknown }).className === 'string') {
    return (act as { className: string }).className;
  }
  return undefined;
}
