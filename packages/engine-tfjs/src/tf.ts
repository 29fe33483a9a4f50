/**
 * The one TensorFlow.js instance the tfjs engine uses (and its tests and scripts), so that every tensor
 * lives in the same engine and backend as the model's. Plugins never import it: they work on NdArrays.
 */
import * as tf from '@tensorflow/tfjs';
export { tf };
