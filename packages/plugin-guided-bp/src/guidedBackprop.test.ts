import { isVisorError } from '@visor/core';
import { tf } from '@visor/engine-tfjs';
import { batch4x4, HAND_WORKED_X as X } from '@visor/engine-tfjs/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { guidedBackprop } from './guidedBackprop.js';
import { contextFor, expectGrid, handBuiltModel, tinyModel } from './guidedBp.testkit.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// The tiny CNN and image of ruleGradient.test.ts (see the hand computation there):
// z = [1.5, 2.5, −0.5, −2.5]; head class 0 = [2, −1, 3, −4] (+0.1), class 1 = [1, 1, 1, 1] (−0.2).
// logit0 = 0.6, logit1 = 1.5 + 2.5 − 0.2 = 3.8.

function grid(data: Float32Array): number[][] {
  return [0, 1, 2, 3].map((r) => Array.from(data.slice(r * 4, r * 4 + 4), (v) => v + 0));
}

describe('guided-backprop explainer', () => {
  it('explains each target of each input with hand-worked values', async () => {
    const model = tinyModel('fused-relu', [2, -1, 3, -4]);
    const x = batch4x4(X);
    const out = await guidedBackprop.explain(await contextFor(model, x, [[0, 1]], {}));
    expect(out.map((e) => [e.inputIndex, e.target.classIndex])).toEqual([
      [0, 0],
      [0, 1],
    ]);
    const [c0, c1] = out;
    expect(c0!.method).toBe('guided-backprop');
    expect(c0!.options).toEqual({ rule: 'guided', score: 'logit', reduce: 'max-abs' });
    expect(c0!.target.score).toBeCloseTo(0.6, 5);
    expect(c0!.target.scoreKind).toBe('logit');
    expect(c1!.target.score).toBeCloseTo(3.8, 5);
    // class 0, guided: only unit 00 passes (g = 2): dx00 = 2, dx11 = 4, dx22 = 6.
    expect(c0!.raw.shape).toEqual([4, 4, 1]);
    expectGrid(c0!.raw.data, [
      [2, 0, 0, 0],
      [0, 4, 0, 0],
      [0, 0, 6, 0],
      [0, 0, 0, 0],
    ]);
    // class 1, R = 1 everywhere, f > 0 at units 00 and 01: dx00 = 1, dx11 = 2, dx22 = 3; dx01 = 1, dx12 = 2, dx23 = 3.
    expectGrid(c1!.raw.data, [
      [1, 1, 0, 0],
      [0, 2, 2, 0],
      [0, 0, 3, 3],
      [0, 0, 0, 0],
    ]);
    // one channel: heatmap = |g|; reconstruction = g / (2·6) + 0.5 for class 0
    expect(c0!.heatmap.shape).toEqual([4, 4]);
    expectGrid(
      c0!.heatmap.data,
      grid(c0!.raw.data).map((r) => r.map(Math.abs)),
    );
    expectGrid(c0!.extras!.reconstruction!.data, [
      [2 / 12 + 0.5, 0.5, 0.5, 0.5],
      [0.5, 4 / 12 + 0.5, 0.5, 0.5],
      [0.5, 0.5, 1, 0.5],
      [0.5, 0.5, 0.5, 0.5],
    ]);
    await model.dispose();
  });

  it('honours rule and score', async () => {
    // a ReLU layer and a softmax head: logits as above, probabilities their softmax
    const model = handBuiltModel('relu', 'softmax', [2, -1, 3, -4]);
    const x = batch4x4(X);
    const [deconv] = await guidedBackprop.explain(await contextFor(model, x, [[0]], { rule: 'deconvnet' }));
    // deconvnet: units 00 (g = 2) and 10 (g = 3): + dx10 = 3, dx21 = 6, dx32 = 9.
    expectGrid(deconv!.raw.data, [
      [2, 0, 0, 0],
      [3, 4, 0, 0],
      [0, 6, 6, 0],
      [0, 0, 9, 0],
    ]);
    // probability of class 0: dp0/dlogit0 = p0·p1, dp0/dlogit1 = −p0·p1, so R at the ReLU is
    // s·(w0 − w1) = s·[1, −2, 2, −5] with s = p0·p1; guided keeps unit 00 only (f > 0, R > 0).
    const p0 = 1 / (1 + Math.exp(3.8 - 0.6));
    const s = p0 * (1 - p0);
    const [prob] = await guidedBackprop.explain(await contextFor(model, x, [[0]], { score: 'probability' }));
    expect(prob!.target.scoreKind).toBe('probability');
    expect(prob!.target.score).toBeCloseTo(p0, 6);
    expectGrid(prob!.raw.data, [
      [s, 0, 0, 0],
      [0, 2 * s, 0, 0],
      [0, 0, 3 * s, 0],
      [0, 0, 0, 0],
    ]);
    await model.dispose();
  });

  it('refuses bad options naming the option and what is accepted', async () => {
    const model = tinyModel('fused-relu', [2, -1, 3, -4]);
    const x = batch4x4(X);
    await expect(guidedBackprop.explain(await contextFor(model, x, [[0]], { rule: 'guidet' } as never))).rejects.toThrow(
      /rule: \(guided-backprop\) "guidet" is not accepted: did you mean "guided"\? Accepted: "guided", "deconvnet", "backprop"/,
    );
    await expect(guidedBackprop.explain(await contextFor(model, x, [[0]], { reduce: 'sum' } as never))).rejects.toThrow(
      /reduce: \(guided-backprop\) "sum" is not accepted Accepted: "max-abs", "l2"/,
    );
    await expect(guidedBackprop.explain(await contextFor(model, x, [[0]], { layer: 'conv' } as never))).rejects.toThrow(
      /\(guided-backprop\) unknown key "layer".* Accepted keys: rule, score, reduce/,
    );
    await model.dispose();
  });
});

