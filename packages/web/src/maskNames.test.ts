import { describe, expect, it } from 'vitest';
import { isMaskName, matchKey } from './maskNames.js';

describe('mask names', () => {
  it('tells masks from images and matches them by name', () => {
    expect(['a.mask.png', 'masks/a.png', 'demo/images/masks/a.mask.png', 'X.MASK.PNG'].map(isMaskName)).toEqual([true, true, true, true]);
    expect(['a.png', 'masked.png', 'mask.png', 'images/a.png'].map(isMaskName)).toEqual([false, false, false, false]);
    expect(matchKey('images/01-circle.png')).toBe(matchKey('images/masks/01-circle.mask.png'));
    expect(matchKey('masks/01-circle.png')).toBe('01-circle');
    expect(matchKey('a.b.png')).toBe('a.b');
  });
});
