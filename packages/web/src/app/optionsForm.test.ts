import { describe, expect, it } from 'vitest';
import { parseLoose } from './optionsForm.js';

describe('parseLoose', () => {
  it('reads what a YAML value would be: numbers, arrays, keywords', () => {
    expect(parseLoose('16')).toBe(16);
    expect(parseLoose(' 0.5 ')).toBe(0.5);
    expect(parseLoose('[12, 8]')).toEqual([12, 8]);
    expect(parseLoose('12, 8')).toEqual([12, 8]);
    expect(parseLoose('-1,2.5e1')).toEqual([-1, 25]);
    expect(parseLoose('auto')).toBe('auto');
    expect(parseLoose('mean')).toBe('mean');
    expect(parseLoose('true')).toBe(true);
    expect(parseLoose('')).toBeUndefined();
    expect(parseLoose('   ')).toBeUndefined();
  });
});
