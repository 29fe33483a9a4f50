import type { onnx } from 'onnx-proto';
import type { GraphIndex } from '../proto/GraphIndex.js';
import { attrInt } from '../proto/attributes.js';
import { ofRank } from '../ofRank.js';
import { floatTensor, tensorDims, tensorSize } from '../proto/tensorData.js';
import { DataType } from '../proto/onnxProto.js';
import { mulberry32 } from '@visor/core';

/**
 * Fresh values for the initializers of the given nodes, as a map initializer name → new tensor:
 * - Conv / Gemm / MatMul weights: He-uniform on the original fan-in, U(−√(6/fan_in), √(6/fan_in))
 *   (Conv: in/group·kh·kw; Gemm: the input dimension, transB respected; MatMul: rows);
 * - their biases, and a bias Add's constant: zeros (Keras's default initialiser);
 * - BatchNormalization: the identity (γ = 1, β = 0, mean = 0, variance = 1), Keras's defaults;
 * - anything else (a PRelu slope, a Mul constant) is left as it is.
 * Draws are seeded per initializer name, so they do not depend on the order of the layers.
 */
export function randomizeInitializers(nodes: onnx.INodeProto[], index: GraphIndex, seed: number): Map<string, onnx.ITensorProto> {
  const out = new Map<string, onnx.ITensorProto>();
  const init = (name: string | undefined) => (name ? index.initializers.get(name) : undefined);
  const heUniform = (t: onnx.ITensorProto, fanIn: number) => {
    const u = seededUniform(seed, t.name ?? '');
    const limit = Math.sqrt(6 / Math.max(1, fanIn));
    const values = Array.from({ length: tensorSize(t) }, () => (u() * 2 - 1) * limit);
    out.set(t.name ?? '', floatTensor(t.name ?? '', tensorDims(t), values, t.dataType ?? DataType.FLOAT));
  };
  const fill = (t: onnx.ITensorProto | undefined, value: number) => {
    if (t) out.set(t.name ?? '', floatTensor(t.name ?? '', tensorDims(t), new Array<number>(tensorSize(t)).fill(value), t.dataType ?? DataType.FLOAT));
  };
  for (const node of nodes) {
    const inputs = node.input ?? [];
    switch (node.opType) {
      case 'Conv': {
        const w = init(inputs[1]);
        if (w)
          heUniform(
            w,
            tensorDims(w)
              .slice(1)
              .reduce((a, b) => a * b, 1),
          );
        fill(init(inputs[2]), 0);
        break;
      }
      case 'Gemm': {
        const w = init(inputs[1]);
        if (w) heUniform(w, ofRank(tensorDims(w), 2, `Gemm weight '${w.name}'`)[attrInt(node, 'transB', 0) === 1 ? 1 : 0]);
        fill(init(inputs[2]), 0);
        break;
      }
      case 'MatMul': {
        const w = init(inputs[1]);
        if (w) heUniform(w, tensorDims(w).at(-2) ?? 1);
        break;
      }
      case 'Add':
        for (const t of inputs) fill(init(t), 0);
        break;
      case 'BatchNormalization':
        fill(init(inputs[1]), 1);
        fill(init(inputs[2]), 0);
        fill(init(inputs[3]), 0);
        fill(init(inputs[4]), 1);
        break;
    }
  }
  return out;
}

/**
 * A seeded generator of uniform numbers in [0, 1) (core's mulberry32, seeded by `seed` and an FNV-1a hash of
 * `name`): the same seed and name give the same draws on every machine.
 */
function seededUniform(seed: number, name: string): () => number {
  let h = (seed >>> 0) ^ 0x9e3779b9;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return mulberry32(h);
}
