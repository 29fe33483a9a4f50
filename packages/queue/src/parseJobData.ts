import { isAbsolute } from 'node:path';
import type { QueueJobData } from './QueueRun.js';

/**
 * A job that can never succeed (its data is not a Visor job). Named `UnrecoverableError`, which BullMQ
 * takes as "fail now, do not retry" (by name, so it survives the sandbox's error cloning).
 */
export class MalformedJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnrecoverableError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a job's data field by field; a MalformedJobError names the first bad field and its value. */
export function parseJobData(data: unknown): QueueJobData {
  const bad = (field: string, value: unknown, expected: string) =>
    new MalformedJobError(`malformed job: ${field} is ${JSON.stringify(value) ?? String(value)}, expected ${expected}`);
  if (!isObject(data)) throw bad('its data', data, 'an object { run, model, task } (enqueue jobs with visor run --queue)');
  const { run, model, task } = data;
  if (!isObject(run)) throw bad('run', run, 'the run object written by visor run --queue');
  if (run.schema !== 'visor/queue-run@1') throw bad('run.schema', run.schema, '"visor/queue-run@1"');
  if (typeof run.id !== 'string' || !run.id) throw bad('run.id', run.id, 'a non-empty string');
  if (typeof run.config !== 'string' || !isAbsolute(run.config)) throw bad('run.config', run.config, 'the absolute path of the config');
  if (run.out !== null && (typeof run.out !== 'string' || !isAbsolute(run.out))) throw bad('run.out', run.out, 'null or an absolute path');
  if (model !== null && (typeof model !== 'string' || !model)) throw bad('model', model, "null or the name of one of the config's models");
  if (!isObject(task)) throw bad('task', task, 'an object { index, path, stem }');
  if (!Number.isInteger(task.index) || (task.index as number) < 0) throw bad('task.index', task.index, 'an integer ≥ 0');
  if (typeof task.path !== 'string' || !isAbsolute(task.path)) throw bad('task.path', task.path, "the input's absolute path");
  if (typeof task.stem !== 'string' || !/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(task.stem))
    throw bad('task.stem', task.stem, 'a file name stem of A-Z a-z 0-9 . _ - (not starting with .)');
  return data as unknown as QueueJobData;
}
