import {
  targetPairs,
  validateOptions,
  type Explainer,
  type ExplainContext,
  type Explanation,
  type JsonSchema,
  type ScoreKind,
  type TargetPair,
} from '@visor/core';

/** One pair's explanation without what the scaffolding fills in (method, input index, target). */
export type PairExplanation = Omit<Explanation, 'method' | 'inputIndex' | 'target'>;

export interface PairExplainerSpec<O extends { score: ScoreKind }> {
  id: string;
  description: string;
  optionsSchema: JsonSchema;
  defaults: O;
  /**
   * The maps of every (input, target) pair, in the order of `pairs`. Called only with at least one
   * pair, after progress 0/n was reported.
   */
  explainPairs(ctx: ExplainContext<O>, options: O, pairs: TargetPair[]): Promise<PairExplanation[]>;
}

/**
 * The scaffolding the guided-bp explainers share: abort check, options checked against the schema
 * with its defaults filled in, targets turned into (input, class) pairs, progress at the start
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
      // Direct callers of explain may pass partial options: the one schema checks them and fills the defaults.
      const options = validateOptions(explainer, ctx.options);
      const pairs = targetPairs(ctx.targets, ctx.input.shape[0]!, ctx.model.numClasses, id);
      if (pairs.length === 0) return [];
      ctx.progress({ stage: id, done: 0, total: pairs.length });
      const explained = await spec.explainPairs(ctx, options, pairs);
      const scores = options.score === 'probability' ? ctx.predictions.probabilities : ctx.predictions.logits;
      const out = pairs.map((pair, i): Explanation => ({
        method: id,
        inputIndex: pair.inputIndex,
        target: {
          classIndex: pair.classIndex,
          label: ctx.label(pair.classIndex),
          score: scores[pair.inputIndex]![pair.classIndex]!,
          scoreKind: options.score,
        },
        ...explained[i]!,
      }));
      ctx.progress({ stage: id, done: pairs.length, total: pairs.length });
      return out;
    },
  };
  return explainer;
}
