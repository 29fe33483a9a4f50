import { tf } from '../tf.js';
import { isObject, type Json, type JsonObject } from './Json.js';
import { kerasError } from './kerasError.js';
import { COMMON_DROPPED, COMMON_KEYS, LAYER_RULES, MODEL_CLASSES, REFUSED, type LayerRule } from './layerRules.js';

/** One layer of the model as Keras numbers and names it, with its translated config. */
export interface LayerNode {
  name: string;
  /** The class as saved (`Conv2D`, `Functional`, …): Keras 3 names weight groups after it. */
  kerasClass: string;
  /** The rule it was translated with (none for nested models). */
  rule?: LayerRule;
  /** The translated (tfjs-loadable, snake_case) config. */
  config: JsonObject;
  /** A nested model's `layers`, in Keras's order (a Sequential's own InputLayer is not one of them). */
  children?: LayerNode[];
}

export interface TranslatedModel {
  /** The model as `tf.loadLayersModel` takes it: `{ class_name, config }` in Keras 2 form. */
  topology: JsonObject;
  /** The model itself as a node whose children are its layers. */
  root: LayerNode;
}

export interface TranslateContext {
  /** The file, for error messages. */
  file: string;
  /** Major version of the Keras that wrote the file (2 or 3): hard_sigmoid differs between them. */
  kerasMajor: number;
}

const INITIALIZERS: Record<string, string> = {
  Zeros: 'Zeros',
  Ones: 'Ones',
  Constant: 'Constant',
  RandomNormal: 'RandomNormal',
  RandomUniform: 'RandomUniform',
  TruncatedNormal: 'TruncatedNormal',
  VarianceScaling: 'VarianceScaling',
  GlorotUniform: 'GlorotUniform',
  GlorotNormal: 'GlorotNormal',
  HeNormal: 'HeNormal',
  HeUniform: 'HeUniform',
  LecunNormal: 'LeCunNormal',
  LecunUniform: 'LeCunUniform',
  LeCunNormal: 'LeCunNormal',
  LeCunUniform: 'LeCunUniform',
  Orthogonal: 'Orthogonal',
  Identity: 'Identity',
  IdentityInitializer: 'Identity',
};
const STRING_INITIALIZERS = new Set([
  'zeros',
  'ones',
  'glorot_uniform',
  'glorot_normal',
  'he_normal',
  'he_uniform',
  'lecun_normal',
  'lecun_uniform',
  'orthogonal',
  'identity',
  'random_normal',
  'random_uniform',
  'truncated_normal',
  'variance_scaling',
]);

/** Class names some TensorFlow 1.13–2.x versions wrote for the same layers (as the tfjs converter maps them). */
const CLASS_ALIASES: Record<string, string> = { BatchNormalizationV1: 'BatchNormalization', BatchNormalizationV2: 'BatchNormalization' };

/** Keras activation name → tfjs activation name, for the activations whose definitions agree. */
const ACTIVATIONS: Record<string, string> = {
  linear: 'linear',
  relu: 'relu',
  relu6: 'relu6',
  elu: 'elu',
  selu: 'selu',
  softplus: 'softplus',
  softsign: 'softsign',
  tanh: 'tanh',
  sigmoid: 'sigmoid',
  softmax: 'softmax',
  log_softmax: 'log_softmax',
  swish: 'swish',
  silu: 'swish',
  gelu: 'gelu',
  mish: 'mish',
};

/** A `{class_name, config}` object (Keras 2) or `{module, class_name, config, registered_name}` (Keras 3). */
function isKerasObject(v: unknown): v is JsonObject & { class_name: string } {
  return isObject(v) && typeof v.class_name === 'string';
}

/** Whether a serialized object is a user's class (registered as `Package>Name`, or from a non-Keras module). */
function customOrigin(o: JsonObject): string | undefined {
  const module = typeof o.module === 'string' ? o.module : undefined;
  const registered = typeof o.registered_name === 'string' ? o.registered_name : undefined;
  if (module && !/^(keras|tf_keras|tensorflow\.keras|tensorflow\.python\.keras)(\.|$)/.test(module)) return `module '${module}'`;
  if (registered && registered !== o.class_name) return `registered as '${registered}'`;
  return undefined;
}

