import type { Renderer } from '../contracts/Renderer.js';
import { summarizeReport } from '../pipeline/summarizeRun.js';

/**
 * A streaming renderer (`renderInput` and/or `renderSummary`) completed with the whole-run `render`
 * that the contract still requires: it renders every input, then the summary of the report. The pipeline
 * calls the streaming parts itself; `render` serves callers that hold a whole RunReport (tests, tools).
 */
export function streamingRenderer<O>(spec: Omit<Renderer<O>, 'render'>): Renderer<O> {
  return {
    ...spec,
    async render(report, ctx) {
      const { inputs, failures: _failures, ...info } = report;
      if (spec.renderInput) {
        for (const input of inputs) {
          ctx.signal.throwIfAborted();
          await spec.renderInput(input, info, ctx);
        }
      }
      if (spec.renderSummary) await spec.renderSummary(summarizeReport(report), ctx);
    },
  };
}
