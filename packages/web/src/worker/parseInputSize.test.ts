import { describe, expect, it } from 'vitest';
import { parseInputSize } from './parseInputSize.js';

describe('parseInputSize', () => {
  it('reads one side or height × width, written as people write it', () => {
    expect(parseInputSize('')).toBeUndefined();
    expect(parseInputSize('  ')).toBeUndefined();
    expect(parseInputSize('224')).toEqual([224, 224]);
    expect(parseInputSize('224×160')).toEqual([224, 160]);
    expect(parseInputSize('224x160')).toEqual([224, 160]);
    expect(parseInputSize(' 224 , 160 ')).toEqual([224, 160]);
    expect(parseInputSize('224 160')).toEqual([224, 160]);
  });

  it('refuses anything else, quoting it', () => {
    for (const bad of ['0', '224×0', 'big', '224×160×3', '-5', '22.5']) {
      expect(() => parseInputSize(bad), bad).toThrow(`Input size "${bad}" is not a size`);
    }
  });
});