/** tfjs-layers' registered classes (what `tf.loadLayersModel` can build). */
function tfjsKnows(className: string): boolean {
  return className in tf.serialization.SerializationMap.getMap().classNameMap;
}

class Translator {
  constructor(private readonly ctx: TranslateContext) {}

  private fail(where: string, msg: string, hint?: string): never {
    throw kerasError(this.ctx.file, `${where}: ${msg}`, hint);
  }

  /** Refuses a model or layer of a class registered outside Keras (customOrigin), which only its Python code defines. */
  private refuseCustom(o: JsonObject, where: string, what: 'model' | 'layer', hint: string): void {
    const custom = customOrigin(o);
    if (custom) this.fail(where, `a custom ${what} class (${custom}) cannot be rebuilt outside Python`, hint);
  }

  /** Translates a model (the file's top level, or a model used as a layer). */
  model(o: JsonObject, path: string[]): { entry: JsonObject; node: LayerNode } {
    const className = String(o.class_name);
    const cfg = o.config;
    const name = isObject(cfg) && typeof cfg.name === 'string' ? cfg.name : (path[path.length - 1] ?? 'model');
    const where = path.length ? `layer '${path.join('/')}' (${className})` : `the model (${className})`;
    this.refuseCustom(o, where, 'model', 'Save a functional or Sequential model (keras.Model(inputs, outputs)).');
    if (className === 'Sequential' || Array.isArray(cfg)) return this.sequential(className, cfg, name, path, where);
    if (isObject(cfg) && Array.isArray(cfg.layers) && cfg.input_layers !== undefined) return this.functional(className, cfg, name, path, where);
    return this.fail(
      where,
      'not a functional or Sequential model: its config has no layer graph',
      'Subclassed models cannot be read; save a functional or Sequential model.',
    );
  }

  private functional(kerasClass: string, cfg: JsonObject, name: string, path: string[], where: string) {
    const entries = cfg.layers as Json[];
    const classes = new Map<string, string>();
    for (const e of entries) {
      if (!isKerasObject(e)) this.fail(where, 'a layer entry has no class_name');
      const n = typeof e.name === 'string' ? e.name : isObject(e.config) && typeof e.config.name === 'string' ? e.config.name : undefined;
      if (n === undefined) this.fail(where, `a ${e.class_name} layer has no name`);
      if (classes.has(n)) this.fail(where, `two layers are named '${n}'`);
      classes.set(n, e.class_name);
    }
    // Keras 3 writes inbound nodes as {args, kwargs}; its node numbering of Sequential layers applies to
    // input_layers/output_layers too.
    const keras3 = (entries as JsonObject[]).some((e) => Array.isArray(e.inbound_nodes) && e.inbound_nodes.some(isObject));
    const layers: JsonObject[] = [];
    const children: LayerNode[] = [];
    for (const e of entries as (JsonObject & { class_name: string })[]) {
      const layerName = typeof e.name === 'string' ? e.name : String((e.config as JsonObject).name);
      const { entry, node } = this.layer(e, [...path, layerName]);
      const lwhere = `layer '${[...path, layerName].join('/')}' (${e.class_name})`;
      const inbound = Array.isArray(e.inbound_nodes) ? e.inbound_nodes : [];
      layers.push({ ...entry, name: layerName, inbound_nodes: inbound.map((nd) => this.node(nd, classes, lwhere)) });
      children.push(node);
    }
    const io = (key: 'input_layers' | 'output_layers') => {
      const v = cfg[key];
      const triples = Array.isArray(v) && v.length === 3 && typeof v[0] === 'string' ? [v] : v;
      if (!Array.isArray(triples) || !triples.every((t) => Array.isArray(t) && t.length >= 3 && typeof t[0] === 'string')) {
        return this.fail(where, `${key} ${JSON.stringify(v)} is not a list of [layer, node, tensor]`, 'Dictionary inputs and outputs are not supported.');
      }
      for (const t of triples as Json[][]) {
        if (!classes.has(t[0] as string)) this.fail(where, `${key} names '${t[0]}', which is not one of its layers`);
      }
      return (triples as Json[][]).map((t) => [t[0]!, this.nodeIndex(t[0] as string, Number(t[1]), classes, keras3), Number(t[2])]);
    };
    const input_layers = io('input_layers');
    const output_layers = io('output_layers');
    checkGraph(layers, classes, (msg) => this.fail(where, msg));
    const config: JsonObject = { name, layers, input_layers, output_layers };
    if (cfg.trainable === false) config.trainable = false;
    return { entry: { class_name: 'Model', config }, node: { name, kerasClass, config, children } };
  }

