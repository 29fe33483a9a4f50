import { tf } from '../tf.js';
import { VisorError } from '@visor/core';
import type { ZooOptions } from './ZooOptions.js';

type Initializer = ReturnType<typeof tf.initializers.glorotUniform>;

export interface ZooSetup {
  inputShape: [number, number, number];
  classes: number;
  /** Kernel initializer for the next layer: glorot-uniform (the Keras default), seeded per layer when a seed is given. */
  kernel: () => { kernelInitializer?: Initializer; depthwiseInitializer?: Initializer };
}

/** Validates zoo options (naming the architecture) and returns the resolved values. */
export function zooSetup(arch: string, opts: ZooOptions = {}, minSize = 32): ZooSetup {
  const inputShape = opts.inputShape ?? [224, 224, 3];
  const classes = opts.classes ?? 1000;
  const bad = (what: string, value: unknown, accepted: string): never => {
    throw new VisorError(`${arch}: ${what} ${JSON.stringify(value)} is not valid; accepted: ${accepted}`, { code: 'usage' });
  };
  if (!Array.isArray(inputShape) || inputShape.length !== 3 || !inputShape.every((d) => Number.isInteger(d) && d > 0)) {
    bad('inputShape', inputShape, '[height, width, channels] of positive integers');
  }
  if (inputShape[0] < minSize || inputShape[1] < minSize) {
    bad('inputShape', inputShape, `height and width of at least ${minSize}`);
  }
  if (!Number.isInteger(classes) || classes < 1) bad('classes', classes, 'a positive integer');
  if (opts.seed !== undefined && !Number.isInteger(opts.seed)) bad('seed', opts.seed, 'an integer');
  let n = 0;
  const kernel = () => {
    if (opts.seed === undefined) return {};
    const init = tf.initializers.glorotUniform({ seed: opts.seed + 7919 * n++ });
    return { kernelInitializer: init, depthwiseInitializer: init };
  };
  return { inputShape, classes, kernel };
}
