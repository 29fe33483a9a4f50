import { tf } from '../tf.js';
import type { H5Reader } from './H5Reader.js';
import { isObject, type Json, type JsonObject } from './Json.js';
import { disposeLayersModel } from './disposeLayersModel.js';
import { kerasError } from './kerasError.js';
import type { LayerNode, TranslatedModel } from './translateConfig.js';
import { UNOWNED, type StoredWeight } from './StoredWeight.js';

/** A weight the tfjs model built from the config has, and where it lives in the config. */
interface ExpectedWeight {
  name: string;
  shape: number[];
  /** `outer/inner` path of its layer and the layer's Keras class, for messages. */
  layer: string;
  kerasClass: string;
}

/** A copy of the topology whose initializers are all Zeros: the check model then costs no random numbers. */
function zeroInitialised(v: Json): Json {
  if (Array.isArray(v)) return v.map(zeroInitialised);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) out[k] = k.endsWith('_initializer') ? { class_name: 'Zeros', config: {} } : zeroInitialised(x);
  return out;
}

const shapeText = (s: number[]) => `[${s.join(', ')}]`;

/** Builds the model from the config with tfjs and lists the weights it has, by tfjs name and shape. */
async function expectedWeights(file: string, translated: TranslatedModel): Promise<ExpectedWeight[]> {
  let model: tf.LayersModel;
  try {
    // Any backend will do for a model of zeros; tfjs needs one initialised (wasm initialises asynchronously).
    await tf.ready();
    model = await tf.loadLayersModel({ load: async () => ({ modelTopology: zeroInitialised(translated.topology) as tf.io.ModelJSON['modelTopology'] }) });
  } catch (e) {
    throw kerasError(file, `TensorFlow.js cannot build the model from its config: ${e instanceof Error ? e.message : String(e)}`, undefined, e);
  }
  try {
    const out: ExpectedWeight[] = [];
    const walk = (container: tf.LayersModel, node: LayerNode, prefix: string) => {
      for (const child of node.children ?? []) {
        const layer = container.getLayer(child.name);
        const path = `${prefix}${child.name}`;
        if (child.children && layer instanceof tf.LayersModel) walk(layer, child, `${path}/`);
        else for (const w of layer.weights) out.push({ name: w.originalName, shape: w.shape as number[], layer: path, kerasClass: child.kerasClass });
      }
    };
    walk(model, translated.root, '');
    const seen = new Map<string, string>();
    for (const w of out) {
      const other = seen.get(w.name);
      if (other !== undefined) {
        throw kerasError(
          file,
          `layers '${other}' and '${w.layer}' both have a weight named '${w.name}': TensorFlow.js names weights by their innermost layer, so nested models must not reuse layer names`,
        );
      }
      seen.set(w.name, w.layer);
    }
    return out;
  } finally {
    disposeLayersModel(model);
  }
}
export interface AssembleInput {
  file: string;
  kerasVersion: string;
  translated: TranslatedModel;
  h5: H5Reader;
  stored: StoredWeight[];
}

/**
 * Matches the file's weights with the ones the config implies (as tfjs builds it), by name and shape, and
 * packs them into TF.js `ModelArtifacts` (one float32 buffer in the order of the model's weights). A weight
 * missing from the file, one the model has no place for, or one of the wrong shape is a VisorError naming
 * the layer, the weight and both shapes.
 */
export async function assembleArtifacts({ file, kerasVersion, translated, h5, stored }: AssembleInput): Promise<tf.io.ModelArtifacts> {
  const expected = await expectedWeights(file, translated);
  const byName = new Map<string, StoredWeight>();
  for (const s of stored) {
    const dup = byName.get(s.name);
    if (dup && !s.name.startsWith(UNOWNED)) throw kerasError(file, `layer '${s.layer}': weight '${s.name}' is stored twice (/${dup.h5Path} and /${s.h5Path})`);
    byName.set(s.name, s);
  }
  const specs: tf.io.WeightsManifestEntry[] = [];
  const sources: StoredWeight[] = [];
  for (const e of expected) {
    const s = byName.get(e.name);
    const wname = e.name.split('/').pop();
    if (!s) {
      throw kerasError(
        file,
        `layer '${e.layer}' (${e.kerasClass}): weight '${wname}' (shape ${shapeText(e.shape)}) is missing from the file`,
        'The file does not match its own config; save the model again with model.save().',
      );
    }
    if (s.shape.length !== e.shape.length || s.shape.some((d, i) => d !== e.shape[i])) {
      throw kerasError(
        file,
        `layer '${e.layer}' (${e.kerasClass}): weight '${wname}' has shape ${shapeText(s.shape)} in the file (/${s.h5Path}), but the layer's config makes it ${shapeText(e.shape)}`,
        'The file does not match its own config; save the model again with model.save().',
      );
    }
    byName.delete(e.name);
    specs.push({ name: e.name, shape: e.shape, dtype: 'float32' });
    sources.push(s);
  }
  const extra = [...byName.values()];
  if (extra.length) {
    const list = extra
      .slice(0, 5)
      .map((s) => `/${s.h5Path} (layer '${s.layer}', shape ${shapeText(s.shape)})`)
      .join(', ');
    throw kerasError(
      file,
      `the file has ${extra.length} weight(s) the model's config has no place for: ${list}${extra.length > 5 ? ', …' : ''}`,
      'The file does not match its own config; save the model again with model.save().',
    );
  }
  const total = sources.reduce((a, s) => a + s.shape.reduce((p, d) => p * d, 1), 0);
  const data = new Float32Array(total);
  let offset = 0;
  for (const s of sources) {
    h5.readInto(s.h5Path, data, offset);
    offset += s.shape.reduce((p, d) => p * d, 1);
  }
  return {
    modelTopology: { ...translated.topology, keras_version: kerasVersion, backend: 'tensorflow' } as tf.io.ModelJSON['modelTopology'],
    weightSpecs: specs,
    weightData: data.buffer,
    format: 'layers-model',
    generatedBy: `keras v${kerasVersion}`,
    convertedBy: 'Visor Keras reader',
  };
}
