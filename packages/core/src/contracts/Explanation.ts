import type { ExplanationMap } from './ExplanationMap.js';
import type { ScoreKind } from './ScoreKind.js';

/** The class an explanation is about, with the score the model gave it (computed once by the pipeline). */
export interface ExplanationTarget {
  classIndex: number;
  label?: string;
  /** The score of `scoreKind` for this class on the unmodified input. */
  score: number;
  scoreKind: ScoreKind;
}

/** What an explainer returns for one (input, target class) pair. */
export interface Explanation {
  /** The explainer id that produced it (`cam`, `grad-cam`, `occlusion`, …). */
  method: string;
  /** Index of the input in the batch the explainer was given. */
  inputIndex: number;
  target: ExplanationTarget;
  /** The layer the method used, when it uses one. */
  layer?: string;
  /** The options the method ran with (validated, defaults applied). */
  options: Record<string, unknown>;
  /** The method's own result at its native resolution (feature map, window grid, H×W×C attribution). */
  raw: ExplanationMap;
  /** A 2-D map [H, W] at the model's input resolution, what renderers overlay on the image. */
  heatmap: ExplanationMap;
  /** Further named maps (e.g. `maxAbs`, `l2`, `reconstruction`, `patchPreview`). */
  extras?: Record<string, ExplanationMap>;
  /** Named numbers worth reporting (e.g. `baselineScore`, `windows`). */
  stats?: Record<string, number>;
}
