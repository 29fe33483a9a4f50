import { describe, expect, it } from 'vitest';
import { topK } from './topK.js';
import { uniqueStems } from './uniqueStems.js';

describe('uniqueStems', () => {
  it('strips folders and extensions, makes names safe and unique', () => {
    expect(uniqueStems(['/a/cat.png', '/b/cat.jpg', '/c/CAT.png', '/d/my dog (1).jpeg', '/e/..evil.png', '/f/.png'])).toEqual([
      'cat',
      'cat-2',
      'CAT-3',
      'my_dog__1_',
      'evil',
      'png',
    ]);
  });
});

describe('topK', () => {
  it('returns indices of the largest values, best first, ties by index', () => {
    expect(topK([0.1, 0.5, 0.2, 0.5], 3)).toEqual([1, 3, 2]);
    expect(topK([1, 2], 5)).toEqual([1, 0]);
  });
});
