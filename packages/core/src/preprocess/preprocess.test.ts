import { describe, expect, it } from 'vitest';
import { isVisorError } from '../errors/VisorError.js';
import { applyPreprocess } from './applyPreprocess.js';
import { invertPreprocess } from './invertPreprocess.js';
import type { PreprocessSpec } from './PreprocessSpec.js';
import { resolvePreprocess } from './resolvePreprocess.js';

// Two RGB pixels: [255, 128, 0] and [10, 20, 30].
const rgb = new Float32Array([255, 128, 0, 10, 20, 30]);
const close = (actual: Float32Array, expected: number[], digits = 4) => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(actual[i], `element ${i}`).toBeCloseTo(e, digits));
};

describe('preprocess presets (Keras imagenet_utils.preprocess_input)', () => {
  it('caffe: RGB→BGR then subtract BGR means [103.939, 116.779, 123.68], no scaling', () => {
    const r = resolvePreprocess('caffe');
    // pixel 1 as BGR [0, 128, 255] → [0−103.939, 128−116.779, 255−123.68]
    // pixel 2 as BGR [30, 20, 10]  → [30−103.939, 20−116.779, 10−123.68]
    close(applyPreprocess(rgb, 3, r), [-103.939, 11.221, 131.32, -73.939, -96.779, -113.68]);
  });

  it('tf: x / 127.5 − 1', () => {
    // 255 → 1, 128 → 0.0039216 (0.5/127.5), 0 → −1, 10 → −0.9215686, 20 → −0.8431373, 30 → −0.7647059
    close(applyPreprocess(rgb, 3, resolvePreprocess('tf')), [1, 0.0039216, -1, -0.9215686, -0.8431373, -0.7647059], 5);
  });

  it('torch: x / 255, then (x − mean) / std per channel', () => {
    // R: (1 − 0.485)/0.229 = 2.2489083; G: (128/255 − 0.456)/0.224 = 0.2051821; B: (0 − 0.406)/0.225 = −1.8044444
    // (10/255 − 0.485)/0.229 = −0.4457843/0.229 = −1.9466563; (20/255 − 0.456)/0.224 = −1.6855742; (30/255 − 0.406)/0.225 = −1.2815686
    close(applyPreprocess(rgb, 3, resolvePreprocess('torch')), [2.2489083, 0.2051821, -1.8044444, -1.9466563, -1.6855742, -1.2815686], 5);
  });

  it('none: identity', () => {
    close(applyPreprocess(rgb, 3, resolvePreprocess('none')), [255, 128, 0, 10, 20, 30]);
  });

  it('resolved presets are plain JSON data with every number explicit', () => {
    expect(JSON.parse(JSON.stringify(resolvePreprocess('caffe')))).toEqual({
      preset: 'caffe',
      scale: 1,
      mean: [103.939, 116.779, 123.68],
      std: [1, 1, 1],
      channelOrder: 'bgr',
    });
    expect(resolvePreprocess('tf')).toEqual({ preset: 'tf', scale: 1 / 127.5, mean: [1], std: [1], channelOrder: 'rgb' });
  });
});

describe('custom preprocessing', () => {
  it('scale first, then mean/std in the scaled space, broadcast from one value', () => {
    const r = resolvePreprocess({ scale: 1 / 255, mean: [0.5], std: [0.25] });
    // (255/255 − 0.5)/0.25 = 2; (128/255 − 0.5)/0.25 = 0.0078431; (0 − 0.5)/0.25 = −2
    close(applyPreprocess(rgb.subarray(0, 3), 3, r), [2, 0.0078431, -2], 5);
    expect(r).toEqual({ preset: 'custom', scale: 1 / 255, mean: [0.5], std: [0.25], channelOrder: 'rgb' });
  });

  it('bgr order with a 1-channel input is a no-op reorder', () => {
    const r = resolvePreprocess({ mean: [100], channelOrder: 'bgr' });
    close(applyPreprocess(new Float32Array([150, 50]), 1, r), [50, -50]);
  });

  it('invertPreprocess undoes every preset (back to 0..255 RGB)', () => {
    for (const spec of ['caffe', 'tf', 'torch', 'none', { scale: 2, mean: [1, 2, 3], std: [4, 5, 6], channelOrder: 'bgr' }] as PreprocessSpec[]) {
      const r = resolvePreprocess(spec);
      close(invertPreprocess(applyPreprocess(rgb, 3, r), 3, r), Array.from(rgb), 3);
    }
    // The model-space value 0 under caffe is the ImageNet mean colour in RGB: [123.68, 116.779, 103.939].
    close(invertPreprocess(new Float32Array(3), 3, resolvePreprocess('caffe')), [123.68, 116.779, 103.939]);
  });

  it('bad specs are config errors naming the bad value and what is accepted', () => {
    const cases: Array<[unknown, RegExp]> = [
      ['imagenet', /unknown preset 'imagenet'; accepted: 'caffe', 'tf', 'torch', 'none'/],
      [{ stddev: [1] }, /unknown key 'stddev'/],
      [{ std: [1, 0, 1] }, /std must not contain 0/],
      [{ mean: 'x' }, /mean must be a non-empty list of finite numbers/],
      [{ scale: 0 }, /scale must be a finite non-zero number, got 0/],
      [{ channelOrder: 'rbg' }, /channelOrder must be 'rgb' or 'bgr', got "rbg"/],
    ];
    for (const [spec, re] of cases) {
      let err: unknown;
      try {
        resolvePreprocess(spec as PreprocessSpec);
      } catch (e) {
        err = e;
      }
      expect(isVisorError(err)).toBe(true);
      expect((err as { code: string }).code).toBe('config');
      expect((err as Error).message).toMatch(re);
    }
  });

  it('a per-channel mean that does not match the channel count is refused', () => {
    expect(() => applyPreprocess(new Float32Array([1, 2]), 1, resolvePreprocess('caffe'))).toThrow(
      /preprocess 'caffe': mean has 3 values but the input has 1 channel/,
    );
  });
});
