import type { ProgressReporter } from '../contracts/ProgressEvent.js';

export type LogLevel = 'info' | 'verbose' | 'warn';

/** How a pipeline talks to whoever runs it (the CLI's progress bar and log, or a library user). */
export interface PipelineHooks {
  progress?: ProgressReporter;
  log?: (level: LogLevel, message: string) => void;
  /** Stops the run between units of work; nothing is written after an abort. */
  signal?: AbortSignal;
}
