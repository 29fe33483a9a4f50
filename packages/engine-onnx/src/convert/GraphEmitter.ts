import { OnnxGraphBuilder } from './OnnxGraphBuilder.js';
import { attr } from './onnxAttr.js';
import { TO_NCHW, TO_NHWC, type Value } from './Value.js';

/**
 * A layer's Keras-oriented weight: an initializer (or, for weights folded into other constants, the
 * values themselves) reshaped to `onnxShape`, then transposed by `perm`.
 */
export interface KeptWeight {
  init: string | Float32Array;
  onnxShape: number[];
  perm: number[];
  trainable: boolean;
}

/**
 * The graph under construction plus what both converters share: the other layout of a 4-D value
 * (made once per tensor, on first use), the Keras-oriented weights of each layer, and helpers for
 * constants that broadcast along one axis.
 */
export class GraphEmitter {
  readonly b = new OnnxGraphBuilder();
  private readonly nchwOf = new Map<string, string>();
  private readonly nativeOf = new Map<string, string>();
  /** Layer name → its weights in Keras order. */
  readonly kept = new Map<string, KeptWeight[]>();

  /** The NCHW tensor of a 4-D value (a Transpose of a channels-last one, made once). */
  nchw(v: Value): string {
    if (v.shape.length !== 4) throw new Error(`nchw: ${v.tensor} has rank ${v.shape.length}`);
    if (v.layout === 'NCHW') return v.tensor;
    let t = this.nchwOf.get(v.tensor);
    if (!t) {
      t = this.b.node('Transpose', [v.tensor], undefined, { perm: attr.ints(TO_NCHW) }, `${v.tensor}/nchw`);
      this.nchwOf.set(v.tensor, t);
    }
    return t;
  }

  /** The tensor of `v` in TF's own layout (a Transpose of an NCHW one, made once). */
  native(v: Value): string {
    if (v.layout !== 'NCHW') return v.tensor;
    let t = this.nativeOf.get(v.tensor);
    if (!t) {
      t = this.b.node('Transpose', [v.tensor], undefined, { perm: attr.ints(TO_NHWC) }, `${v.tensor}/nhwc`);
      this.nativeOf.set(v.tensor, t);
    }
    return t;
  }

  /** Records a layer weight for `OnnxModelSpec.weights` (in the order Keras lists them). */
  keep(layer: string, w: KeptWeight): void {
    const list = this.kept.get(layer) ?? [];
    list.push(w);
    this.kept.set(layer, list);
  }

  /** Dims of a constant of `size` values laid along stored axis `axis` of a rank-`rank` tensor (1 elsewhere). */
  static alongAxis(rank: number, axis: number, size: number): number[] {
    return Array.from({ length: rank }, (_, i) => (i === axis ? size : 1));
  }
}
