import type { RunSummary } from '../contracts/RunReport.js';

/** What a pipeline run did. */
export interface RunOutcome {
  /** Every completed input's numbers (from this session and, when resumed, earlier ones), the failures and the metric table. */
  summary: RunSummary;
  /** Inputs explained in this session. */
  explained: number;
  /** Inputs skipped because an earlier session completed them and their files still match (`resume`). */
  skipped: number;
  /** Files committed in this session. */
  written: number;
  /** Renderers that failed (on some input, or on the summary); what they had staged was discarded. */
  rendererErrors: { id: string; message: string }[];
  /** The run was stopped by its signal: complete inputs and the summary of them were kept. */
  interrupted: boolean;
  /** 0 when every input was explained and rendered; 1 when some input or renderer failed; 130 when interrupted. */
  exitCode: 0 | 1 | 130;
}
