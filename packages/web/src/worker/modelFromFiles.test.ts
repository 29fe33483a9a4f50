import { isVisorError } from '@visor/core';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FileBytes } from '../protocol.js';
import { modelFromFiles } from './modelFromFiles.js';

const demo = fileURLToPath(new URL('../../../../examples/demo/models/clean/', import.meta.url));
const json = readFileSync(`${demo}model.json`);
const shard = readFileSync(`${demo}group1-shard1of1.bin`);
const file = (name: string, bytes: Uint8Array | string): FileBytes => ({
  name,
  bytes: typeof bytes === 'string' ? new TextEncoder().encode(bytes) : new Uint8Array(bytes),
});

async function failure(files: FileBytes[], limit?: number): Promise<{ message: string; hint?: string; code: string }> {
  try {
    await modelFromFiles(files, limit);
  } catch (e) {
    if (!isVisorError(e)) throw e;
    return { message: e.message, hint: e.hint, code: e.code };
  }
  throw new Error('expected a failure');
}

describe('modelFromFiles', () => {
  it('reads a dropped TF.js folder: model.json and the shards its manifest names, relative to it', async () => {
    const source = await modelFromFiles([file('clean/model.json', json), file('clean/group1-shard1of1.bin', shard), file('clean/metrics.json', '{}')]);
    expect(source).toMatchObject({ file: 'clean/model.json', format: 'tfjs-layers', kind: 'tfjs-artifacts' });
    const artifacts = source.data as { weightData: ArrayBuffer; weightSpecs: unknown[] };
    expect(artifacts.weightData.byteLength).toBe(shard.byteLength);
    expect(artifacts.weightSpecs.length).toBe(28);
  });

  it('names a missing shard, a truncated one, no model, several models, weights too big', async () => {
    expect((await failure([file('clean/model.json', json)])).message).toBe(
      'clean/group1-shard1of1.bin: weight shard not found among the dropped files (listed in clean/model.json weightsManifest[0].paths[0])',
    );
    const cut = await failure([file('model.json', json), file('group1-shard1of1.bin', shard.subarray(0, 1000))]);
    expect(cut.message).toMatch(
      /^model\.json: weightsManifest\[0\] lists 28 weights of 172180 bytes in total, but its shard\(s\) group1-shard1of1\.bin hold 1000 bytes$/,
    );
    const none = await failure([file('weights.json', '{}'), file('a.bin', 'x')]);
    expect(none.message).toBe('no model among the dropped files (weights.json, a.bin)');
    expect(none.hint).toMatch(/weights\.json is not named model\.json/);
    expect((await failure([file('a/model.json', json), file('b.onnx', 'x')])).message).toBe('several models among the dropped files (a/model.json, b.onnx)');
    const big = await failure([file('model.json', json), file('group1-shard1of1.bin', shard)], 100_000);
    expect(big.message).toMatch(/^model\.json: its folder holds 0\.00 GiB of weights, more than a page can hold/);
    expect(big.code).toBe('model');
  });

  it('takes an .onnx file as an ONNX source', async () => {
    const source = await modelFromFiles([file('net.onnx', new Uint8Array([8, 7]))]);
    expect(source).toMatchObject({ file: 'net.onnx', format: 'onnx', kind: 'onnx' });
  });
});
