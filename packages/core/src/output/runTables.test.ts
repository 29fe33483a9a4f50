import { describe, expect, it } from 'vitest';
import type { InputSummary, RunSummary } from '../contracts/RunReport.js';
import { csvField } from './csvRow.js';
import { metricsCsv, resultsCsv, resultsJsonl } from './runTables.js';

const ex = (method: string, classIndex: number, max: number, stats: Record<string, number> = {}) => ({
  method,
  layer: null,
  classIndex,
  label: `c${classIndex}`,
  score: 0.5,
  scoreKind: 'probability' as const,
  min: 0,
  max,
  mean: max / 2,
  peak: { x: 1, y: 2 },
  stats,
});

const a: InputSummary = {
  index: 0,
  path: '/d/a.png',
  stem: 'a',
  predictions: [
    { classIndex: 1, label: 'cat', logit: 2, probability: 0.75 },
    { classIndex: 0, label: 'dog, big', logit: 1, probability: 0.25 },
  ],
  targets: [1, 0],
  explanations: [ex('cam', 1, 4), ex('cam', 0, 2), ex('occlusion', 1, Number.NaN, { windows: 9 })],
  metrics: [{ metric: 'deletion', method: 'cam', inputIndex: 0, classIndex: 1, values: { auc: 0.125 }, meaning: 'm' }],
};
const summary: RunSummary = {
  model: { source: 's', format: 'f', inputShape: [], numClasses: 2, finalActivation: 'softmax' },
  backend: 'cpu',
  preprocess: {},
  explainers: [],
  startedAt: 't',
  inputs: [a],
  failures: [{ path: '/d/"b".png', message: 'not a PNG' }],
  total: 2,
  metricTable: [
    {
      method: 'cam',
      metric: 'deletion',
      value: 'auc',
      headline: true,
      meaning: 'lower, better',
      n: 1,
      missing: 0,
      mean: 0.125,
      sd: null,
      level: 0.95,
      low: null,
      high: null,
    },
  ],
  metricCurves: [],
};

describe('run tables', () => {
  it('quotes CSV fields as RFC 4180 and leaves non-finite numbers empty', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(0.1)).toBe('0.1');
  });

  it('results.csv: one row per input with flat, named columns', () => {
    const lines = resultsCsv(summary).split('\r\n');
    expect(lines[0]).toBe(
      'path,stem,status,message,top1_class,top1_label,top1_probability,top2_class,top2_label,top2_probability,' +
        'cam.t1.class,cam.t1.max,cam.t1.min,cam.t1.mean,cam.t1.peak_x,cam.t1.peak_y,' +
        'cam.t2.class,cam.t2.max,cam.t2.min,cam.t2.mean,cam.t2.peak_x,cam.t2.peak_y,' +
        'occlusion.t1.class,occlusion.t1.max,occlusion.t1.min,occlusion.t1.mean,occlusion.t1.peak_x,occlusion.t1.peak_y,occlusion.t1.windows,' +
        'deletion.cam.t1.auc',
    );
    expect(lines[1]).toBe('/d/a.png,a,done,,1,cat,0.75,0,"dog, big",0.25,1,4,0,2,1,2,0,2,0,1,1,2,1,,0,,1,2,9,0.125');
    expect(lines[2]).toBe(`"/d/""b"".png",,failed,not a PNG${','.repeat(26)}`);
    expect(lines[3]).toBe('');
  });

  it('results.jsonl: one object per input, failures last, non-finite as null', () => {
    const rows = resultsJsonl(summary)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      path: '/d/a.png',
      status: 'done',
      targets: [1, 0],
      metrics: [{ metric: 'deletion', method: 'cam', classIndex: 1, values: { auc: 0.125 } }],
    });
    expect(rows[0].explanations[2]).toMatchObject({ method: 'occlusion', max: null, mean: null, stats: { windows: 9 } });
    expect(rows[1]).toEqual({ path: '/d/"b".png', status: 'failed', message: 'not a PNG' });
  });

  it('metrics.csv: the run-level table', () => {
    expect(metricsCsv(summary)).toBe(
      'method,metric,value,headline,n,missing,mean,sd,level,low,high,meaning\r\ncam,deletion,auc,true,1,0,0.125,,0.95,,,"lower, better"\r\n',
    );
  });
});
