import { expect } from 'vitest';
import { isVisorError } from '../errors/VisorError.js';

/** The VisorError `fn` throws (failing the test if it throws something else, or nothing). */
export function visorErrorOf(fn: () => unknown): { code: string; file: string; message: string; hint?: string } {
  try {
    fn();
  } catch (e) {
    expect(isVisorError(e), String(e)).toBe(true);
    return e as { code: string; file: string; message: string; hint?: string };
  }
  throw new Error('expected an error');
}
