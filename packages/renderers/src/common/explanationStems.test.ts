import { describe, expect, it } from 'vitest';
import { explanation, mapOf } from '../__fixtures__/fixtures.js';
import { explanationStems, safeName } from './explanationStems.js';

describe('explanationStems', () => {
  it('is <method>-<classIndex>, numbering repeats from -2 and keeping names portable', () => {
    const h = mapOf([0], [1, 1]);
    const dog = { classIndex: 0, label: 'dog', score: 0.1, scoreKind: 'logit' as const };
    const ex = [
      explanation({ heatmap: h }),
      explanation({ heatmap: h, target: dog }),
      explanation({ heatmap: h, layer: 'conv1' }),
      explanation({ heatmap: h, layer: 'conv2' }),
      explanation({ heatmap: h, method: 'my plugin/../x' }),
    ];
    expect(explanationStems(ex)).toEqual(['cam-1', 'cam-0', 'cam-1-2', 'cam-1-3', 'my_plugin_.._x-1']);
    expect(safeName('a b/c')).toBe('a_b_c');
    expect(safeName('grad-cam++')).toBe('grad-cam++');
  });
});
