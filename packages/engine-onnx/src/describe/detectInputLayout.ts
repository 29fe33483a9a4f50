import type { GraphIndex } from '../proto/GraphIndex.js';
import { attrInts } from '../proto/attributes.js';
import type { OfRank } from '../ofRank.js';
import type { DeclaredDim } from '../proto/valueInfo.js';
import { NCHW_OPS, PASS_THROUGH_OPS } from './spatialOps.js';

const samePerm = (a: number[] | undefined, b: number[]) => !!a && a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Whether the image input is NCHW or NHWC. First from the graph: following the input through
 * element-wise preprocessing, a Transpose(0, 3, 1, 2) means NHWC (tf2onnx graphs), a
 * Conv/pool/normalisation means NCHW. Then from the shape: a channel-sized dim (1, 3 or 4) at axis 1
 * and not at 3 means NCHW, and the reverse NHWC. Undecided is null.
 */
export function detectInputLayout(index: GraphIndex, input: string, dims: OfRank<4, DeclaredDim>): 'NCHW' | 'NHWC' | null {
  const seen = new Set<string>([input]);
  let frontier = [input];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const t of frontier) {
      for (const node of index.consumersOf(t)) {
        const op = node.opType ?? '';
        if (op === 'Transpose') {
          const perm = attrInts(node, 'perm');
          if (samePerm(perm, [0, 3, 1, 2])) return 'NHWC';
          if (samePerm(perm, [0, 2, 3, 1])) return 'NCHW';
        } else if (NCHW_OPS.has(op)) {
          return 'NCHW';
        } else if (PASS_THROUGH_OPS.has(op)) {
          for (const o of node.output ?? []) {
            if (!o || seen.has(o)) continue;
            seen.add(o);
            next.push(o);
          }
        }
      }
    }
    frontier = next;
  }
  const channelLike = (d: DeclaredDim) => d === 1 || d === 3 || d === 4;
  if (channelLike(dims[1]) && !channelLike(dims[3])) return 'NCHW';
  if (channelLike(dims[3]) && !channelLike(dims[1])) return 'NHWC';
  return null;
}
