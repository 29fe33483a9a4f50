import type { NdArray } from '../contracts/NdArray.js';
import { VisorError } from '../errors/VisorError.js';

/**
 * The [N, H, W, C] of an image batch (or [N, h, w, K] of a feature map), checked to be of rank 4: what a
 * method destructures before it indexes `data`.
 */
export function nhwc(x: NdArray, what = 'the input batch'): [n: number, h: number, w: number, c: number] {
  const [n, h, w, c] = x.shape;
  if (n === undefined || h === undefined || w === undefined || c === undefined || x.shape.length !== 4) {
    throw new VisorError(`${what} has shape [${x.shape.join(', ')}]; expected [batch, height, width, channels].`, { code: 'run' });
  }
  return [n, h, w, c];
}
