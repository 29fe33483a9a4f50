import type { InputTask, PipelineHooks, RunManifest } from '@visor/core';

/**
 * What a resumed run still has to do: every task whose record is missing or no longer checks out (input
 * changed, a file missing or different), after removing temporary files of dead processes. The same rule
 * as `Pipeline.run({ resume: true })`.
 */
export async function pendingTasks(manifest: RunManifest, tasks: InputTask[], hooks: PipelineHooks = {}): Promise<{ pending: InputTask[]; skipped: number }> {
  const removed = await manifest.removeStaleTemps();
  if (removed) hooks.log?.('verbose', `removed ${removed} temporary file(s) left by an interrupted run`);
  const pending: InputTask[] = [];
  let skipped = 0;
  for (const task of tasks) {
    const record = await manifest.read(task);
    const problem = record ? await manifest.check(record) : 'not recorded';
    if (problem === null) skipped++;
    else {
      if (record) hooks.log?.('verbose', `redoing ${task.path}: ${problem}`);
      pending.push(task);
    }
  }
  return { pending, skipped };
}
