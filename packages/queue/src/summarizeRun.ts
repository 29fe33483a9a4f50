import { RunManifest, VisorError, writeSummary, type InputTask, type PipelineHooks, type Registry, type ResolvedConfig, type RunSummary } from '@visor/core';

/** One model's summary step. */
export interface ModelSummary {
  name: string | null;
  out: string;
  summary: RunSummary;
  /** Files the summary step wrote. */
  written: number;
  rendererErrors: { id: string; message: string }[];
  /** Temporary files of dead processes that were removed first. */
  removedTemps: number;
}

/**
 * The summary step of a run whose inputs were explained elsewhere (queue workers): per model, removes the
 * temporary files dead processes left in its output folder, then writes the run's tables and every
 * renderer's run-level files from the records alone (`writeSummary`). Needs no model. `models` gives each
 * model's output folder and input list (as enqueued).
 */
export async function summarizeRun(
  registry: Registry,
  config: ResolvedConfig,
  models: { name: string | null; out: string; tasks: InputTask[] }[],
  hooks: PipelineHooks = {},
): Promise<ModelSummary[]> {
  const renderers = config.renderers.map((c) => ({ ...c, renderer: registry.renderer(c.id) }));
  for (const r of renderers) {
    if (!r.renderer.renderInput && !r.renderer.renderSummary) {
      hooks.log?.('warn', `renderer ${r.id} only takes a whole run in memory: run from a queue it gets no inputs (use a streaming renderer)`);
    }
  }
  const out: ModelSummary[] = [];
  for (const m of models) {
    const manifest = new RunManifest(m.out);
    const recorded = await manifest.readRun();
    if (!recorded) {
      throw new VisorError(`nothing to summarize in ${m.out}: it has no run record (.visor/run.json)`, {
        code: 'usage',
        file: m.out,
        hint: 'Start the run first (visor run, or visor run --queue), or give the output folder it wrote to (--out).',
      });
    }
    const removedTemps = await manifest.removeStaleTemps();
    if (removedTemps) hooks.log?.('verbose', `removed ${removedTemps} temporary file(s) left by stopped processes in ${m.out}`);
    const { summary, written, rendererErrors } = await writeSummary({ outDir: m.out, info: recorded.info, tasks: m.tasks, manifest, renderers, hooks });
    out.push({ name: m.name, out: m.out, summary, written, rendererErrors, removedTemps });
  }
  return out;
}
