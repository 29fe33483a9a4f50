/**
 * The one TensorFlow.js instance Visor uses. Plugins import `tf` from `@visor/core` so that
 * their tensors live in the same engine (and backend) as the model's.
 */
import * as tf from '@tensorflow/tfjs';
export { tf };
