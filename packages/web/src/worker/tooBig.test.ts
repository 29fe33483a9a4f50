import { VisorError } from '@visor/core';
import { describe, expect, it } from 'vitest';
import { tooBig } from './tooBig.js';

describe('tooBig', () => {
  it('turns allocation failures into a message naming the file, and leaves other errors alone', () => {
    const e = tooBig(new RangeError('Array buffer allocation failed'), 'big/model.json');
    expect(e).toBeInstanceOf(VisorError);
    expect(e?.message).toBe("big/model.json: the model is too big for this page's memory (Array buffer allocation failed)");
    expect(e?.code).toBe('model');
    expect(tooBig(new Error('Aborted(OOM)'), 'm.json')?.message).toMatch(/too big/);
    expect(tooBig(new Error('Unknown layer: Fancy'), 'm.json')).toBeNull();
  });
});
