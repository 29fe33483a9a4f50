import { VisorError, type ModelSource } from '@visor/core';
import { parseModelArtifacts, type ShardError } from '@visor/engine-tfjs';
import type { FileBytes } from '../protocol.js';

/** Weights larger than this are refused before anything is built: a page's wasm heap is at most 4 GiB. */
export const MAX_WEIGHT_BYTES = 1536 * 1024 * 1024;

const dirOf = (name: string) => (name.includes('/') ? name.slice(0, name.lastIndexOf('/') + 1) : '');

/** `a/b/../c.bin` → `a/c.bin`. */
function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

/**
 * The model among dropped files, read into a ModelSource: a TF.js `model.json` with its shards (looked up
 * by the manifest's paths relative to the model.json), or an `.onnx` file. Every problem is a VisorError
 * (code `model`) naming the file: no model among the files, several, a shard missing or of the wrong size,
 * weights too large for a page.
 */
export async function modelFromFiles(files: FileBytes[], maxWeightBytes = MAX_WEIGHT_BYTES): Promise<ModelSource> {
  const jsons = files.filter((f) => /(^|\/)model\.json$/i.test(f.name));
  const onnx = files.filter((f) => /\.onnx$/i.test(f.name));
  const names = files.map((f) => f.name).join(', ') || '(none)';
  if (jsons.length + onnx.length === 0) {
    const other = files.find((f) => /\.json$/i.test(f.name));
    throw new VisorError(`no model among the dropped files (${names})`, {
      code: 'model',
      hint: other
        ? `a TF.js model is a file named model.json with its .bin shards; ${other.name} is not named model.json`
        : 'drop a folder holding model.json and its .bin shards, or an .onnx file',
    });
  }
  if (jsons.length + onnx.length > 1) {
    throw new VisorError(`several models among the dropped files (${[...jsons, ...onnx].map((f) => f.name).join(', ')})`, {
      code: 'model',
      hint: 'drop one model at a time',
    });
  }
  if (onnx.length === 1) {
    return { file: onnx[0]!.name, format: 'onnx', kind: 'onnx', data: onnx[0]!.bytes };
  }
  const json = jsons[0]!;
  const dir = dirOf(json.name);
  const byName = new Map(files.map((f) => [normalise(f.name), f]));
  const text = new TextDecoder().decode(json.bytes);
  const weightBytes = files.reduce((n, f) => n + (f === json || /\.json$/i.test(f.name) ? 0 : f.bytes.byteLength), 0);
  if (weightBytes > maxWeightBytes) {
    throw new VisorError(
      `${json.name}: its folder holds ${(weightBytes / 2 ** 30).toFixed(2)} GiB of weights, more than a page can hold (${(maxWeightBytes / 2 ** 30).toFixed(2)} GiB)`,
      { code: 'model', file: json.name, hint: 'use the CLI (visor explain) for this model, or a smaller one' },
    );
  }
  const { file, format, artifacts } = await parseModelArtifacts(json.name, text, async (rel) => {
    const name = normalise(dir + rel);
    const shard = byName.get(name);
    if (!shard) throw Object.assign(new Error('not found among the dropped files'), { shard: name }) as ShardError;
    return { name, bytes: shard.bytes };
  });
  return { file, format: format === 'graph-model' ? 'tfjs-graph' : 'tfjs-layers', kind: 'tfjs-artifacts', data: artifacts };
}
