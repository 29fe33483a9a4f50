import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { tf } from '../tf.js';
import { unzipSync } from 'fflate';
import { assembleArtifacts } from './assembleArtifacts.js';
import { withH5Bytes, withH5File, type H5Reader } from './H5Reader.js';
import { isObject } from './Json.js';
import { keras3Weights } from './keras3Weights.js';
import { kerasError } from './kerasError.js';
import { parseKerasJson } from './parseKerasJson.js';
import { translateConfig } from './translateConfig.js';

const CONFIG = 'config.json';
const METADATA = 'metadata.json';
const WEIGHTS = 'model.weights.h5';
const WEIGHTS_NPZ = 'model.weights.npz';

interface ArchiveParts {
  config?: string;
  metadata?: string;
  hasWeights: boolean;
  hasNpz: boolean;
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

async function convert(file: string, parts: ArchiveParts, openWeights: <T>(fn: (h5: H5Reader) => Promise<T>) => Promise<T>): Promise<tf.io.ModelArtifacts> {
  if (parts.config === undefined) {
    throw kerasError(
      file,
      `no ${CONFIG}: not a Keras model archive (a .keras file holds ${CONFIG}, ${METADATA} and ${WEIGHTS})`,
      "Save the model with model.save('model.keras').",
    );
  }
  if (!parts.hasWeights) {
    if (parts.hasNpz)
      throw kerasError(
        file,
        `the weights are in ${WEIGHTS_NPZ} (weights_format='npz'), which Visor does not read`,
        "Save with the default weights format: model.save('model.keras').",
      );
    throw kerasError(file, `no ${WEIGHTS}: the archive holds no weights`, "Save the model with model.save('model.keras').");
  }
  const metadata = parts.metadata === undefined ? undefined : parseKerasJson(file, METADATA, parts.metadata);
  const kerasVersion = isObject(metadata) && typeof metadata.keras_version === 'string' ? metadata.keras_version : '3';
  const config = parseKerasJson(file, CONFIG, parts.config);
  const translated = translateConfig(config, { file, kerasMajor: Number.parseInt(kerasVersion, 10) || 3 });
  return openWeights((h5) => assembleArtifacts({ file, kerasVersion, translated, h5, stored: keras3Weights(h5, translated.root) }));
}

/**
 * Reads a Keras 3 model archive (`model.save('model.keras')`) into TF.js ModelArtifacts. Layout (keras
 * `saving_lib.save_model` / `_save_model_to_fileobj`): a zip of `config.json` (the model serialized by
 * `serialize_keras_object`), `metadata.json` (`keras_version`, `date_saved`) and `model.weights.h5`.
 * A folder saved unzipped (`zipped=False`) with the same three files is read too.
 */
export async function readKerasArchive(file: string): Promise<tf.io.ModelArtifacts> {
  if ((await stat(file)).isDirectory()) {
    const read = async (name: string) => ((await exists(join(file, name))) ? readFile(join(file, name), 'utf8') : undefined);
    const weightsPath = join(file, WEIGHTS);
    const parts: ArchiveParts = {
      config: await read(CONFIG),
      metadata: await read(METADATA),
      hasWeights: await exists(weightsPath),
      hasNpz: await exists(join(file, WEIGHTS_NPZ)),
    };
    return convert(file, parts, (fn) => withH5File(weightsPath, `${file} (${WEIGHTS})`, fn));
  }
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(await readFile(file), { filter: (f) => [CONFIG, METADATA, WEIGHTS, WEIGHTS_NPZ].includes(f.name) });
  } catch (e) {
    throw kerasError(
      file,
      `not a readable zip archive (damaged or truncated?): ${e instanceof Error ? e.message : String(e)}`,
      "Save the model again with model.save('model.keras').",
      e,
    );
  }
  const text = (b: Uint8Array | undefined) => (b === undefined ? undefined : new TextDecoder().decode(b));
  const weights = entries[WEIGHTS]!;
  const parts: ArchiveParts = {
    config: text(entries[CONFIG]),
    metadata: text(entries[METADATA]),
    hasWeights: weights !== undefined,
    hasNpz: WEIGHTS_NPZ in entries,
  };
  return convert(file, parts, (fn) => withH5Bytes(weights, `${file} (${WEIGHTS})`, fn));
}
