import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_DIR, parseRecordJson, type InputRecord } from '@visor/core';
import type { QueueRun } from './QueueRun.js';
import { RunQueue, type FailedJob, type JobCounts } from './RunQueue.js';

/** What the records of one model's output folder say. */
export interface RecordedProgress {
  name: string | null;
  out: string;
  /** Inputs of the model (as enqueued). */
  inputs: number;
  done: number;
  failed: { path: string; message: string }[];
  /** Why the records could not be read (the output folder is not visible from here), if so. */
  unreadable?: string;
}

export interface QueueStatus {
  queue: string;
  url: string;
  run: QueueRun | null;
  counts: JobCounts;
  /** No job waiting, running or delayed. */
  drained: boolean;
  /** Jobs that failed for good, with BullMQ's reason (newest first, at most 100). */
  failedJobs: FailedJob[];
  /** Per model, from the manifest records in its output folder. */
  recorded: RecordedProgress[];
}

async function readProgress(m: QueueRun['models'][number]): Promise<RecordedProgress> {
  const dir = join(m.out, MANIFEST_DIR, 'inputs');
  const progress: RecordedProgress = { name: m.name, out: m.out, inputs: m.inputs, done: 0, failed: [] };
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return progress; // nothing recorded yet
    return { ...progress, unreadable: (e as Error).message };
  }
  for (const name of names) {
    try {
      const record = parseRecordJson<InputRecord>(await readFile(join(dir, name), 'utf8'));
      if (record.status === 'done') progress.done++;
      else progress.failed.push({ path: record.path, message: record.message ?? 'failed' });
    } catch {
      // A record replaced while we read it: counted at the next look.
    }
  }
  progress.failed.sort((a, b) => a.path.localeCompare(b.path));
  return progress;
}

/** The queue's counts and failures, and per model what its output folder has recorded. */
export async function queueStatus(queue: RunQueue): Promise<QueueStatus> {
  const [run, counts, failedJobs] = await Promise.all([queue.readRun(), queue.counts(), queue.failures(100)]);
  const recorded = run ? await Promise.all(run.models.map(readProgress)) : [];
  return { queue: queue.name, url: queue.address.display, run, counts, drained: RunQueue.unfinished(counts) === 0, failedJobs, recorded };
}

/** `visor status` as text: the run, the job counts, what is recorded, every failure with its message. */
export function formatQueueStatus(s: QueueStatus): string {
  const lines: string[] = [];
  const c = s.counts;
  if (!s.run) {
    lines.push(`queue "${s.queue}" at ${s.url}: no Visor run (start one with visor run --queue ${s.url} <config>)`);
    if (RunQueue.unfinished(c) + c.completed + c.failed === 0) return lines.join('\n');
  } else {
    lines.push(`queue "${s.queue}" at ${s.url}: run of ${s.run.config}${s.run.out ? ` → ${s.run.out}` : ''} (enqueued ${s.run.enqueuedAt})`);
  }
  const total = RunQueue.unfinished(c) + c.completed + c.failed;
  lines.push(
    `jobs: ${total} — ${c.waiting + c.prioritized} waiting, ${c.active} active, ${c.delayed} delayed (retry back-off), ${c.completed} completed, ${c.failed} failed` +
      (s.drained ? ' — drained' : ''),
  );
  for (const r of s.recorded) {
    const tag = r.name ? `${r.name}: ` : '';
    if (r.unreadable) lines.push(`${tag}records in ${r.out} cannot be read here: ${r.unreadable}`);
    else lines.push(`${tag}recorded ${r.done + r.failed.length} of ${r.inputs} input(s) in ${r.out}: ${r.done} done, ${r.failed.length} failed`);
  }
  const inputFailures = s.recorded.flatMap((r) => r.failed.map((f) => ({ ...f, tag: r.name ? `[${r.name}] ` : '' })));
  if (inputFailures.length) {
    lines.push('failed inputs:');
    for (const f of inputFailures) lines.push(`  ${f.tag}${f.path}: ${f.message}`);
  }
  if (s.failedJobs.length) {
    lines.push('failed jobs:');
    for (const j of s.failedJobs) lines.push(`  ${j.id}${j.path ? ` (${j.path})` : ''} after ${j.attempts} attempt(s): ${j.message}`);
  }
  return lines.join('\n');
}
