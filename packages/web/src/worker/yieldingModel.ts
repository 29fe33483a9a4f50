import type { GradientRequest, GradientResult, NdArray, VisorModel } from '@visor/core';

const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();

/**
 * Resolves in a new task (not a microtask), so messages queued for the worker (a cancel) are handled first.
 * A MessageChannel rather than setTimeout: no 4 ms clamping.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

/**
 * The model with a task boundary before every forward and backward pass. tfjs on wasm computes
 * synchronously and its promises resolve as microtasks, so without this a long method (occlusion, metrics)
 * would never let the worker read the page's cancel message; with it, the run's AbortSignal is set between
 * two passes and the method stops at its next check. Everything else is the model's own.
 */
export function yieldingModel(model: VisorModel): VisorModel {
  const yielding: Pick<VisorModel, 'run' | 'gradients' | 'withRandomWeights'> = {
    async run(x: NdArray, outputs: string[]): Promise<NdArray[]> {
      await nextTask();
      return model.run(x, outputs);
    },
    async gradients(x: NdArray, request: GradientRequest): Promise<GradientResult> {
      await nextTask();
      return model.gradients(x, request);
    },
    async withRandomWeights(layerNames: string[], seed: number): Promise<VisorModel> {
      return yieldingModel(await model.withRandomWeights(layerNames, seed));
    },
  };
  // The rest is the model's own: its properties read through, its methods called on it.
  return new Proxy(model, {
    get(target, key) {
      if (key === 'run' || key === 'gradients' || key === 'withRandomWeights') return yielding[key];
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
