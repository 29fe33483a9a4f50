import type { RunReport } from '../contracts/RunReport.js';

/** What a pipeline run did. */
export interface RunOutcome {
  report: RunReport;
  /** Files written (absolute paths), all committed. */
  written: string[];
  /** Renderers that failed; what they had staged was discarded. */
  rendererErrors: { id: string; message: string }[];
  /** 0 when every input was explained and rendered; 1 when some input or renderer failed. */
  exitCode: 0 | 1;
}
