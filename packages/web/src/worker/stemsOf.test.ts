import { uniqueStems } from '@visor/core';
import { describe, expect, it } from 'vitest';
import { stemsOf } from './stemsOf.js';

describe('stemsOf', () => {
  it('names dropped files as core’s uniqueStems names paths (the CLI’s output names)', () => {
    const names = ['cat.png', 'Cat.jpg', 'dir/cat.png', 'a b+c.png', '.hidden.png', '..png', 'noext', 'x.tar.gz', 'é.png', 'dir\\sub.png'];
    const posix = names.map((n) => n.replace(/\\/g, '/')); // node:path on Linux splits at / only
    expect(stemsOf(posix)).toEqual(uniqueStems(posix));
    expect(stemsOf(names).slice(0, 4)).toEqual(['cat', 'Cat-2', 'cat-3', 'a_b_c']);
    expect(stemsOf(['dir\\sub.png'])).toEqual(['sub']);
  });
});
