import { describe, expect, it } from 'vitest';
import type { Explanation } from '../contracts/Explanation.js';
import type { InputReport } from '../contracts/RunReport.js';
import { summarizeInput } from './summarizeInput.js';
import { summarizeRun } from './summarizeRun.js';

const map = (values: number[], shape: number[]) => ({ data: Float32Array.from(values), shape, range: [0, 0] as [number, number], signed: false, meaning: 'm' });

const explanation = (method: string, classIndex: number, values: number[], stats?: Record<string, number>): Explanation => ({
  method,
  inputIndex: 0,
  target: { classIndex, label: `c${classIndex}`, score: 0.5, scoreKind: 'probability' },
  options: {},
  raw: map(values, [2, 3]),
  heatmap: map(values, [2, 3]),
  ...(stats ? { stats } : {}),
});

const input: InputReport = {
  path: '/x/a.png',
  stem: 'a',
  original: { width: 1, height: 1, data: new Uint8Array(4) },
  modelView: null,
  crop: { x: 0, y: 0, width: 1, height: 1 },
  predictions: [
    { classIndex: 2, label: 'c2', logit: 3, probability: 0.7 },
    { classIndex: 0, label: 'c0', logit: 1, probability: 0.3 },
  ],
  // a 2×3 map (rows of width 3): max 5 at index 4 → (x 1, y 1); a NaN is left out of min, max and mean.
  explanations: [explanation('cam', 2, [0, 1, 2, 3, 5, -1]), explanation('cam', 0, [Number.NaN, 2, 2, 2, 2, 2], { windows: 9 })],
  metrics: [{ metric: 'deletion', method: 'cam', inputIndex: 0, classIndex: 2, values: { auc: 0.25 }, meaning: 'lower is better' }],
};

describe('summarizeInput', () => {
  it('keeps the numbers of each explanation and no pixels', () => {
    const s = summarizeInput(input, 7);
    expect(s.index).toBe(7);
    expect(s.targets).toEqual([2, 0]);
    expect(s.explanations[0]).toMatchObject({ method: 'cam', classIndex: 2, min: -1, max: 5, mean: 10 / 6, peak: { x: 1, y: 1 }, stats: {} });
    // ties: the first maximum in row-major order (index 1 → x 1, y 0); the NaN is skipped
    expect(s.explanations[1]).toMatchObject({ min: 2, max: 2, mean: 2, peak: { x: 1, y: 0 }, stats: { windows: 9 } });
    expect(s.metrics[0]!.inputIndex).toBe(7);
    expect(JSON.stringify(s)).not.toContain('data');
  });

  it('summarizeRun adds the metric table over the inputs', () => {
    const a = summarizeInput(input, 0);
    const b = summarizeInput({ ...input, metrics: [{ ...input.metrics![0]!, values: { auc: 0.75 } }] }, 1);
    const run = summarizeRun(
      {
        model: { source: 's', format: 'f', inputShape: [], numClasses: 3, finalActivation: 'softmax' },
        backend: 'cpu',
        preprocess: {},
        explainers: [],
        startedAt: 't',
      },
      [a, b],
      [],
      3,
    );
    expect(run.total).toBe(3);
    expect(run.metricTable).toHaveLength(1);
    expect(run.metricTable[0]).toMatchObject({ method: 'cam', metric: 'deletion', value: 'auc', n: 2, mean: 0.5 });
  });
});
