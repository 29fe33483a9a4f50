import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ProgressEvent } from '../contracts/ProgressEvent.js';
import { VisorError, type VisorErrorCode } from '../errors/VisorError.js';
import { resolveWorkerCount } from './resolveWorkerCount.js';
import type { WorkerPoolEvent } from './WorkerPoolEvent.js';
import type { FromWorker, ToWorker, WireError, WorkerInit } from './workerProtocol.js';

export interface WorkerPoolOptions {
  /** What each worker loads once: backend, model, plugins, labels. */
  init: WorkerInit;
  /** Number of worker threads; `'auto'` (default) = `os.availableParallelism()`. */
  workers?: number | 'auto';
  /**
   * The compiled worker entry. Default: `scoringWorker.js` next to this module, i.e. the built
   * `@visor/core/dist/workers/scoringWorker.js`. Running from TypeScript sources (vitest) there is no
   * such file: build core first, or pass the URL of a compiled copy.
   */
  workerUrl?: URL;
  /** Crashes, replacements, readiness, shutdown (for logs). */
  onEvent?: (event: WorkerPoolEvent) => void;
}

export interface RunOptions {
  /** A name for the task in errors and crash reports (default `<kind> task #<id>`). */
  label?: string;
  /**
   * Buffers of the payload to transfer instead of copy. The caller's views become unusable, and the
   * task is then NOT retried after a worker crash (its input went down with the worker).
   */
  transfer?: ArrayBuffer[];
  onProgress?: (event: ProgressEvent) => void;
  /** Removes a queued task, or asks the running worker to abort it (explain tasks check it between units of work). */
  signal?: AbortSignal;
}

interface Task {
  id: number;
  kind: string;
  payload: unknown;
  label: string;
  transfer: ArrayBuffer[];
  crashes: number;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
  detach: () => void;
}

interface Slot {
  index: number;
  worker: Worker;
  threadId: number;
  ready: boolean;
  task?: Task;
  lastError?: Error;
  initError?: Error;
  stopping: boolean;
  started: Promise<void>;
}

const DEFAULT_WORKER_URL = new URL('./scoringWorker.js', import.meta.url);

function fromWire(wire: WireError, prefix = ''): Error {
  const message = prefix + wire.message;
  if (wire.name === 'VisorError') {
    return new VisorError(message, { code: (wire.code as VisorErrorCode | undefined) ?? 'run' });
  }
  const error = new Error(message);
  error.name = wire.name;
  if (wire.stack) error.stack = `${error.name}: ${message}\n    (in a worker thread)\n${wire.stack.split('\n').slice(1).join('\n')}`;
  return error;
}

