import { modelError } from '../../modelError.js';

/** One layer call of a Keras model with nested models flattened into it. */
export interface KerasLayerCall {
  /** Unique in the model: the Keras layer name, `outer/inner` inside a nested model. Also its output tensor's name. */
  name: string;
  /** The name inside its own model (weights are stored under it). */
  localName: string;
  className: string;
  config: Record<string, unknown>;
  /** Names of the calls whose outputs feed this one, in order. */
  inbound: string[];
  /**
   * `input`: the model's input; `nested-input`: the InputLayer of a nested model (passes its feed on);
   * `model`: a nested model's own entry (passes its inner output on); `layer`: everything else.
   */
  role: 'input' | 'nested-input' | 'model' | 'layer';
}

export interface KerasGraph {
  name: string;
  /** The calls in topological order (a nested model's layers before the nested model's own entry). */
  calls: KerasLayerCall[];
  input: string;
  output: string;
  /** Major Keras version that wrote the topology when it says (`3` for Keras 3 files), else 2 (TF.js, tf.keras). */
  kerasMajor: number;
  /** Whether TF.js wrote it (`keras_version: "tfjs-layers …"`). */
  fromTfjs: boolean;
}

/** Class names of models used as layers. */
export const MODEL_CLASSES = new Set(['Functional', 'Model', 'Sequential']);

type Json = Record<string, unknown>;
interface Ref {
  layer: string;
  tensor: number;
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `[name, node, tensor]` or `[[name, node, tensor], …]` (Keras 3 writes the first for one tensor). */
function refList(v: unknown): Ref[] {
  if (!Array.isArray(v)) return [];
  const one = (r: unknown): Ref => {
    const a = r as unknown[];
    return { layer: String(a[0]), tensor: Number(a[2] ?? 0) };
  };
  return typeof v[0] === 'string' ? [one(v)] : v.map(one);
}

/** The tensors one inbound node reads: Keras 2 / TF.js `[[name, node, tensor, kwargs], …]`; Keras 3 `{args: […keras tensors]}`. */
function nodeRefs(node: unknown): Ref[] {
  if (Array.isArray(node)) return node.map((r) => ({ layer: String((r as unknown[])[0]), tensor: Number((r as unknown[])[2] ?? 0) }));
  const refs: Ref[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v)) {
      const history = isObject(v['config']) ? (v['config'] as Json)['keras_history'] : undefined;
      if (v['class_name'] === '__keras_tensor__' && Array.isArray(history)) refs.push({ layer: String(history[0]), tensor: Number(history[2] ?? 0) });
      else Object.values(v).forEach(walk);
    }
  };
  if (isObject(node)) walk(node['args']);
  return refs;
}

const layerName = (l: Json): string => String(l['name'] ?? (isObject(l['config']) ? (l['config'] as Json)['name'] : undefined));

/**
 * Reads a Keras / TF.js layers-model topology (`{class_name, config}`, or wrapped as `{model_config}`)
 * into its layer calls with nested models (Functional or Sequential used as a layer) flattened: their
 * layers become calls named `outer/inner`, their InputLayer passes the outer tensor on, and the nested
 * model's own entry passes its inner output on. One input and one output are required; a layer
 * applied more than once (a shared layer) is refused.
 */
