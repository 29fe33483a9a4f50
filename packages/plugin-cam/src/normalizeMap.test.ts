import { describe, expect, it } from 'vitest';
import { normalizeMap } from './normalizeMap.js';

describe('normalizeMap', () => {
  it('minmax maps the minimum to 0 and the maximum to 1; a constant map to 0; none copies', () => {
    expect(Array.from(normalizeMap(Float32Array.from([-2, 0, 6]), 'minmax'))).toEqual([0, 0.25, 1]);
    expect(Array.from(normalizeMap(Float32Array.from([3, 3]), 'minmax'))).toEqual([0, 0]);
    const src = Float32Array.from([-2, 5]);
    const copy = normalizeMap(src, 'none');
    expect(Array.from(copy)).toEqual([-2, 5]);
    expect(copy).not.toBe(src);
  });
});
