import { tf } from '../../tf.js';
import { requireTensor } from './helpers/requireTensor.js';

/**
 * UnsortedSegmentSum for wasm (the gradient of gather), as one wasm scatterND:
 *   out[s, ...] = Σ_{i: ids[i] = s} x[i, ...],
 * scattering the rows of x into numSegments + 1 rows (scatterND adds rows that share an index) and
 * dropping the extra last row, which collects ids outside [0, numSegments) — those are ignored, as the
 * cpu kernel ignores them. segmentIds may have any rank r; x's first r dims must equal its shape.
 */
function unsortedSegmentSum({ inputs, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const x = requireTensor<tf.Tensor>(inputs.x, tf.UnsortedSegmentSum, 'x');
  const ids = requireTensor<tf.Tensor>(inputs.segmentIds, tf.UnsortedSegmentSum, 'segmentIds');
  const { numSegments } = attrs as unknown as tf.UnsortedSegmentSumAttrs;
  const prefix = x.shape.slice(0, ids.rank);
  if (prefix.join() !== ids.shape.join()) {
    throw new Error(`Visor wasm kernel UnsortedSegmentSum: segmentIds shape [${ids.shape.join(', ')}] must be a prefix of x's shape [${x.shape.join(', ')}].`);
  }
  const rowShape = x.shape.slice(ids.rank);
  const n = ids.size;
  if (n === 0) return tf.zeros([numSegments, ...rowShape], x.dtype);

  return tf.tidy(() => {
    const flatIds = tf.reshape(tf.cast(ids, 'int32'), [n]);
    const inRange = tf.logicalAnd(tf.greaterEqual(flatIds, 0), tf.less(flatIds, numSegments));
    const target = tf.where(inRange, flatIds, tf.fill([n], numSegments, 'int32'));
    const rows = tf.reshape(x, [n, ...rowShape]);
    const summed = tf.scatterND(tf.reshape(target, [n, 1]), rows, [numSegments + 1, ...rowShape]);
    return tf.slice(summed, 0, numSegments);
  });
}

export const unsortedSegmentSumConfig: tf.KernelConfig = {
  kernelName: tf.UnsortedSegmentSum,
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum,
};
