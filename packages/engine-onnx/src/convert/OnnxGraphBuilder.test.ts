import { describe, expect, it } from 'vitest';
import { OnnxGraphBuilder } from './OnnxGraphBuilder.js';
import { attr } from './onnxAttr.js';
import { runOnnx } from './onnxRun.testkit.js';

describe('OnnxGraphBuilder', () => {
  it('builds a graph ORT runs: reserved names kept, fresh names unique, shared constants', async () => {
    const b = new OnnxGraphBuilder();
    b.reserve('y');
    b.input('x', ['N', 2]);
    const w = b.floatInit('w', Float32Array.from([1, 2, 3, 4]), [2, 2]);
    const mm = b.node('MatMul', ['x', w]);
    const c1 = b.floatConst([6]);
    const c2 = b.floatConst([6]);
    expect(c2).toBe(c1);
    b.node('Clip', [mm, b.floatConst([0]), c1], 'y');
    const t = b.node('Transpose', ['y'], undefined, { perm: attr.ints([1, 0]) });
    expect(b.fresh('y')).toBe('y_1');
    b.output('y');
    const proto = b.modelProto('test');
    // x = [[1, -1], [2, 0.5]] → x·w = [[-2, -2], [3.5, 6]] → clip [0, 6] → [[0, 0], [3.5, 6]]
    const [y, yt] = await runOnnx(proto, { x: { data: Float32Array.from([1, -1, 2, 0.5]), shape: [2, 2] } }, ['y', t]);
    expect(Array.from(y!.data)).toEqual([0, 0, 3.5, 6]);
    expect(Array.from(yt!.data)).toEqual([0, 3.5, 0, 6]);
  });

  it('refuses a tensor produced twice or read before it exists', () => {
    const b = new OnnxGraphBuilder();
    b.input('x', [1]);
    b.node('Relu', ['x'], 'r');
    expect(() => b.node('Relu', ['x'], 'r')).toThrow(/produced twice/);
    expect(() => b.node('Relu', ['nope'])).toThrow(/reads "nope"/);
  });
});
