import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { VisorError } from '@visor/core';
import { parseModelArtifacts, type ModelFiles, type ShardError } from './parseModelArtifacts.js';

export type { TfjsFormat, ModelFiles } from './parseModelArtifacts.js';

const modelError = (file: string, msg: string, hint?: string, cause?: unknown) => new VisorError(`${file}: ${msg}`, { code: 'model', file, hint, cause });

/** Resolves a path to a model.json: the file itself, or `<folder>/model.json`. */
export async function resolveModelJson(path: string): Promise<string> {
  const abs = resolve(path);
  let st;
  try {
    st = await stat(abs);
  } catch {
    throw modelError(path, 'model file not found (expected a TF.js model.json, or a folder containing one)');
  }
  if (!st.isDirectory()) return abs;
  const inner = join(abs, 'model.json');
  try {
    await stat(inner);
  } catch {
    throw modelError(path, 'folder has no model.json (expected a TF.js model.json, or a folder containing one)');
  }
  return inner;
}

/**
 * Reads a TF.js model.json and its weight shards from the local file system and checks them
 * (`parseModelArtifacts`): valid JSON, a recognisable format, every shard present and of the byte length
 * its manifest entries add up to.
 */
export async function readModelArtifacts(path: string): Promise<ModelFiles> {
  const file = await resolveModelJson(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw modelError(file, `cannot read the model file (${(e as Error).message})`, undefined, e);
  }
  const dir = dirname(file);
  return parseModelArtifacts(file, text, async (rel) => {
    const shard = join(dir, rel);
    try {
      const buf = await readFile(shard);
      return { name: shard, bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (e as Error).message;
      throw Object.assign(new Error(why, { cause: e }), { shard }) as ShardError;
    }
  });
}
