import { hasRank } from '../ofRank.js';
import type { TensorLayout } from '../OnnxModelSpec.js';
import type { GraphIndex } from '../proto/GraphIndex.js';
import type { TensorShapes } from '../proto/TensorShapes.js';
import { attrInts } from '../proto/attributes.js';
import { NCHW_OPS } from './spatialOps.js';

const samePerm = (a: number[] | undefined, b: number[]) => !!a && a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * The layout of every 4-D tensor, propagated from the input: ops with a fixed channel axis
 * (Conv, pools, BatchNormalization, …) make NCHW, a Transpose(0,3,1,2) turns NHWC into NCHW and
 * (0,2,3,1) the reverse, other ops keep the layout of their first 4-D data input. A 4-D tensor made
 * from lower-rank ones (a Reshape to [N, C, 1, 1]) is taken as NCHW, ONNX's convention. Tensors that
 * are not 4-D are `flat`.
 */
export function tensorLayouts(index: GraphIndex, input: string, inputLayout: 'NCHW' | 'NHWC', shapes: TensorShapes): Map<string, TensorLayout> {
  const layouts = new Map<string, TensorLayout>([[input, inputLayout]]);
  for (const node of index.nodes) {
    const op = node.opType ?? '';
    const dataInputs = (node.input ?? []).filter((t) => t && !index.isStatic(t));
    const first4d = dataInputs.map((t) => layouts.get(t)).find((l) => l === 'NCHW' || l === 'NHWC');
    for (const t of node.output ?? []) {
      if (!t) continue;
      if (shapes.get(t)?.dims.length !== 4) {
        layouts.set(t, 'flat');
        continue;
      }
      let layout: TensorLayout;
      if (NCHW_OPS.has(op)) layout = 'NCHW';
      else if (op === 'Transpose') {
        const perm = attrInts(node, 'perm');
        if (first4d === 'NHWC' && samePerm(perm, [0, 3, 1, 2])) layout = 'NCHW';
        else if (first4d === 'NCHW' && samePerm(perm, [0, 2, 3, 1])) layout = 'NHWC';
        else layout = 'NCHW';
      } else layout = first4d ?? 'NCHW';
      layouts.set(t, layout);
    }
  }
  return layouts;
}

/** A shape in the given layout, channels-last for Visor ([N, C, H, W] → [N, H, W, C]). */
export function channelsLast<T>(dims: T[], layout: TensorLayout): T[] {
  if (layout !== 'NCHW' || !hasRank(dims, 4)) return [...dims];
  const [n, c, h, w] = dims;
  return [n, h, w, c];
}
