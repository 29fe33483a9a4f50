import type { LayerInfo } from '@visor/core';
import { decodeWeights } from '../decodeWeights.js';
import { GraphEmitter } from '../GraphEmitter.js';
import { modelError } from '../../modelError.js';
import type { OnnxModelSpec, TensorBinding } from '../../OnnxModelSpec.js';
import { specWeights } from '../specWeights.js';
import type { TfjsArtifacts } from '../TfjsArtifacts.js';
import { isValue4, type Value } from '../Value.js';
import { WeightIndex } from '../WeightIndex.js';
import { flattenKerasModel, type KerasLayerCall } from './flattenKerasModel.js';
import { KerasConfig } from './KerasConfig.js';
import type { LayerContext, LayerOutput } from './LayerContext.js';
import { LAYER_CONVERTERS } from './layerConverters.js';

/** The input shape [batch, H, W, C] of an InputLayer config (Keras 2 / TF.js `batch_input_shape`, Keras 3 `batch_shape`). */
function inputShape(call: KerasLayerCall, fail: (m: string, hint?: string) => never): [null, number | null, number | null, number] {
  const c = call.config;
  const raw = c['batch_input_shape'] ?? c['batch_shape'] ?? c['batchInputShape'];
  if (!Array.isArray(raw)) return fail(`input layer "${call.name}" has no batch_input_shape`);
  const dims = raw.map((d) => (d === null || d === undefined || d === -1 ? null : Number(d)));
  if (dims.length !== 4 || dims[3] === null) {
    return fail(
      `input "${call.name}" has shape [${dims.map(String).join(', ')}]; Visor explains image classifiers with an input [batch, height, width, channels]`,
    );
  }
  const [, h, w, channels] = dims as [null, number | null, number | null, number]; // rank 4 and channels known: checked above
  return [null, h, w, channels];
}

/**
 * Converts a TF.js / Keras layers model into an ONNX graph: one node group per Keras layer, each layer's
 * output written to a tensor named after the layer (nested models flattened to `outer/inner`), 4-D
 * values computed NCHW from one transpose of the NHWC input, weights permuted once into initializers.
 */
