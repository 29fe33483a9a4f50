import type { tf } from '../tf.js';

/**
 * The activation applied inside a tfjs layer, or undefined when it has none:
 * the `activation` of its config (Conv2D, Dense, DepthwiseConv2D, Activation, …),
 * `relu` (`relu6` with max_value 6) for ReLU layers, `softmax`, `leaky_relu`, `elu`, `prelu` for those layers.
 */
export function layerActivation(layer: tf.layers.Layer): string | undefined {
  const cls = layer.getClassName();
  if (cls === 'ReLU') {
    const max = (layer.getConfig() as { maxValue?: number | null }).maxValue;
    return max === 6 ? 'relu6' : 'relu';
  }
  if (cls === 'Softmax') return 'softmax';
  if (cls === 'LeakyReLU') return 'leaky_relu';
  if (cls === 'ELU') return 'elu';
  if (cls === 'PReLU') return 'prelu';
  let config: Record<string, unknown>;
  try {
    config = layer.getConfig();
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
