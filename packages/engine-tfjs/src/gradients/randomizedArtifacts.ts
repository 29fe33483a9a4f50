import { tf } from '../tf.js';

/** Keras's fan computation (`_compute_fans`): dense [in, out]; conv [..., in, out] times the receptive field. */
function fans(shape: number[]): [number, number] {
  if (shape.length === 2) return [shape[0]!, shape[1]!];
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [shape[shape.length - 2]! * receptive, shape[shape.length - 1]! * receptive];
}

/**
 * A weight re-initialised as Keras initialises a new layer: kernels Glorot-uniform (limit
 * √(6 / (fan_in + fan_out))), `gamma` and `moving_variance` ones, every other vector (biases, `beta`,
 * `moving_mean`) zeros. Seeded, so a sanity check is repeatable.
 */
export function reinitialized(name: string, shape: number[], seed: number): tf.Tensor {
  if (shape.length >= 2) {
    const [fanIn, fanOut] = fans(shape);
    const limit = Math.sqrt(6 / Math.max(1, fanIn + fanOut));
    return tf.randomUniform(shape, -limit, limit, 'float32', seed);
  }
  return /(gamma|moving_variance)(:\d+)?$/.test(name) ? tf.ones(shape) : tf.zeros(shape);
}

/**
 * Model artifacts with the weights named in `weightNames` re-initialised (`reinitialized`) and every
 * other weight kept: the input of a copy of the model for the model-randomisation sanity check. The
 * given artifacts are not changed.
 */
export async function randomizedArtifacts(artifacts: tf.io.ModelArtifacts, weightNames: Set<string>, seed: number): Promise<tf.io.ModelArtifacts> {
  const specs = artifacts.weightSpecs ?? [];
  const data = artifacts.weightData ?? new ArrayBuffer(0);
  const named = tf.io.decodeWeights(data, specs);
  try {
    let i = 0;
    for (const spec of specs) {
      i++;
      if (!weightNames.has(spec.name)) continue;
      const old = named[spec.name];
      named[spec.name] = reinitialized(spec.name, spec.shape, seed * 7919 + i);
      old?.dispose();
    }
    const encoded = await tf.io.encodeWeights(named);
    return { ...artifacts, weightSpecs: encoded.specs, weightData: encoded.data };
  } finally {
    tf.dispose(Object.values(named));
  }
}
