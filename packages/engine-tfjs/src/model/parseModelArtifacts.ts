import type { tf } from '../tf.js';
import { VisorError } from '@visor/core';

export type TfjsFormat = 'layers-model' | 'graph-model';

export interface ModelFiles {
  /** The model.json: its absolute path when read from disk, the name it was given otherwise (a dropped file). */
  file: string;
  format: TfjsFormat;
  artifacts: tf.io.ModelArtifacts;
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2 };

const modelError = (file: string, msg: string, hint?: string, cause?: unknown) => new VisorError(`${file}: ${msg}`, { code: 'model', file, hint, cause });

/** Line and column (1-based) of a character offset in a text. */
function lineColumn(text: string, pos: number): { line: number; column: number } {
  const before = text.slice(0, pos).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** Where JSON.parse failed, as "line L column C" (V8 reports a character position). */
function jsonErrorLocation(text: string, e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const lc = /line (\d+) column (\d+)/.exec(msg);
  if (lc) return `${msg}`;
  const pos = /position (\d+)/.exec(msg);
  if (pos) {
    const { line, column } = lineColumn(text, Number(pos[1]));
    return `${msg} (line ${line} column ${column})`;
  }
  if (/end of (JSON )?input/i.test(msg)) {
    const { line, column } = lineColumn(text, text.length);
    return `${msg} (line ${line} column ${column})`;
  }
  return msg;
}

/** Byte length of a weight in its stored (possibly quantized) form; null for strings. */
function storedBytes(w: tf.io.WeightsManifestEntry): number | null {
  const dtype = w.quantization?.dtype ?? w.dtype;
  const per = BYTES[dtype];
  if (per === undefined) return null;
  return w.shape.reduce((a, b) => a * b, 1) * per;
}

/** A shard that could not be read: the message says why in a few words (`not found`), `shard` names it. */
export type ShardError = Error & { shard?: string };

/**
 * Reads a weight shard named by a path of the manifest (relative to the model.json): its bytes and the name to
 * show in messages. Throws a ShardError whose message says why it cannot (`not found`).
 */
export type ShardReader = (relativePath: string) => Promise<{ name: string; bytes: Uint8Array }>;

/**
 * Parses the text of a TF.js model.json (`file` names it in messages) and reads its weight shards through
 * `readShard`, checking them: valid JSON, a recognisable format, every shard present and of the byte length its
 * manifest entries add up to. No file system: the CLI reads shards from disk, the browser app from dropped files.
 */
export async function parseModelArtifacts(file: string, text: string, readShard: ShardReader): Promise<ModelFiles> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw modelError(file, `not valid JSON: ${jsonErrorLocation(text, e)}`, 'expected a TF.js model.json', e);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw modelError(file, 'expected a JSON object with "modelTopology" and "weightsManifest"');
  }
  const mj = json as Partial<tf.io.ModelJSON> & { format?: unknown };
  const topology = mj.modelTopology as Record<string, unknown> | undefined;
  if (!topology || typeof topology !== 'object') {
    throw modelError(file, 'has no "modelTopology" object (expected a TF.js layers-model or graph-model model.json)');
  }
  let format: TfjsFormat;
  if (mj.format === 'layers-model' || mj.format === 'graph-model') format = mj.format;
  else if (Array.isArray(topology['node'])) format = 'graph-model';
  else if (topology['class_name'] !== undefined || topology['model_config'] !== undefined || topology['config'] !== undefined) {
    format = 'layers-model';
  } else {
    throw modelError(
      file,
      `cannot tell the model format: "format" is ${JSON.stringify(mj.format ?? null)} and modelTopology has neither "node" (graph-model) nor "class_name"/"model_config" (layers-model)`,
    );
  }

  const manifest = mj.weightsManifest ?? [];
  if (!Array.isArray(manifest)) throw modelError(file, '"weightsManifest" must be an array of {paths, weights} groups');
  const specs: tf.io.WeightsManifestEntry[] = [];
  const buffers: ArrayBuffer[] = [];
  for (const [g, group] of manifest.entries()) {
    if (!group || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      throw modelError(file, `weightsManifest[${g}] must have "paths" and "weights" arrays`);
    }
    let expected: number | null = 0;
    for (const w of group.weights) {
      if (typeof w?.name !== 'string' || !Array.isArray(w.shape) || typeof w.dtype !== 'string') {
        throw modelError(file, `weightsManifest[${g}] has a malformed weight entry ${JSON.stringify(w)} (expected {name, shape, dtype})`);
      }
      const b = storedBytes(w);
      expected = expected === null || b === null ? null : expected + b;
      specs.push(w);
    }
    let actual = 0;
    const shardPaths: string[] = [];
    for (const [p, rel] of group.paths.entries()) {
      let shard: { name: string; bytes: Uint8Array };
      try {
        shard = await readShard(rel);
      } catch (e) {
        const name = (e as ShardError).shard ?? rel;
        throw new VisorError(`${name}: weight shard ${(e as Error).message} (listed in ${file} weightsManifest[${g}].paths[${p}])`, {
          code: 'model',
          file: name,
          hint: 'copy every .bin shard listed in the model.json next to it',
          cause: e,
        });
      }
      shardPaths.push(shard.name);
      const buf = shard.bytes;
      actual += buf.byteLength;
      buffers.push(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
    }
    if (expected !== null && expected !== actual) {
      throw modelError(
        file,
        `weightsManifest[${g}] lists ${group.weights.length} weights of ${expected} bytes in total, but its shard(s) ${shardPaths.join(', ')} hold ${actual} bytes`,
        'the shards are truncated or belong to another model; re-export or re-download them',
      );
    }
  }

  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: mj.modelTopology,
    format: format,
    generatedBy: mj.generatedBy,
    convertedBy: mj.convertedBy,
    weightSpecs: specs,
    weightData: buffers.length === 1 ? buffers[0] : buffers,
  };
  if (mj.trainingConfig) artifacts.trainingConfig = mj.trainingConfig;
  if (mj.signature) artifacts.signature = mj.signature;
  if (mj.userDefinedMetadata) artifacts.userDefinedMetadata = mj.userDefinedMetadata;
  if (mj.modelInitializer) artifacts.modelInitializer = mj.modelInitializer;
  if ((mj as { initializerSignature?: unknown }).initializerSignature) {
    (artifacts as { initializerSignature?: unknown }).initializerSignature = (mj as { initializerSignature?: unknown }).initializerSignature;
  }
  return { file, format, artifacts };
}
