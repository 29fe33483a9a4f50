import type { MessagePort } from 'node:worker_threads';
import type { ProgressEvent } from '../contracts/ProgressEvent.js';

/** What every worker of a pool is started with (`workerData`): it loads the backend, the model and the plugins ONCE. */
export interface WorkerInit {
  /** Path to the model file each worker loads with `loadModel`. */
  modelPath: string;
  /** The backend the main thread's model runs on (not `auto`: every worker runs the same). */
  backend: string;
  outputActivation?: 'auto' | 'softmax' | 'sigmoid' | 'linear';
  threads?: number;
  inputSize?: [number, number];
  /** Plugins to load in the worker (by npm name or path, resolved against `baseDir`): the engines that load the model and the explainers of `explain` tasks. */
  plugins?: { spec: string; baseDir: string }[];
  /** Class labels for `explain` tasks (index → label); missing entries fall back to `class <i>`. */
  labels?: string[];
  /** Enables the `__test` task kind (crash on purpose, echo). Never set outside tests. */
  testHooks?: boolean;
}

/** Error details as they cross the thread boundary (Error objects lose their class when cloned). */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  stack?: string;
}

/**
 * One task as piscina hands it to the worker's handler. `port` is the task's own channel (transferred with
 * it): the worker says `started` and sends progress on it, the pool sends `abort` on it.
 */
export interface TaskMessage {
  kind: string;
  payload: unknown;
  port: MessagePort;
}

/** Worker → pool, on the task's port: `started` first, then progress events, then `end` (before the result is returned). */
export type TaskPortMessage = { type: 'started'; threadId: number } | { type: 'progress'; event: ProgressEvent } | { type: 'end' };

/** Pool → worker, on the task's port: abort the task (an explainer sees its `ctx.signal` fire). */
export interface TaskControl {
  type: 'abort';
}

/**
 * What the worker's handler resolves with. It never rejects for the task's own failure, so a task whose
 * piscina promise rejects is one whose thread died (or could not receive it).
 */
export type TaskOutcome = { ok: true; result: unknown } | { ok: false; error: WireError };

/** Worker → pool, on the thread's parentPort (piscina's `message` event), once the model is loaded or failed to load. */
export type WorkerStatus = { visor: 'ready'; threadId: number; backend: string } | { visor: 'init-error'; threadId: number; error: WireError };

export function toWireError(e: unknown): WireError {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return { name: e.name, message: e.message, stack: e.stack, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { name: 'Error', message: String(e) };
}
