import { makeMap, type ExplainContext, type VisorModel } from '@visor/core';
import { describe, expect, it } from 'vitest';
import { pairExplainer } from './pairExplainer.js';

interface ToyOptions {
  score: 'logit' | 'probability';
  mode: 'a' | 'b';
}

/** An explainer whose maps hold the pair's input and class index, recording what explainPairs got. */
function toy() {
  const calls: { options: ToyOptions; pairs: [number, number, number][] }[] = [];
  const explainer = pairExplainer<ToyOptions>({
    id: 'toy-pairs',
    description: 'toy',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { score: { enum: ['logit', 'probability'] }, mode: { enum: ['a', 'b'] } },
    },
    defaults: { score: 'logit', mode: 'a' },
    async explainPairs(_ctx, options, pairs) {
      calls.push({ options, pairs: pairs.map((p) => [p.inputIndex, p.classIndex, p.rank]) });
      return pairs.map((p) => {
        const map = makeMap(Float32Array.from([p.inputIndex, p.classIndex]), [1, 2], 'input, class');
        return { options: { ...options }, raw: map, heatmap: map };
      });
    },
  });
  return { explainer, calls };
}

/** A context over a batch of 2 inputs and 3 classes with fixed predictions (no model is run). */
function context(targets: number[][], options: Record<string, unknown>): { ctx: ExplainContext<ToyOptions>; events: [number, number][] } {
  const events: [number, number][] = [];
  const ctx = {
    model: { numClasses: 3 } as VisorModel,
    input: { data: new Float32Array(4), shape: [2, 1, 2, 1] },
    targets,
    predictions: {
      logits: [Float32Array.from([1, 2, 3]), Float32Array.from([4, 5, 6])],
      probabilities: [Float32Array.from([0.1, 0.2, 0.7]), Float32Array.from([0.3, 0.3, 0.4])],
    },
    options: options as unknown as ToyOptions,
    backend: 'cpu',
    label: (i: number) => ['cat', 'dog', 'fox'][i],
    progress: (e: { done: number; total: number }) => events.push([e.done, e.total]),
    signal: new AbortController().signal,
  } as ExplainContext<ToyOptions>;
  return { ctx, events };
}

describe('pairExplainer', () => {
  it('fills method, input index and target (label, score of the options kind) around the pairs, in order', async () => {
    const { explainer, calls } = toy();
    const { ctx, events } = context([[2, 0], [1]], { score: 'probability' });
    const out = await explainer.explain(ctx);
    expect(calls).toEqual([
      {
        options: { score: 'probability', mode: 'a' },
        pairs: [
          [0, 2, 0],
          [0, 0, 1],
          [1, 1, 0],
        ],
      },
    ]);
    expect(out.map((e) => [e.method, e.inputIndex, e.target])).toEqual([
      ['toy-pairs', 0, { classIndex: 2, label: 'fox', score: Math.fround(0.7), scoreKind: 'probability' }],
      ['toy-pairs', 0, { classIndex: 0, label: 'cat', score: Math.fround(0.1), scoreKind: 'probability' }],
      ['toy-pairs', 1, { classIndex: 1, label: 'dog', score: Math.fround(0.3), scoreKind: 'probability' }],
    ]);
    expect(Array.from(out[2]!.raw.data)).toEqual([1, 1]);
    expect(out[0]!.options).toEqual({ score: 'probability', mode: 'a' });
    expect(events).toEqual([
      [0, 3],
      [3, 3],
    ]);
  });

  it('takes logits by default', async () => {
    const { explainer } = toy();
    const out = await explainer.explain(context([[0], [2]], {}).ctx);
    expect(out.map((e) => [e.target.score, e.target.scoreKind])).toEqual([
      [1, 'logit'],
      [6, 'logit'],
    ]);
  });

  it('returns [] without computing or reporting progress when there are no targets', async () => {
    const { explainer, calls } = toy();
    const { ctx, events } = context([[], []], {});
    expect(await explainer.explain(ctx)).toEqual([]);
    expect(calls).toEqual([]);
    expect(events).toEqual([]);
  });

  it('refuses bad options and target lists before computing, and an aborted signal first of all', async () => {
    const { explainer, calls } = toy();
    await expect(explainer.explain(context([[0], [0]], { mode: 'c' }).ctx)).rejects.toThrow(/mode: \(toy-pairs\) "c" is not accepted.*Accepted: "a", "b"/);
    await expect(explainer.explain(context([[0]], {}).ctx)).rejects.toThrow(
      'toy-pairs: got 1 target lists for a batch of 2 inputs; expected one list per input.',
    );
    const { ctx } = context([[0], [0]], {});
    const controller = new AbortController();
    controller.abort();
    ctx.signal = controller.signal;
    await expect(explainer.explain(ctx)).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toEqual([]);
  });
});
