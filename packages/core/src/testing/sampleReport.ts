import type { Explanation } from '../contracts/Explanation.js';
import type { RunReport } from '../contracts/RunReport.js';
import { makeMap } from '../maps/makeMap.js';

/**
 * A small, fully known RunReport for renderer tests: one 8×6 (w×h) input whose model view is 4×4,
 * explained by a `cam`-like map (0..15 row-major) and a signed `saliency`-like map, for classes 2 and 0.
 */
export function sampleReport(): RunReport {
  const original = { width: 8, height: 6, data: new Uint8Array(8 * 6 * 4) };
  for (let i = 0; i < 8 * 6; i++) original.data.set([(i * 5) % 256, 100, 200 - i, 255], i * 4);
  const modelView = { width: 4, height: 4, data: new Uint8Array(4 * 4 * 4).fill(128) };
  const ramp = Float32Array.from({ length: 16 }, (_, i) => i);
  const signed = Float32Array.from({ length: 16 }, (_, i) => i - 8);
  const explanation = (method: string, classIndex: number, data: Float32Array, isSigned: boolean): Explanation => ({
    method,
    inputIndex: 0,
    target: { classIndex, label: `class ${classIndex}`, score: classIndex === 2 ? 3.5 : 1.25, scoreKind: 'logit' },
    options: {},
    raw: makeMap(data.slice(), [4, 4], `${method} value`, isSigned),
    heatmap: makeMap(data.slice(), [4, 4], `${method} value`, isSigned),
  });
  return {
    model: { source: '/models/tiny/model.json', format: 'tfjs-layers', inputShape: [4, 4, 3], numClasses: 3, finalActivation: 'softmax' },
    backend: 'cpu',
    preprocess: { preset: 'none' },
    explainers: [
      { id: 'cam', options: {} },
      { id: 'saliency', options: {} },
    ],
    inputs: [
      {
        path: '/images/sample.png',
        stem: 'sample',
        original,
        modelView,
        crop: { x: 0, y: 0, width: 8, height: 6 },
        predictions: [
          { classIndex: 2, label: 'class 2', logit: 3.5, probability: 0.85 },
          { classIndex: 0, label: 'class 0', logit: 1.25, probability: 0.1 },
          { classIndex: 1, label: 'class 1', logit: 0.5, probability: 0.05 },
        ],
        explanations: [
          explanation('cam', 2, ramp, false),
          explanation('saliency', 2, signed, true),
          explanation(
            'cam',
            0,
            ramp.map((v) => 15 - v),
            false,
          ),
          explanation(
            'saliency',
            0,
            signed.map((v) => -v),
            true,
          ),
        ],
      },
    ],
    failures: [],
    startedAt: '2026-01-01T00:00:00.000Z',
  };
}
