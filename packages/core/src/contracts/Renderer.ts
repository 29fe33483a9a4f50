import type { JsonSchema } from './JsonSchema.js';
import type { ProgressReporter } from './ProgressEvent.js';
import type { InputReport, RunInfo, RunReport, RunSummary } from './RunReport.js';

/** What a renderer gets besides the report. */
export interface RenderContext<O = Record<string, unknown>> {
  options: O;
  /** The output folder (absolute). Write through `write`, never directly. */
  outDir: string;
  /**
   * Stages a file at a path relative to `outDir`. Files are committed (renamed into place) only
   * when the call that wrote them resolves; if it throws, nothing it staged is left behind. Paths that
   * would escape `outDir` are refused.
   */
  write(relativePath: string, data: Uint8Array | string): Promise<void>;
  progress: ProgressReporter;
  signal: AbortSignal;
}

/** A written file, as reported back to the user. */
export interface Artifact {
  path: string;
  bytes: number;
}

/**
 * Turns a run's explanations into files.
 *
 * A streaming renderer (every first-party one) implements `renderInput` and/or `renderSummary`: the
 * pipeline calls `renderInput` for each input as soon as its batch is explained (that input's files,
 * committed with it and recorded in the run's manifest, so they survive an interruption and are skipped
 * by `--resume`), then `renderSummary` once at the end with the numbers of every completed input (no
 * pixels): indexes, tables, plots. Memory then does not grow with the number of inputs.
 *
 * `render` takes the whole run in memory. A renderer with only `render` (the API before streaming) still
 * works: the pipeline then keeps every input until the end for it, and on `--resume` it sees only the
 * inputs explained in that session. Streaming renderers get `render` from `streamingRenderer` (core),
 * which calls `renderInput` per input, then `renderSummary`.
 */
export interface Renderer<O = Record<string, unknown>> {
  id: string;
  description: string;
  optionsSchema: JsonSchema;
  defaults: O;
  /** The files of one input (paths should start with or contain its stem so inputs never collide). */
  renderInput?(input: InputReport, run: RunInfo, ctx: RenderContext<O>): Promise<void>;
  /** The run-level files, from every completed input's summary. */
  renderSummary?(summary: RunSummary, ctx: RenderContext<O>): Promise<void>;
  /** The whole run at once. */
  render(report: RunReport, ctx: RenderContext<O>): Promise<void>;
}