export function convertLayersModel(artifacts: TfjsArtifacts, file: string): OnnxModelSpec {
  const graph = flattenKerasModel(artifacts.modelTopology, file);
  const weights = new WeightIndex(decodeWeights(artifacts, file));
  const e = new GraphEmitter();
  for (const c of graph.calls) e.b.reserve(c.name);
  const calls = new Map(graph.calls.map((c) => [c.name, c]));
  const values = new Map<string, Value>();
  const results = new Map<string, LayerOutput>();
  const layers: LayerInfo[] = [];
  const bindings = new Map<string, TensorBinding>();
  const fileFail = (m: string, hint?: string): never => {
    throw modelError(file, m, hint);
  };
  let input: OnnxModelSpec['input'] | undefined;

  for (const call of graph.calls) {
    const fail = (m: string, hint?: string): never => {
      throw modelError(file, `layer "${call.name}" (${call.className}): ${m}`, hint);
    };
    const inbound = call.inbound.map((n) => values.get(n) ?? fail(`its input "${n}" was not converted before it`));
    let out: LayerOutput;
    if (call.role === 'input') {
      const shape = inputShape(call, fileFail);
      e.b.input(call.name, ['N', shape[1] ?? 'H', shape[2] ?? 'W', shape[3]]);
      input = { name: call.name, layout: 'NHWC', shape: [shape[1], shape[2], shape[3]] };
      out = { value: { tensor: call.name, shape, layout: 'NHWC' }, kind: 'input' };
    } else if (call.role === 'nested-input' || call.role === 'model') {
      const [x] = inbound;
      if (!x || inbound.length !== 1) return fail(`has ${inbound.length} inputs; a nested model's input and output pass one on`);
      e.b.node('Identity', [x.tensor], call.name);
      out = { value: { ...x, tensor: call.name }, kind: call.role === 'model' ? 'model' : 'identity' };
    } else {
      const convert = LAYER_CONVERTERS[call.className];
      if (!convert) {
        return fail(
          'this layer class has no ONNX mapping',
          `supported layers: ${Object.keys(LAYER_CONVERTERS).join(', ')}; use a tfjs backend (backend: tensorflow | wasm | cpu) for this model`,
        );
      }
      const ctx: LayerContext = {
        e,
        name: call.name,
        className: call.className,
        config: new KerasConfig(call.config, (m) => fail(m)),
        inputs: inbound,
        kerasMajor: graph.kerasMajor,
        fromTfjs: graph.fromTfjs,
        fail,
        input: () => {
          const [x] = inbound;
          return x && inbound.length === 1 ? x : fail(`has ${inbound.length} inputs; it takes one`);
        },
        input4d: () => {
          const x = ctx.input();
          return isValue4(x)
            ? x
            : fail(`its input has shape [${x.shape.map(String).join(', ')}]; it needs an image-shaped [batch, height, width, channels] input`);
        },
        optionalWeight: (key) => weights.find(call.name, call.localName, key),
        weight: (key, shape) => {
          const w = weights.find(call.name, call.localName, key);
          if (!w) {
            const closest = weights.closest(`${call.name}/${key}`);
            return fail(
              `its weight "${key}" is not in the weights (looked for "${call.name}/${key}")${closest ? `; closest stored name: "${closest}"` : ''}`,
              'the weights manifest must list every layer weight by "<layer>/<weight>"',
            );
          }
          if (shape && (shape.length !== w.shape.length || shape.some((d, i) => d !== w.shape[i]))) {
            return fail(`its weight "${w.name}" has shape [${w.shape.join(', ')}]; the layer's config and input need [${shape.join(', ')}]`);
          }
          return w;
        },
      };
      out = convert(ctx);
    }
    values.set(call.name, out.value);
    results.set(call.name, out);
    bindings.set(call.name, { tensor: out.value.tensor, layout: out.value.layout });
    const info: LayerInfo = { name: call.name, className: call.className, kind: out.kind, outputShape: [...out.value.shape], inbound: [...call.inbound] };
    if (out.activation !== undefined) info.activation = out.activation;
    const params = (e.kept.get(call.name) ?? []).filter((w) => w.trainable).reduce((n, w) => n + w.onnxShape.reduce((a, b) => a * b, 1), 0);
    if (params > 0) info.params = params;
    layers.push(info);
  }
  if (!input) return fileFail('the model has no input layer');

  const output = values.get(graph.output) as Value;
  if (output.shape.length !== 2) {
    return fileFail(
      `the model's output "${graph.output}" has shape [${output.shape.map(String).join(', ')}]; Visor explains classifiers with an output [batch, classes]`,
    );
  }
  // The layer that computes the output, through nested models' pass-throughs.
  let head = graph.output;
  // A nested model's call has one inbound tensor (checked when it was converted).
  while (calls.get(head)?.role === 'model') head = (calls.get(head) as KerasLayerCall).inbound[0]!;
  const headOut = results.get(head) as LayerOutput;
  let finalActivation: OnnxModelSpec['finalActivation'] = 'linear';
  let logits = output.tensor;
  if ((headOut.activation === 'softmax' || headOut.activation === 'sigmoid') && headOut.preactivation) {
    finalActivation = headOut.activation;
    logits = headOut.preactivation;
  } else if ((headOut.activation === 'softmax' || headOut.activation === 'sigmoid') && calls.get(head)?.inbound.length === 1) {
    finalActivation = headOut.activation;
    logits = (values.get((calls.get(head) as KerasLayerCall).inbound[0]!) as Value).tensor; // one inbound: tested just above
  }
  e.b.output(output.tensor);

  return {
    proto: e.b.modelProto(graph.name),
    input,
    layers,
    bindings,
    logits,
    output: output.tensor,
    outputLayer: graph.output,
    finalActivation,
    weights: specWeights(e, new Set(layers.map((l) => l.name)), file),
  };
}
