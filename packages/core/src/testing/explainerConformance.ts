/* eslint-disable @typescript-eslint/no-explicit-any -- Explainer<any>, Renderer<any>, Metric<any>: contributions of any options type (each validated by its own schema); variance over that type is the point */
import { describe, expect, it } from 'vitest';
import type { Explainer, ExplainContext } from '../contracts/Explainer.js';
import type { ExplanationMap } from '../contracts/ExplanationMap.js';
import type { VisorModel } from '../contracts/VisorModel.js';
import { validateOptions } from '../config/validateOptions.js';
import type { NdArray } from '../contracts/NdArray.js';
import { mulberry32 } from '../random/mulberry32.js';
import { explainContext } from './explainContext.js';
import { expectDeclared, expectRefused } from './optionsChecks.js';

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
}

/** A seeded uniform(-1, 1) batch [n, h, w, c] (mulberry32), the same on every engine. */
export function randomBatch(shape: [number, number, number, number], seed = 7): NdArray {
  const next = mulberry32(seed);
  const data = new Float32Array(shape.reduce((x, y) => x * y, 1));
  for (let i = 0; i < data.length; i++) data[i] = next() * 2 - 1;
  return { data, shape: [...shape] };
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

/** One check of the explainer contract: throws (an assertion error) when the explainer breaks it. */
export interface ConformanceCheck {
  name: string;
  run: () => Promise<void>;
}

const check = (name: string, run: () => void | Promise<void>): ConformanceCheck => ({ name, run: async () => run() });

/** The checks of `explainerConformance`, to run outside vitest's describe (e.g. to show a broken explainer fails them). */
export function explainerChecks(explainer: Explainer<any>, setup: ExplainerConformanceSetup): ConformanceCheck[] {
  const batch = setup.batch ?? 2;
  const perInput = setup.targetsPerInput ?? 2;

  async function context(signal = new AbortController().signal): Promise<{ ctx: ExplainContext<any>; h: number; w: number }> {
    const model = await setup.model();
    const [h, w, c] = model.inputShape;
    if (h === null || w === null) throw new Error('explainerConformance needs a model with a fixed input size');
    const input = randomBatch([batch, h, w, c]);
    const options = validateOptions(explainer, setup.options ?? {});
    const ctx = await explainContext<any>(model, input, { options, topK: perInput, signal, label: (i) => `class ${i}` });
    return { ctx, h, w };
  }

  return [
    check('declares an id, a description, an object options schema and defaults that the schema accepts', () => expectDeclared(explainer)),
    check('refuses invalid options with a message naming the explainer', () => {
      expectRefused(explainer, setup.invalidOptions);
      expect(() => validateOptions(explainer, { notAnOptionOfAnyExplainer: 1 })).toThrow(/unknown key "notAnOptionOfAnyExplainer"/);
    }),
    check('returns one explanation per (input, target), in order, with maps of the right shapes and finite values', async () => {
      const { ctx, h, w } = await context();
      const copy = Float32Array.from(ctx.input.data);
      const out = await explainer.explain(ctx);
      expect(Array.from(ctx.input.data), 'the input batch is left as it was given').toEqual(Array.from(copy));
      const expected = ctx.targets.flatMap((t, i) => t.map((c) => [i, c]));
      expect(
        out.map((e) => [e.inputIndex, e.target.classIndex]),
        'one explanation per (input, target), by input then target',
      ).toEqual(expected);
      for (const e of out) {
        expect(e.method).toBe(explainer.id);
        expect(Number.isFinite(e.target.score)).toBe(true);
        expect(e.heatmap.shape).toEqual([h, w]);
        checkMap('raw', e.raw);
        checkMap('heatmap', e.heatmap);
        for (const [name, m] of Object.entries(e.extras ?? {})) checkMap(`extras.${name}`, m);
      }
    }),
    check('stops with an AbortError when the signal is already aborted, leaking nothing', async () => {
      const controller = new AbortController();
      controller.abort();
      const { ctx } = await context(controller.signal);
      const before = ctx.model.memory();
      await expect(explainer.explain(ctx)).rejects.toMatchObject({ name: 'AbortError' });
      expect(ctx.model.memory()).toEqual(before);
    }),
    check("leaves the model's memory() unchanged after every run", async () => {
      const { ctx } = await context();
      await explainer.explain(ctx); // warm-up: lazily built things (sessions, caches) may allocate once
      const before = ctx.model.memory();
      for (let r = 0; r < (setup.runs ?? 5); r++) {
        await explainer.explain(ctx);
        expect(ctx.model.memory(), `after run ${r + 1}`).toEqual(before);
      }
    }),
  ];
}

/**
 * The contract every explainer must meet, as vitest tests. Call it at the top level of a test file:
 *
 * ```ts
 * explainerConformance(myExplainer, { model: () => tinyModel(), invalidOptions: [{ samples: -1 }] });
 * ```
 * Checks: one explanation per (input, target) in order; heatmaps at the model's input size; every map's
 * data matches its shape and range and is finite; options are validated by the schema; an aborted
 * signal stops the run; the input is not changed; the model's `memory()` is unchanged after each of several runs.
 */
export function explainerConformance(explainer: Explainer<any>, setup: ExplainerConformanceSetup): void {
  describe(`explainer conformance: ${explainer.id}`, () => {
    for (const c of explainerChecks(explainer, setup)) it(c.name, c.run);
  });
}
