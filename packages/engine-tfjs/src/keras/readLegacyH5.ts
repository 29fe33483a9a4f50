import type { tf } from '../tf.js';
import { assembleArtifacts } from './assembleArtifacts.js';
import { withH5File } from './H5Reader.js';
import { kerasError } from './kerasError.js';
import { legacyWeights } from './legacyWeights.js';
import { parseKerasJson } from './parseKerasJson.js';
import { translateConfig } from './translateConfig.js';

const WEIGHTS_ONLY_HINT =
  "A weights-only file (Model.save_weights) holds no architecture. Save the whole model: model.save('model.keras') or model.save('model.h5').";

/**
 * Reads a Keras legacy HDF5 model (`model.save('model.h5')`, Keras 2, or Keras 3's legacy h5 format) into
 * TF.js ModelArtifacts. Layout (keras `legacy_h5_format.save_model_to_hdf5`): root attributes
 * `model_config` (JSON), `keras_version`, `backend`; the weights under group `model_weights`.
 */
export async function readLegacyH5(file: string): Promise<tf.io.ModelArtifacts> {
  return withH5File(file, file, async (h5) => {
    const configText = h5.stringAttr('', 'model_config');
    if (configText === undefined) {
      if (h5.hasAttr('', 'layer_names') || h5.isGroup('layers') || h5.isGroup('_layer_checkpoint_dependencies')) {
        throw kerasError(file, 'a weights-only Keras file: it has weights but no model_config', WEIGHTS_ONLY_HINT);
      }
      throw kerasError(file, 'an HDF5 file without a model_config attribute: not a Keras model', "Save the model with Keras's model.save().");
    }
    const kerasVersion = h5.stringAttr('', 'keras_version') ?? h5.stringAttr('model_weights', 'keras_version') ?? '2';
    const config = parseKerasJson(file, 'the model_config attribute', configText);
    const translated = translateConfig(config, { file, kerasMajor: Number.parseInt(kerasVersion, 10) || 2 });
    if (!h5.isGroup('model_weights'))
      throw kerasError(file, 'the file has a model_config but no model_weights group', 'Save the model with model.save(), which includes the weights.');
    const stored = legacyWeights(h5, 'model_weights', translated.root);
    return assembleArtifacts({ file, kerasVersion, translated, h5, stored });
  });
}