function abortError(label: string, signal: AbortSignal): Error {
  const error = new Error(`${label} aborted`, { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}

/**
 * A fixed set of `worker_threads`, each with its own tfjs backend and a copy of the model loaded once
 * (see `WorkerInit`). Tasks are queued and handed to idle workers in order. A worker that dies is
 * reported (`onEvent`), replaced, and the task it was running is queued again ONCE; a second crash of
 * the same task rejects it with an error naming it. Results come back transferred (no copy); inputs
 * are copied unless `transfer` is given. Idle workers do not keep the process alive; `close()` rejects
 * what is pending and terminates every thread.
 */
export class WorkerPool {
  readonly size: number;
  private readonly url: URL;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  private closing?: Promise<void>;
  private backendName = '';

  private constructor(private readonly options: WorkerPoolOptions) {
    this.size = resolveWorkerCount(options.workers);
    this.url = options.workerUrl ?? DEFAULT_WORKER_URL;
    if (this.url.protocol === 'file:' && !existsSync(fileURLToPath(this.url))) {
      throw new VisorError(
        `worker pool: the worker entry ${fileURLToPath(this.url)} does not exist. Workers run compiled JavaScript: ` +
          'build @visor/core first (npm run build), or pass workerUrl pointing at a compiled scoringWorker.js.',
        { code: 'run', file: fileURLToPath(this.url) },
      );
    }
  }

  /** Starts the workers and waits until every one has its backend and model (or rejects with the first failure). */
  static async start(options: WorkerPoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(options);
    for (let i = 0; i < pool.size; i++) pool.spawn(i);
    try {
      await Promise.all(pool.slots.map((s) => s.started));
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  /** The backend the workers run (as reported by the first ready worker). */
  get backend(): string {
    return this.backendName;
  }

  /** Thread ids of the live workers. */
  get threadIds(): number[] {
    return this.slots.map((s) => s.threadId);
  }

  /** Queues a task; resolves with the worker's result. */
  run<T>(kind: string, payload: unknown, opts: RunOptions = {}): Promise<T> {
    const id = this.nextId++;
    const label = opts.label ?? `${kind} task #${id}`;
    if (this.closed) return Promise.reject(new VisorError(`worker pool is closed: ${label} was not run`, { code: 'run' }));
    if (opts.signal?.aborted) return Promise.reject(abortError(label, opts.signal));
    return new Promise<T>((resolve, reject) => {
      const task: Task = {
        id,
        kind,
        payload,
        label,
        transfer: opts.transfer ?? [],
        crashes: 0,
        resolve: resolve as (v: unknown) => void,
        reject,
        onProgress: opts.onProgress,
        signal: opts.signal,
        detach: () => undefined,
      };
      if (opts.signal) {
        const signal = opts.signal;
        const onAbort = () => this.abort(task, signal);
        signal.addEventListener('abort', onAbort, { once: true });
        task.detach = () => signal.removeEventListener('abort', onAbort);
      }
      this.queue.push(task);
      this.pump();
    });
  }

  /** Rejects every pending task, terminates every worker; resolves when all threads have exited. Idempotent. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closed = true;
    const pending = [...this.queue.splice(0), ...this.slots.flatMap((s) => (s.task ? [s.task] : []))];
    for (const task of pending) this.settle(task, new VisorError(`worker pool closed before ${task.label} finished`, { code: 'aborted' }));
    this.closing = Promise.all(
      this.slots.map((s) => {
        s.stopping = true;
        s.task = undefined;
        return s.worker.terminate();
      }),
    ).then(() => {
      this.slots.length = 0;
      this.options.onEvent?.({ type: 'closed' });
    });
    return this.closing;
  }

  private spawn(index: number): Slot {
    const worker = new Worker(this.url, { workerData: this.options.init, execArgv: [] });
    let ready!: () => void;
    let failed!: (e: Error) => void;
    const started = new Promise<void>((res, rej) => {
      ready = res;
      failed = rej;
    });
    started.catch(() => undefined); // replacements are awaited by no one
    const slot: Slot = { index, worker, threadId: worker.threadId, ready: false, stopping: false, started };
    this.slots.push(slot);
    worker.on('message', (m: FromWorker) => this.onMessage(slot, m, ready));
    worker.on('error', (e: Error) => {
      slot.lastError = e;
    });
    worker.on('exit', (code: number) => this.onExit(slot, code, failed));
    return slot;
  }

  private onMessage(slot: Slot, m: FromWorker, ready: () => void): void {
    switch (m.type) {
      case 'ready':
        slot.ready = true;
        this.backendName ||= m.backend;
        slot.worker.unref(); // idle: does not keep the process alive
        this.options.onEvent?.({ type: 'ready', worker: slot.index, threadId: slot.threadId, backend: m.backend });
        ready();
        this.pump();
        return;
      case 'init-error':
        slot.initError = fromWire(m.error, `worker ${slot.index} could not start: `);
        void slot.worker.terminate();
        return;
      case 'progress':
        if (slot.task?.id === m.id) slot.task.onProgress?.(m.event);
        return;
      case 'done':
      case 'failed': {
        const task = slot.task;
        if (!task || task.id !== m.id) return;
        slot.task = undefined;
        slot.worker.unref();
        if (m.type === 'done') this.settle(task, undefined, m.result);
        else this.settle(task, fromWire(m.error, m.error.name === 'AbortError' ? '' : `${task.label}: `));
        this.pump();
      }
    }
  }

  private onExit(slot: Slot, code: number, failed: (e: Error) => void): void {
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    if (slot.stopping || this.closed) return;
    if (!slot.ready) {
      const error =
        slot.initError ??
        new VisorError(`worker ${slot.index} exited (code ${code}) before it was ready${slot.lastError ? `: ${slot.lastError.message}` : ''}`, {
          code: 'run',
        });
      failed(error);
      this.options.onEvent?.({ type: 'crash', worker: slot.index, threadId: slot.threadId, requeued: false, message: error.message });
      // A replacement that cannot start: with no worker left, nothing queued can ever run.
      if (this.slots.length === 0) {
        for (const task of this.queue.splice(0)) this.settle(task, new VisorError(`${task.label} cannot run: no worker could start (${error.message})`, { code: 'run' }));
      }
      return;
    }
    const why = slot.lastError ? `uncaught ${slot.lastError.name}: ${slot.lastError.message}` : `exited with code ${code}`;
    const task = slot.task;
    slot.task = undefined;
    const requeue = task !== undefined && task.crashes === 0 && task.transfer.length === 0;
    this.options.onEvent?.({ type: 'crash', worker: slot.index, threadId: slot.threadId, task: task?.label, requeued: requeue, message: why });
    if (task) {
      task.crashes++;
      if (requeue) this.queue.unshift(task);
      else {
        const reason = task.transfer.length > 0 ? 'its input was transferred, so it is not retried' : 'for the second time; not retried again';
        this.settle(task, new VisorError(`${task.label} crashed its worker thread (${why}) ${reason}`, { code: 'run' }));
      }
    }
    const replacement = this.spawn(slot.index);
    this.options.onEvent?.({ type: 'replaced', worker: slot.index, threadId: replacement.threadId });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.task || slot.stopping) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.worker.ref(); // busy: keep the process alive until the result is back
      try {
        const message: ToWorker = { type: 'task', id: task.id, kind: task.kind, payload: task.payload };
        slot.worker.postMessage(message, task.transfer);
      } catch (e) {
        slot.task = undefined;
        slot.worker.unref();
        this.settle(task, new VisorError(`${task.label} could not be sent to a worker: ${(e as Error).message}`, { code: 'run', cause: e }));
      }
    }
  }

  private abort(task: Task, signal: AbortSignal): void {
    const queued = this.queue.indexOf(task);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(task, abortError(task.label, signal));
      return;
    }
    const slot = this.slots.find((s) => s.task === task);
    if (slot) slot.worker.postMessage({ type: 'abort', id: task.id } satisfies ToWorker);
  }

  private settle(task: Task, error: Error | undefined, value?: unknown): void {
    task.detach();
    if (error) task.reject(error);
    else task.resolve(value);
  }
}