  private sequential(kerasClass: string, cfg: Json | undefined, name: string, path: string[], where: string) {
    const entries = Array.isArray(cfg) ? cfg : isObject(cfg) && Array.isArray(cfg.layers) ? cfg.layers : undefined;
    if (!entries) return this.fail(where, 'a Sequential config without layers');
    const layers: JsonObject[] = [];
    const children: LayerNode[] = [];
    entries.forEach((e, i) => {
      if (!isKerasObject(e)) this.fail(where, `layer #${i} has no class_name`);
      const layerName = isObject(e.config) && typeof e.config.name === 'string' ? e.config.name : `${e.class_name}_${i}`;
      const { entry, node } = this.layer(e, [...path, layerName]);
      layers.push(entry);
      // Sequential.layers leaves out the InputLayer at the bottom of the stack (Keras 2 and 3).
      if (!(i === 0 && e.class_name === 'InputLayer')) children.push(node);
    });
    const first = layers[0];
    const buildShape = isObject(cfg) ? cfg.build_input_shape : undefined;
    if (first && first.class_name !== 'InputLayer' && Array.isArray(buildShape) && !(isObject(first.config) && first.config.batch_input_shape)) {
      layers.unshift({ class_name: 'InputLayer', config: { batch_input_shape: buildShape, dtype: 'float32', name: `${name}_input` } });
    }
    const config: JsonObject = { name, layers };
    return { entry: { class_name: 'Sequential', config }, node: { name, kerasClass, config, children } };
  }

  /** One inbound node → tfjs's `[[layer, node_index, tensor_index, kwargs], …]`. */
  private node(nd: Json, classes: Map<string, string>, where: string): Json[] {
    if (Array.isArray(nd)) {
      // Keras 2: [[layer, node, tensor, kwargs?], …]
      return nd.map((ref) => {
        if (!Array.isArray(ref) || ref.length < 3 || typeof ref[0] !== 'string')
          this.fail(where, `an inbound node entry ${JSON.stringify(ref)} is not [layer, node, tensor]`);
        if (!classes.has(ref[0])) this.fail(where, `its input '${ref[0]}' is not a layer of the model`);
        this.checkKwargs(ref[3], where);
        return [ref[0], this.nodeIndex(ref[0], Number(ref[1]), classes, false), Number(ref[2]), {}];
      });
    }
    if (isObject(nd) && ('args' in nd || 'kwargs' in nd)) {
      // Keras 3: {args: [...], kwargs: {...}} holding serialized KerasTensors with their keras_history.
      const refs: Json[] = [];
      const visit = (v: Json) => {
        if (Array.isArray(v)) v.forEach(visit);
        else if (isObject(v) && v.class_name === '__keras_tensor__') {
          const h = isObject(v.config) ? v.config.keras_history : undefined;
          if (!Array.isArray(h) || typeof h[0] !== 'string') this.fail(where, 'an input tensor without keras_history');
          if (!classes.has(h[0])) this.fail(where, `its input '${h[0]}' is not a layer of the model`);
          refs.push([h[0], this.nodeIndex(h[0], Number(h[1]), classes, true), Number(h[2]), {}]);
        } else {
          this.fail(where, `called with a non-tensor argument ${JSON.stringify(v)}, which tfjs layers do not take`);
        }
      };
      visit(nd.args ?? []);
      this.checkKwargs(nd.kwargs, where);
      return refs;
    }
    return this.fail(where, `an inbound node ${JSON.stringify(nd).slice(0, 80)} in a form Visor does not know`);
  }

  /**
   * tfjs counts a nested model's calls from 1 (node 0 links the model's own inputs to its outputs), as
   * Keras does for Functional models. Keras 3's Sequential is not Functional, so its calls count from 0.
   */
  private nodeIndex(layer: string, index: number, classes: Map<string, string>, keras3: boolean): number {
    return keras3 && classes.get(layer) === 'Sequential' ? index + 1 : index;
  }

