import type { JsonSchema } from './JsonSchema.js';
import type { ProgressReporter } from './ProgressEvent.js';
import type { RunReport } from './RunReport.js';

/** What a renderer gets besides the report. */
export interface RenderContext<O = Record<string, unknown>> {
  options: O;
  /** The output folder (absolute). Write through `write`, never directly. */
  outDir: string;
  /**
   * Stages a file at a path relative to `outDir`. Files are committed (renamed into place) only
   * when `render` resolves; if it throws, nothing it staged is left behind. Paths that would
   * escape `outDir` are refused.
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

/** Turns a run's explanations into files. */
export interface Renderer<O = Record<string, unknown>> {
  id: string;
  description: string;
  optionsSchema: JsonSchema;
  defaults: O;
  render(report: RunReport, ctx: RenderContext<O>): Promise<void>;
}
