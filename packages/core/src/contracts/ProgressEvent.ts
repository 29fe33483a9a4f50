/** Progress of a long step (occlusion windows, inputs): the CLI turns these into a progress bar. */
export interface ProgressEvent {
  /** What is progressing, e.g. `occlusion` or `inputs`. */
  stage: string;
  done: number;
  total: number;
  message?: string;
}

export type ProgressReporter = (event: ProgressEvent) => void;
