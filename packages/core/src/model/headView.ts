import type { GradientRequest, GradientResult } from '../contracts/GradientRequest.js';
import type { LayerInfo } from '../contracts/LayerInfo.js';
import type { NdArray } from '../contracts/NdArray.js';
import type { VisorModel } from '../contracts/VisorModel.js';
import { VisorError } from '../errors/VisorError.js';

/** What turns a model's logits into probabilities: `auto` = the model's own output activation. */
export type OutputActivation = 'auto' | 'softmax' | 'sigmoid' | 'linear';

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

function softmaxRow(z: Float32Array): Float32Array {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** The layers on the way back from the output to the first dense layer (the one the logits come from). */
function headDense(model: VisorModel): { dense: string; bias: string | null } | null {
  let layer: LayerInfo | undefined;
  try {
    layer = model.layer(model.outputLayer);
  } catch {
    return null; // a model without a layer graph
  }
  let bias: string | null = null;
  for (let steps = 0; layer && steps < 8; steps++) {
    if (layer.kind === 'dense') return { dense: layer.name, bias: bias ?? layer.name };
    if (layer.kind === 'bias') bias = layer.name;
    else if (!['activation', 'softmax', 'identity', 'reshape'].includes(layer.kind)) return null;
    const next: string | undefined = layer.inbound[0];
    layer = next === undefined ? undefined : model.layer(next);
  }
  return null;
}

/**
 * The model as the methods should score it (issue: every head, not only softmax):
 *
 * - `logits` are always the head's pre-activation; `probabilities` are the chosen output activation of
 *   them: the model's own (`auto`), or a declared one (`softmax` for a PyTorch classifier that outputs
 *   logits, `sigmoid` for multi-label logits, `linear` for a regression head: no probabilities).
 * - A model with ONE sigmoid output (binary classification) is seen as two classes: 0 = the complement
 *   (logit −z, probability 1 − σ(z)) and 1 = the positive class (z, σ(z)), so top-k, targets and every
 *   method work on both, as pytorch-grad-cam's BinaryClassifierOutputTarget does. The head's dense
 *   weights are shown with the complement's column negated, so CAM's Σ_k w_c^k f_k holds for both.
 *
 * Probability gradients the engine cannot take itself (a declared activation, the binary view) are
 * logit gradients with each seed multiplied by the activation's Jacobian at the current logits, which is
 * exact: d(Σ s·p(z))/dx = Σ_k (Jᵀs)_k dz_k/dx.
 */
export function headView(model: VisorModel, activation: OutputActivation = 'auto'): VisorModel {
  const own = model.finalActivation;
  const act = activation === 'auto' ? own : activation;
  if (!['softmax', 'sigmoid', 'linear'].includes(act)) {
    throw new VisorError(
      `${model.source}: the model's output activation "${act}" is not one Visor can score; declare it with outputActivation: softmax | sigmoid | linear`,
      { code: 'model', file: model.source },
    );
  }
  const binary = act === 'sigmoid' && model.numClasses === 1;
  if (act === own && !binary) return model;
  const k = model.numClasses;
  const viewK = binary ? 2 : k;
  const head = binary ? headDense(model) : null;

  /** Logits [N, viewK] of the view from the engine's logits [N, k]. */
  const viewLogits = (z: NdArray): NdArray => {
    if (!binary) return z;
    const n = z.shape[0]!;
    const out = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      out[i * 2] = -z.data[i]!;
      out[i * 2 + 1] = z.data[i]!;
    }
    return { data: out, shape: [n, 2] };
  };
  const probabilitiesOf = (logits: NdArray): NdArray => {
    if (act === 'linear') {
      throw new VisorError(
        `${model.source}: score "probability" is not defined for a model with a linear output; use score: logit (the raw output), or, if the outputs are the logits of a classifier, declare outputActivation: softmax (or sigmoid)`,
        { code: 'config', file: model.source },
      );
    }
    const n = logits.shape[0]!;
    const out = new Float32Array(n * viewK);
    for (let i = 0; i < n; i++) {
      const row = logits.data.subarray(i * viewK, (i + 1) * viewK);
      out.set(act === 'softmax' ? softmaxRow(row) : row.map(sigmoid), i * viewK);
    }
    return { data: out, shape: [n, viewK] };
  };

  const view: VisorModel = {
    ...model,
    source: model.source,
    format: model.format,
    engine: model.engine,
    inputShape: model.inputShape,
    numClasses: viewK,
    finalActivation: act,
    outputLayer: model.outputLayer,
    layers: () => model.layers(),
    layer: (name) => model.layer(name),
    weights(layerName) {
      const w = model.weights(layerName);
      if (!head || (layerName !== head.dense && layerName !== head.bias)) return w;
      // The complement's column: −w, −b.
      return w.map((t) => {
        const last = t.shape[t.shape.length - 1];
        if (last !== 1) return t;
        const rows = t.data.length;
        const out = new Float32Array(rows * 2);
        for (let r = 0; r < rows; r++) {
          out[r * 2] = -t.data[r]!;
          out[r * 2 + 1] = t.data[r]!;
        }
        return { data: out, shape: [...t.shape.slice(0, -1), 2] };
      });
    },
    async run(x, outputs) {
      const needLogits = outputs.some((o) => o === 'logits' || o === 'probabilities');
      const passthrough = outputs.filter((o) => o !== 'logits' && o !== 'probabilities');
      const ran = await model.run(x, needLogits ? ['logits', ...passthrough] : passthrough);
      const logits = needLogits ? viewLogits(ran.shift()!) : undefined;
      return outputs.map((o) => (o === 'logits' ? logits! : o === 'probabilities' ? probabilitiesOf(logits!) : ran.shift()!));
    },
    async gradients(x, request: GradientRequest): Promise<GradientResult> {
      const n = x.shape[0]!;
      const logits = request.score === 'probability' || binary ? viewLogits((await model.run(x, ['logits']))[0]!) : null;
      const probs = request.score === 'probability' ? probabilitiesOf(logits!) : null;
      // Seeds on the view's scores → seeds on the engine's logits.
      const seeds = request.seeds.map((s) => {
        if (s.length !== n * viewK) {
          throw new VisorError(`${model.source}: a gradient seed has ${s.length} values, expected ${n}×${viewK} (inputs × classes)`, { code: 'run' });
        }
        const onView = new Float32Array(n * viewK);
        for (let i = 0; i < n; i++) {
          const si = s.subarray(i * viewK, (i + 1) * viewK);
          if (!probs) onView.set(si, i * viewK);
          else if (act === 'sigmoid')
            for (let c = 0; c < viewK; c++) onView[i * viewK + c] = si[c]! * probs.data[i * viewK + c]! * (1 - probs.data[i * viewK + c]!);
          else {
            // softmax Jacobian: (Jᵀs)_c = p_c (s_c − Σ_j s_j p_j)
            const p = probs.data.subarray(i * viewK, (i + 1) * viewK);
            let dot = 0;
            for (let c = 0; c < viewK; c++) dot += si[c]! * p[c]!;
            for (let c = 0; c < viewK; c++) onView[i * viewK + c] = p[c]! * (si[c]! - dot);
          }
        }
        if (!binary) return onView;
        const onZ = new Float32Array(n);
        for (let i = 0; i < n; i++) onZ[i] = onView[i * 2 + 1]! - onView[i * 2]!;
        return onZ;
      });
      const result = await model.gradients(x, { ...request, score: 'logit', seeds });
      const scores = request.score === 'probability' ? probs! : (logits ?? result.scores);
      return { ...result, scores };
    },
    async withRandomWeights(layerNames, seed) {
      return headView(await model.withRandomWeights(layerNames, seed), activation);
    },
    memory: () => model.memory(),
    dispose: () => model.dispose(),
  };
  return view;
}
