import { tf } from '../../../tf.js';

/**
 * The engine hands kernels the op's input Tensors; our composite kernels run tf ops on them,
 * so a bare TensorInfo (no Tensor wrapper) is refused with a message naming the kernel and input.
 */
export function requireTensor<T extends tf.Tensor>(info: tf.TensorInfo | undefined, kernel: string, input: string, rank?: number): T {
  if (!(info instanceof tf.Tensor)) {
    throw new Error(
      `Visor wasm kernel ${kernel}: input '${input}' must be a tf.Tensor (got ${info === undefined ? 'nothing' : 'a bare TensorInfo'}); ` +
        'call it through tf ops or tf.engine().runKernel with tensors.',
    );
  }
  if (rank !== undefined && info.rank !== rank) {
    throw new Error(`Visor wasm kernel ${kernel}: input '${input}' must be rank ${rank}, got shape [${info.shape.join(', ')}].`);
  }
  return info as T;
}
