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

/** Main thread → worker. */
export type ToWorker =
  | { type: 'task'; id: number; kind: string; payload: unknown }
  | { type: 'abort'; id: number };

/** Worker → main thread. */
export type FromWorker =
  | { type: 'ready'; backend: string }
  | { type: 'init-error'; error: WireError }
  | { type: 'done'; id: number; result: unknown }
  | { type: 'failed'; id: number; error: WireError }
  | { type: 'progress'; id: number; event: ProgressEvent };

export function toWireError(e: unknown): WireError {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return { name: e.name, message: e.message, stack: e.stack, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { name: 'Error', message: String(e) };
}
