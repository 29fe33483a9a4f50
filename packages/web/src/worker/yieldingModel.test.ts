import { functionModel } from '@visor/core/testing';
import { describe, expect, it } from 'vitest';
import { nextTask, yieldingModel } from './yieldingModel.js';

describe('yieldingModel', () => {
  const model = functionModel({ inputShape: [1, 1, 2], numClasses: 2, logits: (x) => [x[0]!, 2 * x[1]!], source: 'two-logit model' });
  const x = { data: Float32Array.from([3, 4]), shape: [1, 1, 1, 2] };

  it("reads the model's own properties and methods through", () => {
    const y = yieldingModel(model);
    expect([y.source, y.numClasses, y.finalActivation, y.inputShape]).toEqual(['two-logit model', 2, 'softmax', [1, 1, 2]]);
    expect(y.layers()).toEqual(model.layers());
    expect(y.memory()).toEqual(model.memory());
  });

  it('runs the model after the tasks queued before the call (a cancel message is seen first)', async () => {
    const order: string[] = [];
    const queued = nextTask().then(() => order.push('queued task'));
    const run = yieldingModel(model)
      .run(x, ['logits'])
      .then((out) => {
        order.push('run');
        return out;
      });
    const [out] = await run;
    await queued;
    expect(order).toEqual(['queued task', 'run']);
    expect(Array.from(out!.data)).toEqual([3, 8]);
  });
});