export function flattenKerasModel(topology: unknown, file: string): KerasGraph {
  const fail = (msg: string, hint?: string): never => {
    throw modelError(file, msg, hint);
  };
  if (!isObject(topology)) return fail('the layers-model topology is not a JSON object');
  const kerasVersion = String(topology['keras_version'] ?? '');
  const model = isObject(topology['model_config']) ? (topology['model_config'] as Json) : topology;
  if (!MODEL_CLASSES.has(String(model['class_name']))) {
    return fail(`the topology's class_name is ${JSON.stringify(model['class_name'])}; expected Functional, Model or Sequential`);
  }
  const calls: KerasLayerCall[] = [];

  const flatten = (m: Json, path: string[], feed: string | null): string => {
    const where = path.length ? `nested model "${path.join('/')}"` : 'the model';
    const config = m['config'];
    const full = (local: string) => [...path, local].join('/');
    const cfgOf = (l: Json): Json => (isObject(l['config']) ? (l['config'] as Json) : {});
    if (m['class_name'] === 'Sequential') {
      const layers = (Array.isArray(config) ? config : isObject(config) ? config['layers'] : undefined) as Json[] | undefined;
      if (!Array.isArray(layers) || layers.length === 0) return fail(`${where} (Sequential) has no layers`);
      let prev = feed;
      for (const l of layers) {
        const local = layerName(l);
        const cls = String(l['class_name']);
        if (cls === 'InputLayer') {
          calls.push({
            name: full(local),
            localName: local,
            className: cls,
            config: cfgOf(l),
            inbound: prev === null ? [] : [prev],
            role: prev === null ? 'input' : 'nested-input',
          });
          prev = full(local);
          continue;
        }
        if (prev === null && MODEL_CLASSES.has(cls)) {
          // A Sequential that starts with a model (TF.js writes no InputLayer then): its input is the model's input.
          const inner = flatten(l, [...path, local], null);
          calls.push({ name: full(local), localName: local, className: cls, config: cfgOf(l), inbound: [inner], role: 'model' });
          prev = full(local);
          continue;
        }
        if (prev === null) {
          // A Sequential built from `inputShape` on its first layer: Keras and TF.js call the input `<first>_input`.
          const c = cfgOf(l);
          const shape = c['batch_input_shape'] ?? c['batch_shape'] ?? c['batchInputShape'];
          if (!Array.isArray(shape)) return fail(`the first layer "${local}" of ${where} has no batch_input_shape, so the input shape is unknown`);
          const name = full(`${local}_input`);
          calls.push({ name, localName: `${local}_input`, className: 'InputLayer', config: { batch_input_shape: shape, name }, inbound: [], role: 'input' });
          prev = name;
        }
        if (MODEL_CLASSES.has(cls)) {
          const inner = flatten(l, [...path, local], prev);
          calls.push({ name: full(local), localName: local, className: cls, config: cfgOf(l), inbound: [inner], role: 'model' });
        } else {
          calls.push({ name: full(local), localName: local, className: cls, config: cfgOf(l), inbound: [prev], role: 'layer' });
        }
        prev = full(local);
      }
      return prev as string;
    }

    if (!isObject(config) || !Array.isArray(config['layers'])) return fail(`${where} has no "layers" list in its config`);
    const layers = config['layers'] as Json[];
    const byName = new Map(layers.map((l) => [layerName(l), l]));
    const inputs = refList(config['input_layers']);
    const outputs = refList(config['output_layers']);
    const [input] = inputs;
    const [output] = outputs;
    if (!input || inputs.length !== 1) {
      return feed === null
        ? fail(`the model has ${inputs.length} inputs (${inputs.map((r) => r.layer).join(', ')}); Visor explains single-input image classifiers`)
        : fail(`${where} has ${inputs.length} inputs; only nested models with one input are supported`);
    }
    if (!output) return fail(`${where} declares no output_layers`);
    const done = new Map<string, string>();
    const onPath = new Set<string>();
    const visit = (local: string): string => {
      const known = done.get(local);
      if (known) return known;
      const l = byName.get(local) ?? fail(`${where} refers to a layer "${local}" that is not in its layers list`);
      if (onPath.has(local)) return fail(`${where} has a cycle through layer "${local}"`);
      onPath.add(local);
      const cls = String(l['class_name']);
      const name = full(local);
      if (cls === 'InputLayer') {
        calls.push({
          name,
          localName: local,
          className: cls,
          config: cfgOf(l),
          inbound: feed === null ? [] : [feed],
          role: feed === null ? 'input' : 'nested-input',
        });
      } else {
        const nodes = Array.isArray(l['inbound_nodes']) ? (l['inbound_nodes'] as unknown[]) : [];
        if (nodes.length === 0) return fail(`layer "${name}" (${cls}) has no inbound node`);
        if (nodes.length > 1) {
          return fail(
            `layer "${name}" (${cls}) is applied ${nodes.length} times (a shared layer); the ONNX conversion supports each layer once`,
            'use backend: tensorflow/wasm/cpu for this model',
          );
        }
        const refs = nodeRefs(nodes[0]);
        for (const r of refs) {
          if (r.tensor !== 0) return fail(`layer "${name}" (${cls}) reads output ${r.tensor} of "${r.layer}"; only single-output layers are supported`);
        }
        const inbound = refs.map((r) => visit(r.layer));
        if (MODEL_CLASSES.has(cls)) {
          const [only] = inbound;
          if (!only || inbound.length !== 1) return fail(`nested model "${name}" is called on ${inbound.length} tensors; only one is supported`);
          const inner = flatten(l, [...path, local], only);
          calls.push({ name, localName: local, className: cls, config: cfgOf(l), inbound: [inner], role: 'model' });
        } else {
          calls.push({ name, localName: local, className: cls, config: cfgOf(l), inbound, role: 'layer' });
        }
      }
      onPath.delete(local);
      done.set(local, name);
      return name;
    };
    // The input first, so that it leads the list even where the output is reached through it.
    visit(input.layer);
    const [out] = outputs.map((r) => visit(r.layer));
    if (output.tensor !== 0) return fail(`${where}'s output is output ${output.tensor} of "${output.layer}"; only single-output layers are supported`);
    return out!; // one per output, and there is one
  };

  const output = flatten(model, [], null);
  const input = calls.find((c) => c.role === 'input');
  if (!input) return fail('the model has no InputLayer');
  const name = isObject(model['config']) ? String((model['config'] as Json)['name'] ?? 'model') : 'model';
  return {
    name,
    calls,
    input: input.name,
    output,
    // Keras 3 writes `keras_version` in a side file; its model configs name their module `keras.src.models.…`.
    kerasMajor: /^3\./.test(kerasVersion) || /^keras(\.src)?\.models/.test(String(model['module'] ?? '')) ? 3 : 2,
    fromTfjs: kerasVersion.startsWith('tfjs'),
  };
}
