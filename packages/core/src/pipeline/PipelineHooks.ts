import type { ProgressReporter } from '../contracts/ProgressEvent.js';
import type { InputReport } from '../contracts/RunReport.js';

export type LogLevel = 'info' | 'verbose' | 'warn';

/** How a pipeline talks to whoever runs it (the CLI's progress bar and log, or a library user). */
export interface PipelineHooks {
  progress?: ProgressReporter;
  log?: (level: LogLevel, message: string) => void;
  /**
   * Stops the run between units of work: what is complete (inputs whose files and record are written)
   * is kept, the input in progress is dropped, the summary is written for what is complete.
   */
  signal?: AbortSignal;
  /**
   * Called with each input's full report (pixels and maps) once it is explained, before its files are
   * rendered. The pipeline keeps nothing after that: a caller who wants the maps in memory collects them here.
   */
  onInput?: (input: InputReport) => void;
}
