import type { InputFailure, InputReport, InputSummary, RunInfo, RunSummary } from '../contracts/RunReport.js';
import { isVisorError } from '../errors/VisorError.js';
import type { InputTask } from '../output/InputRecord.js';
import { OutputStage } from '../output/OutputStage.js';
import type { RunManifest } from '../output/RunManifest.js';
import { metricCurvesCsv, metricsCsv, resultsCsv, resultsJsonl } from '../output/runTables.js';
import type { PipelineHooks } from './PipelineHooks.js';
import { isStreaming, type RunRenderer } from './RunSession.js';
import { summarizeRun } from './summarizeRun.js';

export interface SummaryOptions {
  outDir: string;
  info: RunInfo;
  /** The run's inputs in order; those with a record are in the summary. */
  tasks: InputTask[];
  manifest: RunManifest;
  renderers: RunRenderer[];
  /** Inputs explained in this session, for renderers that only take a whole run. */
  legacyInputs?: InputReport[];
  hooks?: PipelineHooks;
}

export interface SummaryOutcome {
  summary: RunSummary;
  /** Files committed by the summary step. */
  written: number;
  rendererErrors: { id: string; message: string }[];
}

/**
 * The summary step, from the manifest alone (no model, no pixels): reads every input's record in input
 * order, then writes the run's tables (`results.jsonl`, `results.csv`, and with metrics `metrics.csv` and
 * `metric-curves.csv`) and each renderer's run-level files (`renderSummary`; `render` with this session's
 * inputs for renderers that only take a whole run). Each renderer's files are committed together or not at
 * all. It runs at the end of a run, after an interruption (for what is complete), and — for a queue —
 * when the queue drains.
 */
export async function writeSummary(o: SummaryOptions): Promise<SummaryOutcome> {
  const inputs: InputSummary[] = [];
  const failures: InputFailure[] = [];
  for (const task of o.tasks) {
    const record = await o.manifest.read(task);
    if (!record) continue;
    if (record.summary) inputs.push(record.summary);
    if (record.status === 'failed') failures.push({ path: record.path, message: record.message ?? 'failed' });
  }
  const summary = summarizeRun(o.info, inputs, failures, o.tasks.length);
  let written = 0;
  const rendererErrors: { id: string; message: string }[] = [];
  const signal = new AbortController().signal; // the summary is written even after an interruption
  const attempt = async (id: string, work: (stage: OutputStage) => Promise<void>) => {
    const stage = new OutputStage(o.outDir);
    try {
      await work(stage);
      written += (await stage.commit()).length;
    } catch (e) {
      await stage.discard();
      if (isVisorError(e) && e.code === 'aborted') throw e;
      const message = (e as Error)?.message ?? String(e);
      rendererErrors.push({ id, message });
      o.hooks?.log?.('warn', `renderer ${id} failed on the summary, its files were discarded: ${message}`);
    }
  };
  await attempt('tables', async (stage) => {
    await stage.write('results.jsonl', resultsJsonl(summary));
    await stage.write('results.csv', resultsCsv(summary));
    if (summary.metricTable.length) {
      await stage.write('metrics.csv', metricsCsv(summary));
      await stage.write('metric-curves.csv', metricCurvesCsv(summary));
    }
  });
  for (const { id, options, renderer } of o.renderers) {
    const ctx = (stage: OutputStage) => ({
      options,
      outDir: o.outDir,
      write: (p: string, d: Uint8Array | string) => stage.write(p, d),
      progress: (e: Parameters<NonNullable<PipelineHooks['progress']>>[0]) => o.hooks?.progress?.(e),
      signal,
    });
    if (isStreaming(renderer)) {
      if (renderer.renderSummary) await attempt(id, (stage) => renderer.renderSummary!(summary, ctx(stage)));
    } else {
      const { metricTable: _t, metricCurves: _c, inputs: _i, total: _n, ...info } = summary;
      await attempt(id, (stage) => renderer.render({ ...info, inputs: o.legacyInputs ?? [], failures }, ctx(stage)));
    }
  }
  return { summary, written, rendererErrors };
}
