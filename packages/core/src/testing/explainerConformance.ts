import { describe, expect, it } from 'vitest';
import type { Explainer, ExplainContext } from '../contracts/Explainer.js';
import type { ExplanationMap } from '../contracts/ExplanationMap.js';
import type { VisorModel } from '../contracts/VisorModel.js';
import { validateOptions } from '../config/validateOptions.js';
import { tf } from '../tf.js';
import { explainContext } from './explainContext.js';

export interface ExplainerConformanceSetup {
  /** A small model with a fixed input size (built fresh or shared; it is not disposed by the suite). */
  model: () => VisorModel | Promise<VisorModel>;
  /** Options to run with (validated and merged with the defaults). */
  options?: Record<string, unknown>;
  /** Option objects that the explainer's schema must refuse. At least one. */
  invalidOptions: Record<string, unknown>[];
  /** Inputs in the batch (default 2) and classes explained per input (default 2). */
  batch?: number;
  targetsPerInput?: number;
  /** Runs for the leak check (default 5). */
  runs?: number;
  /** Backend to run on (default: whatever is active). */
  backend?: string;
}

function checkMap(name: string, m: ExplanationMap): void {
  expect(Array.isArray(m.shape), `${name}.shape`).toBe(true);
  expect(m.data, `${name}.data`).toBeInstanceOf(Float32Array);
  expect(m.data.length, `${name}: data length equals the product of shape [${m.shape}]`).toBe(m.shape.reduce((a, b) => a * b, 1));
  let min = Infinity;
  let max = -Infinity;
  for (const v of m.data) {
    if (!Number.isFinite(v)) throw new Error(`${name} holds a non-finite value (${v})`);
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (m.data.length) {
    expect(m.range[0], `${name}.range[0] is the minimum`).toBeCloseTo(min, 5);
    expect(m.range[1], `${name}.range[1] is the maximum`).toBeCloseTo(max, 5);
  }
  expect(typeof m.meaning === 'string' && m.meaning.length > 0, `${name}.meaning is spelled out`).toBe(true);
}

/**
 * The contract every explainer must meet, as vitest tests. Call it at the top level of a test file:
 *
 * ```ts
 * explainerConformance(myExplainer, { model: () => tinyModel(), invalidOptions: [{ samples: -1 }] });
 * ```
 * Checks: one explanation per (input, target) in order; heatmaps at the model's input size; every map's
 * data matches its shape and range and is finite; options are validated by the schema; an aborted
 * signal stops the run; `tf.memory().numTensors` is unchanged after each of several runs.
 */
export function explainerConformance(explainer: Explainer<any>, setup: ExplainerConformanceSetup): void {
  const batch = setup.batch ?? 2;
  const perInput = setup.targetsPerInput ?? 2;

  async function context(signal = new AbortController().signal): Promise<{ ctx: ExplainContext<any>; dispose: () => void; h: number; w: number }> {
    if (setup.backend) await tf.setBackend(setup.backend);
    const model = await setup.model();
    const [h, w, c] = model.inputShape;
    if (h === null || w === null) throw new Error('explainerConformance needs a model with a fixed input size');
    const input = tf.tidy(() => tf.randomUniform([batch, h, w, c], -1, 1, 'float32', 7) as tf.Tensor4D);
    const options = validateOptions(explainer, setup.options ?? {});
    const ctx = explainContext<any>(model, input, { options, topK: perInput, signal, label: (i) => `class ${i}` });
    return { ctx, dispose: () => input.dispose(), h, w };
  }

  describe(`explainer conformance: ${explainer.id}`, () => {
    it('declares an id, a description, an object options schema and defaults that the schema accepts', () => {
      expect(explainer.id).toMatch(/^[a-z0-9][a-z0-9+._-]*$/);
      expect(explainer.description.length).toBeGreaterThan(0);
      expect(explainer.optionsSchema.type).toBe('object');
      expect(() => validateOptions(explainer, {})).not.toThrow();
    });

    it('refuses invalid options with a message naming the explainer', () => {
      expect(setup.invalidOptions.length).toBeGreaterThan(0);
      for (const bad of setup.invalidOptions) {
        expect(() => validateOptions(explainer, bad), JSON.stringify(bad)).toThrow(explainer.id);
      }
      expect(() => validateOptions(explainer, { notAnOptionOfAnyExplainer: 1 })).toThrow(/unknown key "notAnOptionOfAnyExplainer"/);
    });

    it('returns one explanation per (input, target), in order, with maps of the right shapes and finite values', async () => {
      const { ctx, dispose, h, w } = await context();
      try {
        const out = await explainer.explain(ctx);
        const expected = ctx.targets.flatMap((t, i) => t.map((c) => [i, c]));
        expect(out.map((e) => [e.inputIndex, e.target.classIndex])).toEqual(expected);
        for (const e of out) {
          expect(e.method).toBe(explainer.id);
          expect(Number.isFinite(e.target.score)).toBe(true);
          expect(e.heatmap.shape).toEqual([h, w]);
          checkMap('raw', e.raw);
          checkMap('heatmap', e.heatmap);
          for (const [name, m] of Object.entries(e.extras ?? {})) checkMap(`extras.${name}`, m);
        }
      } finally {
        dispose();
      }
    });

    it('stops with an AbortError when the signal is already aborted, leaking nothing', async () => {
      const controller = new AbortController();
      controller.abort();
      const { ctx, dispose } = await context(controller.signal);
      const before = tf.memory().numTensors;
      try {
        await expect(explainer.explain(ctx)).rejects.toMatchObject({ name: 'AbortError' });
        expect(tf.memory().numTensors).toBe(before);
      } finally {
        dispose();
      }
    });

    it('leaves tf.memory().numTensors unchanged after every run', async () => {
      const { ctx, dispose } = await context();
      try {
        await explainer.explain(ctx); // warm-up: lazily built things (weights, caches) may allocate once
        const before = tf.memory().numTensors;
        for (let r = 0; r < (setup.runs ?? 5); r++) {
          await explainer.explain(ctx);
          expect(tf.memory().numTensors, `after run ${r + 1}`).toBe(before);
        }
      } finally {
        dispose();
      }
    });
  });
}
