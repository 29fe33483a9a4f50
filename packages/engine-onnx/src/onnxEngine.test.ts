import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPlugin, TYPES } from '@visor/core';
import type { PluginBind, VisorModel } from '@visor/core';
import { afterAll, describe, expect, test } from 'vitest';
import plugin, { onnxEngine, onnxFormat } from './index.js';
import { encodeModel, tinyCnn } from './tinyCnn.testkit.js';

const dir = mkdtempSync(join(tmpdir(), 'visor-onnx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, bytes: Uint8Array) => {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
};

describe('onnxFormat', () => {
  const bytes = encodeModel(tinyCnn());

  test('detects .onnx files and ONNX bytes under any name, not other files', () => {
    expect(onnxFormat.detect('/m/net.ONNX', new Uint8Array())).toBe(true);
    expect(onnxFormat.detect('/m/net.bin', bytes.subarray(0, 512))).toBe(true);
    expect(onnxFormat.detect('/m/model.json', new TextEncoder().encode('{"format": "layers-model"}'))).toBe(false);
    expect(onnxFormat.detect('/m/model.h5', Uint8Array.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(false);
  });

  test('reads the bytes of a good file', async () => {
    const source = await onnxFormat.read(write('good.onnx', bytes));
    expect(source).toMatchObject({ format: 'onnx', kind: 'onnx', file: join(dir, 'good.onnx') });
    expect(source.data).toEqual(new Uint8Array(bytes));
  });

  test('a truncated file is a VisorError (model) naming the file and saying to re-export', async () => {
    const file = write('cut.onnx', bytes.subarray(0, bytes.length - 100));
    const err = await onnxFormat.read(file).catch((e) => e);
    expect(err).toMatchObject({ name: 'VisorError', code: 'model', file });
    expect(err.message).toContain(file);
    expect(err.hint).toMatch(/Re-export/);
  });

  test('a missing file', async () => {
    await expect(onnxFormat.read(join(dir, 'nope.onnx'))).rejects.toMatchObject({
      code: 'model',
      message: expect.stringMatching(/nope\.onnx: cannot be read \(ENOENT\)/),
    });
  });
});

describe('onnxEngine', () => {
  test('accepts ONNX sources and TF.js artifacts (converted in memory), nothing else', () => {
    expect(onnxEngine.accepts({ file: 'a.onnx', format: 'onnx', kind: 'onnx', data: new Uint8Array() })).toBe(true);
    expect(onnxEngine.accepts({ file: 'model.json', format: 'tfjs-layers', kind: 'tfjs-artifacts', data: {} })).toBe(true);
    expect(onnxEngine.accepts({ file: 'model.pt', format: 'torch', kind: 'torchscript', data: {} })).toBe(false);
    expect([onnxEngine.id, onnxEngine.backends, onnxEngine.priority]).toEqual(['onnx', ['onnx'], 0]);
  });

  test('loads a model read by the format into a working VisorModel', async () => {
    const source = await onnxFormat.read(write('net.onnx', encodeModel(tinyCnn({ head: 'softmax', spatial: 'free' }))));
    await expect(onnxEngine.load(source, { backend: 'onnx' })).rejects.toThrow(/free spatial size/);
    const model: VisorModel = await onnxEngine.load(source, { backend: 'auto', threads: 1, inputSize: [8, 8] });
    try {
      expect([model.engine, model.format, model.source, model.numClasses, model.finalActivation]).toEqual(['onnx', 'onnx', source.file, 5, 'softmax']);
      expect(model.inputShape).toEqual([8, 8, 3]);
      expect(model.threads).toBe(1);
      const [p] = await model.run({ data: new Float32Array(2 * 8 * 8 * 3).fill(0.5), shape: [2, 8, 8, 3] }, ['probabilities']);
      expect(p!.data.slice(0, 5).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    } finally {
      await model.dispose();
    }
  });
});

describe('the plugin', () => {
  test('is a valid Visor plugin that binds the engine and the format, and registers nothing on import', () => {
    expect(checkPlugin(plugin, '@visor/engine-onnx')).toBe(plugin);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect([plugin.name, plugin.version]).toEqual([pkg.name, pkg.version]);
    const bound: [symbol, unknown][] = [];
    const bind = ((token: symbol) => ({ toConstantValue: (value: unknown) => bound.push([token, value]) })) as unknown as PluginBind;
    plugin.register(bind);
    expect(bound).toEqual([
      [TYPES.Engine, onnxEngine],
      [TYPES.ModelFormat, onnxFormat],
    ]);
  });
});
