// The conformance suite fails explainers that break the contract: one that leaks engine memory, one that
// returns its explanations out of order, one that ignores an aborted signal. Each fails its check and only it.
import { describe, expect, it } from 'vitest';
import type { Explainer, Explanation, VisorModel } from '../index.js';
import { makeMap } from '../index.js';
import { explainerChecks } from './explainerConformance.js';
import { functionModel } from './functionModel.js';

/** A model whose memory() counts what an explainer allocated through `allocate` and did not `free`. */
function countingModel(): VisorModel & { allocate(): void; free(): void } {
  let live = 0;
  const base = functionModel({ inputShape: [3, 4, 1], numClasses: 3, logits: (x) => [x[0]!, 2 * x[1]!, -x[2]!] });
  return { ...base, memory: () => ({ tensors: live, bytes: 4 * live }), allocate: () => void live++, free: () => void live-- };
}

type Flaw = 'none' | 'leaks' | 'out-of-order' | 'ignores-abort';

/** A flat-map explainer, correct unless given a flaw. */
function explainer(flaw: Flaw): Explainer<Record<string, never>> {
  return {
    id: `flat-${flaw}`,
    description: 'a constant map (conformance fixture)',
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaults: {},
    async explain(ctx) {
      if (flaw !== 'ignores-abort') ctx.signal.throwIfAborted();
      const model = ctx.model as ReturnType<typeof countingModel>;
      model.allocate();
      if (flaw !== 'leaks') model.free();
      const [, h, w] = ctx.input.shape;
      const out: Explanation[] = [];
      ctx.targets.forEach((classes, inputIndex) =>
        classes.forEach((classIndex) => {
          const map = makeMap(new Float32Array(h! * w!).fill(inputIndex + classIndex), [h!, w!], 'input index + class index');
          out.push({ method: `flat-${flaw}`, inputIndex, target: { classIndex, score: 0, scoreKind: 'logit' }, options: {}, raw: map, heatmap: map });
        }),
      );
      return flaw === 'out-of-order' ? out.reverse() : out;
    },
  };
}

/** The names of the checks a flawed explainer fails. */
async function failedChecks(flaw: Flaw): Promise<string[]> {
  const failed: string[] = [];
  for (const c of explainerChecks(explainer(flaw), { model: countingModel, invalidOptions: [{ any: 1 }] })) {
    await c.run().catch(() => failed.push(c.name));
  }
  return failed;
}

describe('the explainer conformance suite', () => {
  it('passes a correct explainer', async () => {
    expect(await failedChecks('none')).toEqual([]);
  });
  it('fails an explainer that leaks engine memory on every run', async () => {
    expect(await failedChecks('leaks')).toEqual(["leaves the model's memory() unchanged after every run"]);
  });
  it('fails an explainer that returns its explanations out of order', async () => {
    expect(await failedChecks('out-of-order')).toEqual([
      'returns one explanation per (input, target), in order, with maps of the right shapes and finite values',
    ]);
  });
  it('fails an explainer that ignores an aborted signal', async () => {
    expect(await failedChecks('ignores-abort')).toEqual(['stops with an AbortError when the signal is already aborted, leaking nothing']);
  });
});
