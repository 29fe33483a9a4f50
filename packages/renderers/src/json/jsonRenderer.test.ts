import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { explanation, inputReport, mapOf, memoryContext, runReport } from '../__fixtures__/fixtures.js';
import { jsonRenderer, type JsonRendererOptions } from './jsonRenderer.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/explanation.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

// Float32 values that need all their digits: 0.1 and 1/3 are not exact, plus extremes and a subnormal.
const awkward = [0.1, 1 / 3, -2.5, 1e-30, 3.4e38, 1.4e-45, 123456.789, 16777217, 0.7];

function sampleReport() {
  const heatmap = mapOf(awkward.slice(0, 4), [2, 2]);
  const raw = mapOf(awkward, [3, 3, 1], true, 'class activation at each feature-map cell');
  const maxAbs = mapOf([1, 2], [1, 2], false, 'max |gradient| over channels');
  const e = explanation({
    method: 'grad-cam',
    layer: 'conv2',
    options: { relu: true },
    raw,
    heatmap,
    extras: { maxAbs },
    stats: { baselineScore: 0.75, windows: 9 },
  });
  return runReport([inputReport({ explanations: [e] })]);
}

async function render(options: Partial<JsonRendererOptions>, report = sampleReport()) {
  const { ctx, files } = memoryContext<JsonRendererOptions>(options);
  await jsonRenderer.render(report, ctx);
  return files;
}

describe('json renderer', () => {
  it('writes <stem>.json that validates against schema/explanation.schema.json', async () => {
    const files = await render({});
    expect([...files.keys()]).toEqual(['cat.json']);
    const doc = JSON.parse(files.get('cat.json') as string);
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(doc.schema).toBe('visor/explanation@2');
    expect(doc.model).toEqual({
      source: '/models/tiny/model.json',
      format: 'tfjs-layers',
      inputShape: [null, 2, 2, 3],
      numClasses: 2,
      finalActivation: 'softmax',
    });
    expect(doc.metrics).toEqual([]);
    expect(doc.metricResults).toEqual([]);
    expect(doc).not.toHaveProperty('startedAt'); // deterministic: a resumed run writes the same bytes
    expect(doc.backend).toBe('cpu');
    expect(doc.preprocess).toEqual({ mode: 'none' });
    expect(doc.explainers).toEqual([{ id: 'cam', options: {} }]);
    expect(doc.predictions).toEqual([
      { rank: 1, classIndex: 1, label: 'cat', logit: 3, probability: 0.75 },
      { rank: 2, classIndex: 0, label: 'dog', logit: 1.5, probability: 0.25 },
    ]);
    const e = doc.explanations[0];
    expect(e.method).toBe('grad-cam');
    expect(e.layer).toBe('conv2');
    expect(e.options).toEqual({ relu: true });
    expect(e.target).toEqual({ classIndex: 1, label: 'cat', score: 0.75, scoreKind: 'probability' });
    expect(e.raw.shape).toEqual([3, 3, 1]);
    expect(e.raw.meaning).toBe('class activation at each feature-map cell');
    expect(e.heatmap.shape).toEqual([2, 2]);
    expect(e.stats).toEqual({ baselineScore: 0.75, windows: 9 });
    // extras: shape and meaning, no data by default
    expect(e.extras.maxAbs).toEqual({ shape: [1, 2], range: [1, 2], signed: false, meaning: 'max |gradient| over channels' });
  });

  it('round-trips float32 values exactly (Float32 → JSON → Float32)', async () => {
    for (const pretty of [false, true]) {
      const files = await render({ pretty, includeExtras: true });
      const doc = JSON.parse(files.get('cat.json') as string);
      const f32 = Float32Array.from(awkward);
      expect(Array.from(Float32Array.from(doc.explanations[0].raw.data as number[]))).toEqual(Array.from(f32));
      expect(Array.from(Float32Array.from(doc.explanations[0].heatmap.data as number[]))).toEqual(Array.from(f32.slice(0, 4)));
      // each value is the float32 itself, not a rounded decimal (0.1f = 0.10000000149011612)
      expect(doc.explanations[0].raw.data[0]).toBe(Math.fround(0.1));
      expect(doc.explanations[0].extras.maxAbs.data).toEqual([1, 2]);
    }
  });

  it('pretty output keeps numeric arrays on one line', async () => {
    const text = (await render({ pretty: true })).get('cat.json') as string;
    expect(text).toContain('"shape": [3,3,1]');
    expect(text.split('\n').length).toBeLessThan(120);
  });

  it('writes non-finite values as null and still validates', async () => {
    const e = explanation({ heatmap: mapOf([0, Number.NaN, 1, Number.POSITIVE_INFINITY], [2, 2]) });
    const files = await render({}, runReport([inputReport({ explanations: [e] })]));
    const doc = JSON.parse(files.get('cat.json') as string);
    expect(doc.explanations[0].heatmap.data).toEqual([0, null, 1, null]);
    expect(validate(doc)).toBe(true);
  });

  it('the schema rejects malformed documents', async () => {
    const doc = JSON.parse((await render({})).get('cat.json') as string);
    expect(validate({ ...doc, schema: 'visor/explanation@1' })).toBe(false);
    expect(validate({ ...doc, model: { ...doc.model, kind: 'layers' } })).toBe(false);
    const noMetrics = structuredClone(doc);
    delete noMetrics.metricResults;
    expect(validate(noMetrics)).toBe(false);
    const noData = structuredClone(doc);
    delete noData.explanations[0].heatmap.data;
    expect(validate(noData)).toBe(false);
    const heat3d = structuredClone(doc);
    heat3d.explanations[0].heatmap.shape = [2, 2, 1];
    expect(validate(heat3d)).toBe(false);
  });

  it('writes the metrics of the run and their results with curves, and validates', async () => {
    const report = sampleReport();
    report.metrics = [{ id: 'deletion', options: { steps: 2 } }];
    report.inputs[0]!.metrics = [
      {
        metric: 'deletion',
        method: 'grad-cam',
        inputIndex: 0,
        classIndex: 1,
        values: { auc: 0.375, first: 0.75, last: Number.NaN },
        curves: { deletion: { x: [0, 0.5, 1], y: [0.75, 0.25, 0], xLabel: 'fraction of pixels deleted', yLabel: 'probability' } },
        meaning: 'area under the deletion curve; lower is better',
      },
    ];
    const doc = JSON.parse((await render({}, report)).get('cat.json') as string);
    expect(validate(doc)).toBe(true);
    expect(doc.metrics).toEqual([{ id: 'deletion', options: { steps: 2 } }]);
    expect(doc.metricResults).toEqual([
      {
        metric: 'deletion',
        method: 'grad-cam',
        classIndex: 1,
        values: { auc: 0.375, first: 0.75, last: null },
        curves: { deletion: { x: [0, 0.5, 1], y: [0.75, 0.25, 0], xLabel: 'fraction of pixels deleted', yLabel: 'probability' } },
        meaning: 'area under the deletion curve; lower is better',
      },
    ]);
  });

  it('validates its options', () => {
    const v = new Ajv().compile(jsonRenderer.optionsSchema);
    expect(v(jsonRenderer.defaults)).toBe(true);
    expect(v({ includeExtras: 'yes' })).toBe(false);
    expect(v({ indent: 2 })).toBe(false);
  });
});
