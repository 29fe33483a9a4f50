import h5wasm, { type Group } from 'h5wasm/node';

export interface LegacyWeight {
  /** As Keras 2 names it: `conv1_conv/kernel:0`. */
  name: string;
  shape: number[];
  data: Float32Array;
}

export interface LegacyLayer {
  name: string;
  /** In `_legacy_weights` order (trainable first). */
  weights: LegacyWeight[];
}

export interface LegacyH5 {
  /** The `model_config` attribute: `{ class_name, config }`. */
  modelConfig: unknown;
  kerasVersion?: string;
  /** model.layers, in order. */
  layers: LegacyLayer[];
  /** Split `layer_names` and every `weight_names` into this many attributes `name0`, `name1`, … as Keras does past 64512 bytes. */
  chunks?: number;
}

function listAttribute(target: Group, name: string, values: string[], chunks: number): void {
  if (values.length === 0) {
    // Keras's save_attributes_to_hdf5_group stores an empty list as numpy's empty float64 array.
    target.create_attribute(name, new Float64Array(0), [0], '<d');
    return;
  }
  if (chunks <= 1) {
    target.create_attribute(name, values);
    return;
  }
  const size = Math.ceil(values.length / chunks);
  for (let i = 0; i * size < values.length; i++) target.create_attribute(`${name}${i}`, values.slice(i * size, (i + 1) * size));
}

/**
 * Writes a model in the Keras 2 legacy HDF5 layout (keras v2.13.1 `hdf5_format.save_model_to_hdf5` and
 * `save_weights_to_hdf5_group`, as `test/fixtures/keras/make_keras_fixtures.py` `write_legacy_h5` does with
 * h5py), with h5wasm, for tests whose files are too big to commit. h5wasm does not create the groups of a
 * dataset path, so `conv1/kernel:0` is written as subgroup `conv1`, dataset `kernel:0`.
 */
export async function writeLegacyH5(path: string, model: LegacyH5): Promise<void> {
  await h5wasm.ready;
  const chunks = model.chunks ?? 1;
  const kerasVersion = model.kerasVersion ?? '2.13.1';
  const f = new h5wasm.File(path, 'w');
  try {
    f.create_attribute('keras_version', kerasVersion);
    f.create_attribute('backend', 'tensorflow');
    f.create_attribute('model_config', JSON.stringify(model.modelConfig));
    const g = f.create_group('model_weights');
    listAttribute(
      g,
      'layer_names',
      model.layers.map((l) => l.name),
      chunks,
    );
    g.create_attribute('backend', 'tensorflow');
    g.create_attribute('keras_version', kerasVersion);
    for (const layer of [...model.layers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const lg = g.create_group(layer.name);
      listAttribute(
        lg,
        'weight_names',
        layer.weights.map((w) => w.name),
        chunks,
      );
      for (const w of layer.weights) {
        const parts = w.name.split('/');
        let group: Group = lg;
        for (const p of parts.slice(0, -1)) group = (group.get(p) as Group | null) ?? group.create_group(p);
        group.create_dataset({ name: parts[parts.length - 1]!, data: w.data, shape: w.shape });
      }
    }
    listAttribute(g.create_group('top_level_model_weights'), 'weight_names', [], 1);
  } finally {
    f.close();
  }
}
