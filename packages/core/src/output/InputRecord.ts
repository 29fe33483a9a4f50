import type { InputSummary, RunInfo } from '../contracts/RunReport.js';
import type { StagedFile } from './OutputStage.js';

/**
 * The manifest's record of one input (`out/.visor/inputs/<stem>.json`), written atomically once every
 * renderer's files for the input are in place. `done` with its files (sizes and SHA-256) and its summary;
 * `failed` with the reason. A resumed run skips a `done` input whose files still match.
 */
export interface InputRecord {
  schema: 'visor/input-record@1';
  /** Position of the input in the run's input list. */
  index: number;
  path: string;
  stem: string;
  /** The input file when it was explained (size, modification time in ms), to notice an input changed since. */
  source: { bytes: number; mtimeMs: number } | null;
  status: 'done' | 'failed';
  /** Why the input failed (status `failed`). */
  message?: string;
  /** Its numbers for the run's summary (status `done`). */
  summary?: InputSummary;
  /** Every file the renderers wrote for it, relative to the output folder. */
  files: StagedFile[];
}

/** The manifest's record of the run (`out/.visor/run.json`): what must not change for `--resume`, and the run's facts. */
export interface RunRecord {
  schema: 'visor/run@1';
  /** The settings the outputs depend on; `--resume` refuses a config whose fingerprint differs. */
  fingerprint: Record<string, unknown>;
  info: RunInfo;
}

/** One input of a run: its position in the input list, its file and its output stem (unique in the run). */
export interface InputTask {
  index: number;
  path: string;
  stem: string;
}