  /** Call arguments other than inputs: `training` and an absent `mask` change nothing at inference. */
  private checkKwargs(kwargs: Json | undefined, where: string): void {
    if (kwargs === undefined || kwargs === null) return;
    if (!isObject(kwargs)) this.fail(where, `call arguments ${JSON.stringify(kwargs)} Visor does not understand`);
    for (const [k, v] of Object.entries(kwargs)) {
      if (v === null || (k === 'training' && v === false)) continue;
      this.fail(where, `called with ${k}=${JSON.stringify(v).slice(0, 80)}, which Visor cannot reproduce`);
    }
  }

  /** One layer entry → its tfjs entry `{class_name, config}` and its node. */
  layer(e: JsonObject & { class_name: string }, path: string[]): { entry: JsonObject; node: LayerNode } {
    const cls = e.class_name;
    const where = `layer '${path.join('/')}' (${cls})`;
    if (MODEL_CLASSES.includes(cls) || (isObject(e.config) && Array.isArray(e.config.layers))) return this.model(e, path);
    if (typeof e.module === 'string' && /^keras(\.src)?\.ops(\.|$)/.test(e.module)) {
      // x + y or keras.ops.* on Keras tensors: saved among the layers, but not a layer (nor in model.layers).
      this.fail(
        where,
        `a keras.ops operation (${e.module}) in the layer graph, which tfjs cannot run`,
        'Use the keras.layers equivalent (layers.Add() instead of x + y).',
      );
    }
    this.refuseCustom(e, where, 'layer', 'Replace it with built-in Keras layers, or convert the model to ONNX.');
    if (REFUSED[cls]) this.fail(where, `not supported: ${REFUSED[cls]}`);
    const rule = LAYER_RULES[CLASS_ALIASES[cls] ?? cls];
    if (!rule) {
      const known = tfjsKnows(cls)
        ? 'TensorFlow.js has a layer of that name, but Visor has not checked that it computes what Keras does'
        : 'TensorFlow.js has no such layer';
      this.fail(where, `unknown layer class: ${known}`, `Visor reads these Keras layers: ${Object.keys(LAYER_RULES).join(', ')}.`);
    }
    if (!isObject(e.config)) this.fail(where, 'a layer without a config');
    const config = this.layerConfig(e.config, rule, where);
    const tfjsClass = rule.tfjs ?? CLASS_ALIASES[cls] ?? cls;
    return { entry: { class_name: tfjsClass, config }, node: { name: path[path.length - 1]!, kerasClass: cls, rule, config } };
  }

  private layerConfig(src: JsonObject, rule: LayerRule, where: string): JsonObject {
    const out: JsonObject = {};
    for (const [key0, value] of Object.entries(src)) {
      const key = rule.rename?.[key0] ?? key0;
      if (rule.require?.[key0]) {
        const req = rule.require[key0];
        if (!req.ok(value))
          this.fail(where, `${key0}=${JSON.stringify(value)} is not supported (Visor accepts ${req.accepted}: tfjs cannot compute anything else)`);
        if (!rule.keep?.includes(key)) continue;
      }
      if (key === 'dtype') out.dtype = this.dtype(value, where);
      else if (key === 'name' || key === 'trainable' || COMMON_KEYS.includes(key) || rule.keep?.includes(key)) {
        if (key.endsWith('_initializer')) {
          const init = this.initializer(value);
          if (init !== undefined) out[key] = init;
        } else if (key === 'activation') out[key] = this.activation(value, where);
        else out[key] = value;
      } else if (rule.drop?.includes(key) || COMMON_DROPPED.includes(key)) continue;
      else if (value !== null && value !== undefined) {
        this.fail(
          where,
          `config key '${key0}' (${JSON.stringify(value).slice(0, 60)}) is not one Visor knows for this class, so it cannot tell whether tfjs would compute the same thing`,
        );
      }
    }
    const err = rule.fix?.(out);
    if (err) this.fail(where, err);
    return out;
  }

