import type { GraphEmitter } from './GraphEmitter.js';
import { attr } from './onnxAttr.js';
import { storedAxis, type Value } from './Value.js';

/** The activations the converters emit, by canonical (Keras snake_case) name. */
export const ACTIVATIONS = [
  'linear',
  'relu',
  'relu6',
  'elu',
  'selu',
  'sigmoid',
  'hard_sigmoid',
  'softmax',
  'log_softmax',
  'softplus',
  'softsign',
  'tanh',
  'swish',
  'mish',
  'gelu',
  'gelu_new',
  'exponential',
] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

const ALIASES: Record<string, ActivationName> = { silu: 'swish', hardsigmoid: 'hard_sigmoid', logsoftmax: 'log_softmax', gelunew: 'gelu_new' };

/**
 * The canonical name of a Keras / TF.js activation identifier (`relu`, `hardSigmoid`, `hard_sigmoid`,
 * `silu`, `{class_name: 'relu'}`, null for linear), or undefined when it is not one of ACTIVATIONS.
 */
export function activationName(identifier: unknown): ActivationName | undefined {
  if (identifier === null || identifier === undefined) return 'linear';
  let id: unknown = identifier;
  if (typeof id === 'object') id = (id as { class_name?: unknown }).class_name ?? (id as { className?: unknown }).className;
  if (typeof id !== 'string') return undefined;
  const flat = id.replace(/_/g, '').toLowerCase();
  return ALIASES[flat] ?? ACTIVATIONS.find((a) => a.replace(/_/g, '') === flat);
}

export interface ActivationOptions {
  /** hard_sigmoid's slope: 0.2 in TF.js and Keras 2 (clip(0.2x + 0.5)), 1/6 in Keras 3 (relu6(x + 3) / 6). */
  hardSigmoidSlope?: number;
  /** softmax / log_softmax axis in TF terms (default −1). */
  axis?: number;
}

/**
 * Emits `act(x)` into `out` and returns it (x itself for `linear`). Element-wise activations ignore
 * the layout; softmax takes its TF axis to the stored one. ReLU6 is `Clip(x, 0, 6)`.
 */
export function emitActivation(e: GraphEmitter, act: ActivationName, x: Value, out: string, opts: ActivationOptions = {}): Value {
  const { b } = e;
  const t = x.tensor;
  const node = (op: string, inputs: string[], attrs = {}) => b.node(op, inputs, out, attrs);
  const tmp = (op: string, inputs: string[], attrs = {}) => b.node(op, inputs, undefined, attrs, `${out}/${op}`);
  const c = (v: number) => b.floatConst([v], []);
  switch (act) {
    case 'linear':
      return x;
    case 'relu':
      node('Relu', [t]);
      break;
    case 'relu6':
      node('Clip', [t, c(0), c(6)]);
      break;
    case 'elu':
      node('Elu', [t], { alpha: attr.float(1) });
      break;
    case 'selu':
      node('Selu', [t]);
      break;
    case 'sigmoid':
      node('Sigmoid', [t]);
      break;
    case 'hard_sigmoid':
      node('HardSigmoid', [t], { alpha: attr.float(opts.hardSigmoidSlope ?? 0.2), beta: attr.float(0.5) });
      break;
    case 'softmax':
    case 'log_softmax':
      node(act === 'softmax' ? 'Softmax' : 'LogSoftmax', [t], { axis: attr.int(storedAxis(x, opts.axis ?? -1)) });
      break;
    case 'softplus':
      node('Softplus', [t]);
      break;
    case 'softsign':
      node('Softsign', [t]);
      break;
    case 'tanh':
      node('Tanh', [t]);
      break;
    case 'exponential':
      node('Exp', [t]);
      break;
    case 'swish':
      node('Mul', [t, tmp('Sigmoid', [t])]);
      break;
    case 'mish':
      node('Mul', [t, tmp('Tanh', [tmp('Softplus', [t])])]);
      break;
    case 'gelu': {
      // 0.5 · x · (1 + erf(x / √2))
      const erf = tmp('Erf', [tmp('Mul', [t, c(Math.SQRT1_2)])]);
      node('Mul', [tmp('Mul', [t, c(0.5)]), tmp('Add', [erf, c(1)])]);
      break;
    }
    case 'gelu_new': {
      // 0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³)))
      const cube = tmp('Mul', [tmp('Mul', [t, t]), t]);
      const inner = tmp('Mul', [tmp('Add', [t, tmp('Mul', [cube, c(0.044715)])]), c(Math.sqrt(2 / Math.PI))]);
      node('Mul', [tmp('Mul', [t, c(0.5)]), tmp('Add', [tmp('Tanh', [inner]), c(1)])]);
      break;
    }
  }
  return { ...x, tensor: out };
}
