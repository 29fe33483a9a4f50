import { describe, expect, it } from 'vitest';
import { abortedError } from './abortedError.js';
import { channelMeans } from './channelMeans.js';

describe('channelMeans', () => {
  it('is the mean of each channel of a channels-last image', () => {
    // 2×2×2: channel 0 holds 1, 2, 3, 4 (mean 2.5), channel 1 holds 10, 20, 30, 40 (mean 25).
    expect(Array.from(channelMeans(Float32Array.from([1, 10, 2, 20, 3, 30, 4, 40]), 2))).toEqual([2.5, 25]);
  });

  it('refuses values that do not split into the channels', () => {
    expect(() => channelMeans(new Float32Array(5), 2)).toThrow('5 values do not split into 2 channels');
  });
});

describe('abortedError', () => {
  it('is an AbortError carrying the message and the signal reason', () => {
    const controller = new AbortController();
    controller.abort('stop');
    const e = abortedError('occlusion aborted after 3 of 10 windows', controller.signal);
    expect([e.name, e.message, e.cause]).toEqual(['AbortError', 'occlusion aborted after 3 of 10 windows', 'stop']);
    expect(abortedError('aborted by the caller').cause).toBeUndefined();
  });
});
