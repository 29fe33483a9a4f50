import { targetPairs, type Explainer, type ExplainContext, type Explanation, type JsonSchema, type ScoreKind, type TargetPair } from '@visor/core';
import { resolveOptions } from './resolveOptions.js';

/** One pair's explanation without what the scaffolding fills in (method, input index, target). */
export type PairExplanation = Omit<Explanation, 'method' | 'inputIndex' | 'target'>;

export interface PairExplainerSpec<O extends { score: ScoreKind }> {
  id: string;
  description: string;
  optionsSchema: JsonSchema;
  defaults: O;
  /** Enum options and their accepted values, checked for direct callers of `explain`. */
  accepted: { [K in keyof O]?: readonly unknown[] };
  /**
   * The maps of every (input, target) pair, in the order of `pairs`. Called only with at least one
   * pair, after progress 0/n was reported.
   */
  explainPairs(ctx: ExplainContext<O>, options: O, pairs: TargetPair[]): Promise<PairExplanation[]>;
}

/**
 * The scaffolding the guided-bp explainers share: abort check, options resolved (defaults, unknown
 * keys and bad enum values refused), targets turned into (input, class) pairs, progress at the start
 * and the end, and each explanation's method, input index and target (label, and score from the
 * shared predictions in the `score` kind of the options).
 */
export function pairExplainer<O extends { score: ScoreKind }>(spec: PairExplainerSpec<O>): Explainer<O> {
  const { id } = spec;
  const explainer: Explainer<O> = {
    id,
    description: spec.description,
    optionsSchema: spec.optionsSchema,
    defaults: spec.defaults,
    async explain(ctx): Promise<Explanation[]> {
      ctx.signal.throwIfAborted();
      const options = resolveOptions(explainer, ctx.options, spec.accepted);
      const pairs = targetPairs(ctx.targets, ctx.input.shape[0], ctx.model.numClasses, id);
      if (pairs.length === 0) return [];
      ctx.progress({ stage: id, done: 0, total: pairs.length });
      const explained = await spec.explainPairs(ctx, options, pairs);
      const scores = options.score === 'probability' ? ctx.predictions.probabilities : ctx.predictions.logits;
      const out = pairs.map(
        (pair, i): Explanation => ({
          method: id,
          inputIndex: pair.inputIndex,
          target: {
            classIndex: pair.classIndex,
            label: ctx.label(pair.classIndex),
            score: scores[pair.inputIndex][pair.classIndex],
            scoreKind: options.score,
          },
          ...explained[i],
        }),
      );
      ctx.progress({ stage: id, done: pairs.length, total: pairs.length });
      return out;
    },
  };
  return explainer;
}
