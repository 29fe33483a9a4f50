import { describe, expect, it } from 'vitest';
import { attr } from '../../tinyGraph.testkit.js';
import { windowGeometry } from './convGeometry.js';

describe('windowGeometry', () => {
  it('resolves SAME_UPPER to explicit pads (odd padding at the end)', () => {
    // 7 wide, kernel 3, stride 2: output 4, total padding (4 − 1)·2 + 3 − 7 = 2 → 1 before, 1 after;
    // 6 wide, kernel 2, stride 2: output 3, total (3 − 1)·2 + 2 − 6 = 0.
    const node = { opType: 'Conv', name: 'c', attribute: [attr.ints('strides', [2, 2]), attr.string('auto_pad', 'SAME_UPPER')] };
    expect(windowGeometry(node, [7, 6], [3, 2], [4, 3]).pads).toEqual([1, 0, 1, 0]);
  });

  it('refuses attribute lists that do not have one entry per spatial axis, naming them', () => {
    const node = { opType: 'MaxPool', name: 'pool1', attribute: [attr.ints('strides', [2]), attr.ints('pads', [1, 1])] };
    expect(() => windowGeometry(node, [8, 8], [3, 3], [4, 4])).toThrow(
      "MaxPool node 'pool1' over 2 spatial axes: strides has 1, pads has 2 entries (pads takes 4, the others 2)",
    );
  });
});
