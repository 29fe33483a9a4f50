/**
 * The element-wise operations a gradient rewrite may use. Each engine supplies its own: tfjs applies
 * them eagerly to tensors while the gradient is taken, ONNX emits them as nodes of the backward graph.
 * Masks are 0/1 float values of the same shape, so rules combine them by multiplication.
 */
export interface GradientOps<T> {
  mul(a: T, b: T): T;
  add(a: T, b: T): T;
  /** 1 where a > 0, else 0. */
  positive(a: T): T;
}

/**
 * One ReLU-like unit on the way back: `y = min(max(x, 0), cap)` (cap = ∞ for a plain ReLU, 6 for
 * ReLU6, m for Clip(0, m) and Keras `ReLU(max_value=m)`), whatever wrote it (a ReLU layer, a fused
 * `activation: 'relu'`, an ONNX `Relu` or `Clip` node).
 */
export interface ReluUnit<T> {
  /** R: the gradient arriving at the unit's output. */
  dy: T;
  /** f: the unit's forward input. */
  x: T;
  /** The unit's own derivative as a 0/1 mask: [f > 0] for ReLU, [f > 0]·[f ≤ cap] with a cap. */
  open: T;
  /** The part of `open` that is not the hinge, [f ≤ cap]; null for a plain ReLU. */
  cap: T | null;
}

/**
 * A replacement for the backward pass of a model's ReLUs, supplied by a plugin and applied by every
 * engine (`VisorModel.gradients({ rewrite })`): the tfjs engine overrides the Relu/Relu6/ClipByValue
 * gradients for the duration of one gradient call, the ONNX engine emits `relu(ops, unit)` in place of
 * each ReLU's vector-Jacobian product when it builds the backward graph. The model is never changed.
 *
 * Guided backprop is `relu: (ops, u) => ops.mul(ops.mul(u.dy, ops.positive(u.dy)), u.open)`.
 *
 * Engines refuse a rewrite on a model with rectifiers it does not cover (LeakyReLU, PReLU, ELU, SELU,
 * GELU, swish) rather than silently differentiating them normally, naming the layers.
 */
export interface GradientRewrite {
  /** Identifies the rule: engines cache what they build per (model, wrt, id), e.g. `relu:guided`. */
  id: string;
  /** dx for one ReLU-like unit. */
  relu<T>(ops: GradientOps<T>, unit: ReluUnit<T>): T;
}