describe('guided-backprop progress and abort', () => {
  it('reports progress at the start and the end, passes its signal to the engine and frees what it allocated on abort', async () => {
    const model = tinyModel('fused-relu', [2, -1, 3, -4]);
    const x = batch4x4(X);
    const events: [number, number][] = [];
    const ok = await contextFor(model, x, [[0, 1]], {});
    ok.progress = (e) => events.push([e.done, e.total]);
    await guidedBackprop.explain(ok);
    expect(events).toEqual([
      [0, 2],
      [2, 2],
    ]);

    // The signal is aborted once the explainer has asked the engine for gradients: the engine checks it
    // between seeds (one seed per target rank) and stops there.
    const controller = new AbortController();
    const aborting = new Proxy(model, {
      get(target, key, receiver) {
        if (key !== 'gradients') return Reflect.get(target, key, receiver);
        return (...args: Parameters<typeof model.gradients>) => {
          expect(args[1].signal).toBe(controller.signal);
          controller.abort();
          return target.gradients(...args);
        };
      },
    });
    const ctx = await contextFor(aborting, x, [[0, 1]], {}, controller.signal);
    const before = model.memory();
    await expect(guidedBackprop.explain(ctx)).rejects.toMatchObject({ name: 'AbortError' });
    expect(model.memory()).toEqual(before);
    await model.dispose();
  });
});

describe('models with rectifiers other than ReLU', () => {
  // The tiny CNN with LeakyReLU(α = 0.1) in place of the ReLU: f = [1.5, 2.5, −0.5, −2.5] gives the
  // derivative [1, 1, 0.1, 0.1], so with R = [2, −1, 3, −4] the plain gradient passes g = [2, −1, 0.3, −0.4]
  // and unit (p, q) adds g, 2g, 3g at (p, q), (p+1, q+1), (p+2, q+2):
  //   dx00 = 2, dx11 = 4 − 0.4, dx22 = 6 − 0.8;  dx01 = −1, dx12 = −2, dx23 = −3;
  //   dx10 = 0.3, dx21 = 0.6, dx32 = 0.9;  dx33 = −1.2.
  it('guided and deconvnet are refused by the engine, naming the layer', async () => {
    const model = handBuiltModel('leaky', 'linear', [2, -1, 3, -4]);
    for (const rule of ['guided', 'deconvnet']) {
      const err = await guidedBackprop.explain(await contextFor(model, batch4x4(X), [[0]], { rule })).catch((e: unknown) => e);
      expect(isVisorError(err), String(err)).toBe(true);
      expect((err as Error).message).toMatch(new RegExp(`gradient rule "relu:${rule}" rewrites ReLU gradients only.*act \\(leaky_relu\\)`));
    }
    await model.dispose();
  });

  it('backprop is the plain gradient, by hand', async () => {
    const model = handBuiltModel('leaky', 'linear', [2, -1, 3, -4]);
    const [e] = await guidedBackprop.explain(await contextFor(model, batch4x4(X), [[0]], { rule: 'backprop' }));
    expectGrid(e!.raw.data, [
      [2, -1, 0, 0],
      [0.3, 3.6, -2, 0],
      [0, 0.6, 5.2, -3],
      [0, 0, 0.9, -1.2],
    ]);
    await model.dispose();
  });
});
