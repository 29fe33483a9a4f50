import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tf } from '../tf.js';
import { expect } from 'vitest';

/** test/fixtures/keras (see its README for how and after which Keras code the files were written). */
export const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/keras/', import.meta.url));
export const fixture = (name: string) => join(FIXTURES, name);

export interface ExpectedModel {
  inputShape: number[];
  input: number[];
  outputShape: number[];
  /** Computed in float64 numpy from the layer definitions by make_keras_fixtures.py. */
  output: number[];
  /** The nested model's backbone weights by tfjs name, flattened row-major. */
  weights?: Record<string, number[]>;
}

export const EXPECTED = JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as Record<string, ExpectedModel>;

/** Runs the model on the fixture's inputs (cpu backend) and returns the outputs, flattened. */
export function predictFlat(model: tf.LayersModel, e: ExpectedModel): { shape: number[]; values: number[] } {
  const x = tf.tensor(e.input, e.inputShape);
  const y = model.predict(x) as tf.Tensor;
  const out = { shape: y.shape, values: Array.from(y.dataSync()) };
  tf.dispose([x, y]);
  return out;
}

/** Every value within `rel` of the reference, relative to the reference's magnitude. */
export function expectRelClose(actual: ArrayLike<number>, reference: ArrayLike<number>, rel = 1e-5): void {
  expect(actual.length).toBe(reference.length);
  let worst = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = Math.abs(actual[i]! - reference[i]!) / Math.max(Math.abs(reference[i]!), 1e-12);
    worst = Math.max(worst, r);
  }
  expect(worst).toBeLessThanOrEqual(rel);
}
