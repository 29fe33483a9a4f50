import type { GradientRequest, GradientResult, NdArray, VisorModel } from '@visor/core';

/**
 * The model with `gradients` answered once per distinct request: the same input array (by identity), `wrt`,
 * score, rewrite id and seeds give a copy of the first answer. For the slow reference side of a comparison
 * (tfjs cpu), where Grad-CAM, Grad-CAM++ and Guided Grad-CAM ask for the same layer gradient and guided
 * backprop and Guided Grad-CAM for the same guided input gradient. Everything else is the model's own.
 */
export function memoizedGradients(model: VisorModel): VisorModel {
  const ids = new WeakMap<NdArray, number>();
  const answers = new Map<string, GradientResult>();
  let nextId = 0;
  const copy = (a: NdArray): NdArray => ({ data: a.data.slice(), shape: [...a.shape] });
  const gradients = async (x: NdArray, request: GradientRequest): Promise<GradientResult> => {
    if (!ids.has(x)) ids.set(x, nextId++);
    const key = JSON.stringify([ids.get(x), request.wrt, request.score, request.rewrite?.id ?? null, request.seeds.map((s) => Array.from(s))]);
    let answer = answers.get(key);
    if (!answer) {
      answer = await model.gradients(x, request);
      answers.set(key, answer);
    }
    return { value: copy(answer.value), gradients: answer.gradients.map(copy), scores: copy(answer.scores) };
  };
  return new Proxy(model, {
    get(target, prop) {
      if (prop === 'gradients') return gradients;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