  /** Keras 2 dtype strings and policy objects, Keras 3 DTypePolicy objects → 'float32' (Visor computes in float32). */
  private dtype(v: Json | undefined, where: string): string {
    if (isKerasObject(v)) {
      const policy = isObject(v.config) && typeof v.config.name === 'string' ? v.config.name : '';
      if (/quantiz/i.test(v.class_name) || /^(int|float8|gptq|awq)/.test(policy)) {
        this.fail(where, `a quantized layer (dtype policy ${v.class_name} '${policy}'), which tfjs cannot run`, 'Save the model before quantizing it.');
      }
    }
    return 'float32';
  }

  /** Initializers only matter when weights are re-initialised; one tfjs lacks falls back to the layer's default. */
  private initializer(v: Json | undefined): Json | undefined {
    if (typeof v === 'string') return STRING_INITIALIZERS.has(v) ? v : undefined;
    if (!isKerasObject(v)) return undefined;
    const cls = INITIALIZERS[v.class_name];
    if (!cls) return undefined;
    const config: JsonObject = {};
    for (const [k, x] of Object.entries(isObject(v.config) ? v.config : {})) {
      config[k] = k === 'distribution' && x === 'untruncated_normal' ? 'normal' : x;
    }
    return { class_name: cls, config };
  }

  private activation(v: Json | undefined, where: string): string {
    if (v === undefined || v === null) return 'linear';
    if (typeof v !== 'string') this.fail(where, `a custom activation ${JSON.stringify(v).slice(0, 60)} cannot run outside Python`);
    if (v === 'hard_sigmoid') {
      // Keras 2: clip(0.2x + 0.5, 0, 1), as tfjs; Keras 3: relu6(x + 3) / 6.
      if (this.ctx.kerasMajor < 3) return 'hard_sigmoid';
      this.fail(where, "activation 'hard_sigmoid' is Keras 3's relu6(x + 3) / 6, which tfjs does not have");
    }
    const mapped = ACTIVATIONS[v];
    if (!mapped) this.fail(where, `activation '${v}' is not one tfjs computes the same way`, `Supported activations: ${Object.keys(ACTIVATIONS).join(', ')}.`);
    return mapped;
  }
}

/**
 * Refuses graphs tfjs would loop on forever: tfjs re-queues a layer call whose inputs do not exist yet and
 * tries again until all are made, so a reference to a call that never happens never ends. Replays tfjs's
 * order (InputLayers and nested models start with one node) and fails on the first call that cannot be made.
 */
function checkGraph(layers: JsonObject[], classes: Map<string, string>, fail: (msg: string) => never): void {
  const made = new Map<string, number>();
  const pending = new Map<string, Json[][]>();
  for (const l of layers) {
    const name = String(l.name);
    const cls = classes.get(name) ?? '';
    made.set(name, cls === 'InputLayer' || MODEL_CLASSES.includes(cls) || l.class_name === 'Model' || l.class_name === 'Sequential' ? 1 : 0);
    pending.set(name, [...(l.inbound_nodes as Json[][])]);
  }
  let left = [...pending.values()].reduce((a, q) => a + q.length, 0);
  while (left > 0) {
    let progress = false;
    for (const [name, queue] of pending) {
      while (queue.length) {
        const ready = (queue[0] as Json[][]).every((ref) => (made.get(ref[0] as string) ?? 0) > Number(ref[1]));
        if (!ready) break;
        queue.shift();
        made.set(name, (made.get(name) ?? 0) + 1);
        left--;
        progress = true;
      }
    }
    if (!progress) {
      const stuck = [...pending].filter(([, q]) => q.length).map(([n]) => n);
      fail(`the layer graph cannot be built (a cycle, or a call of a layer that is never made): ${stuck.slice(0, 5).join(', ')}`);
    }
  }
}

/**
 * Translates a Keras model config (Keras 2 `model_config`, or Keras 3 `config.json`) into what
 * tfjs-layers deserializes: Keras 2 structure (`inbound_nodes` as `[[layer, node, tensor, {}]]`,
 * `batch_input_shape`, class `Model`), dtypes as 'float32', initializers renamed, every config key checked.
 * Throws a VisorError naming the file and the layer for whatever tfjs cannot compute as Keras does.
 */
export function translateConfig(config: Json, ctx: TranslateContext): TranslatedModel {
  if (!isKerasObject(config)) throw kerasError(ctx.file, 'the model config has no class_name: not a Keras model config');
  const { entry, node } = new Translator(ctx).model(config, []);
  return { topology: entry, root: node };
}
