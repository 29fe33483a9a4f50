import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { ProgressEvent } from '../contracts/ProgressEvent.js';
import { VisorError, type VisorErrorCode } from '../errors/VisorError.js';
import { abortedError } from '../methods/abortedError.js';
import { resolveWorkerCount } from './resolveWorkerCount.js';
import type { WorkerPoolEvent } from './WorkerPoolEvent.js';
import type { TaskControl, TaskMessage, TaskOutcome, TaskPortMessage, WireError, WorkerInit, WorkerStatus } from './workerProtocol.js';

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
  /** Rejects a queued task at once (the worker then skips it), or asks the running worker to abort it (explain tasks check it between units of work). */
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
  settled: boolean;
  /** The current attempt's channel to its worker, and the thread that said it started it. */
  port?: MessagePort;
  threadId?: number;
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

/** Why a thread died, from the error piscina rejects its task with. */
function crashReason(error: Error): string {
  const exit = /^worker exited with code: (-?\d+)$/.exec(error?.message ?? '');
  return exit ? `exited with code ${exit[1]}` : `uncaught ${error?.name ?? 'Error'}: ${error?.message ?? String(error)}`;
}

/**
 * A fixed set of `worker_threads` run by piscina, each with its own backend and a copy of the model
 * loaded once (see `WorkerInit`). Tasks are queued and handed to idle workers in order. A worker that
 * dies is reported (`onEvent`) and replaced (piscina keeps `size` threads), and the task it was running
 * is queued again ONCE; a second crash of the same task rejects it with an error naming it. Results come
 * back transferred (no copy); inputs are copied unless `transfer` is given. Idle workers do not keep the
 * process alive; `close()` rejects what is pending and terminates every thread.
 *
 * What piscina does not do, and how it is bridged: piscina rejects the task of a dead thread but does not
 * retry it (the pool re-submits it once); it has no per-task messages (each task carries its own
 * MessagePort for `started`, progress events and `abort`); its abort of a running task terminates the
 * thread, model and all (the pool instead sends `abort` on the task's port, so the explainer stops at its
 * next check and the thread lives on); it reports readiness before the handler has loaded the model (the
 * worker says `ready` or `init-error` on its parentPort once the model is loaded).
 */
export class WorkerPool {
  readonly size: number;
  private readonly piscina: Piscina;
  private readonly pending = new Set<Task>();
  /** Thread id → worker index (a replacement takes the index of the thread it replaces). */
  private readonly indices = new Map<number, number>();
  private readonly freeIndices: number[] = [];
  private nextIndex = 0;
  private lastDestroyed?: number;
  private nextId = 1;
  private starting = true;
  private closed = false;
  private closing?: Promise<void>;
  private backendName = '';
  private readonly ready: Promise<void>;

  private constructor(private readonly options: WorkerPoolOptions) {
    this.size = resolveWorkerCount(options.workers);
    const url = options.workerUrl ?? DEFAULT_WORKER_URL;
    if (url.protocol === 'file:' && !existsSync(fileURLToPath(url))) {
      throw new VisorError(
        `worker pool: the worker entry ${fileURLToPath(url)} does not exist. Workers run compiled JavaScript: ` +
          'build @visor/core first (npm run build), or pass workerUrl pointing at a compiled scoringWorker.js.',
        { code: 'run', file: fileURLToPath(url) },
      );
    }
    this.piscina = new Piscina({
      filename: url.href,
      minThreads: this.size,
      maxThreads: this.size,
      idleTimeout: Infinity,
      concurrentTasksPerWorker: 1,
      // The worker loads its model asynchronously after import; piscina's Atomics.wait between tasks would stall that.
      atomics: 'disabled',
      workerData: options.init,
      execArgv: [], // not the parent's loader flags (vitest, --inspect)
      recordTiming: false,
    });
    // Until every worker is ready, the threads keep the process alive (piscina unrefs idle threads).
    for (const worker of this.piscina.threads) worker.ref();
    let readyCount = 0;
    let resolveReady!: () => void;
    let rejectReady!: (e: Error) => void;
    this.ready = new Promise<void>((res, rej) => {
      resolveReady = res;
      rejectReady = rej;
    });
    this.ready.catch(() => undefined);
    for (const worker of this.piscina.threads) this.indexOf(worker.threadId); // 0 … size-1 in creation order
    this.piscina.on('workerCreate', () => this.noticeReplacements());
    this.piscina.on('workerDestroy', (worker: { id: number }) => {
      if (this.closed) return;
      this.lastDestroyed = worker.id;
      const index = this.indices.get(worker.id);
      if (index !== undefined) {
        this.freeIndices.push(index);
        this.freeIndices.sort((a, b) => a - b);
      }
    });
    this.piscina.on('message', (m: WorkerStatus) => {
      if (m?.visor === 'ready') {
        this.backendName ||= m.backend;
        this.emit({ type: 'ready', worker: this.indexOf(m.threadId), threadId: m.threadId, backend: m.backend });
        if (this.starting && ++readyCount === this.size) resolveReady();
      } else if (m?.visor === 'init-error') {
        const error = fromWire(m.error, `worker ${this.indexOf(m.threadId)} could not start: `);
        // During start this fails the pool; a replacement that cannot start fails each task it is given.
        if (this.starting) rejectReady(error);
      }
    });
    // A thread that dies with no task: piscina emits 'error' (an EventEmitter 'error' without a listener would throw).
    this.piscina.on('error', (e: Error) => {
      if (this.starting) rejectReady(new VisorError(`a worker could not start: ${crashReason(e)}`, { code: 'run' }));
      else if (!this.closed) {
        this.emit({
          type: 'crash',
          worker: this.indexOf(this.lastDestroyed ?? -1),
          threadId: this.lastDestroyed ?? -1,
          requeued: false,
          message: crashReason(e),
        });
        this.noticeReplacements();
      }
    });
  }

  /** Starts the workers and waits until every one has its backend and model (or rejects with the first failure). */
  static async start(options: WorkerPoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(options);
    try {
      await pool.ready;
    } catch (e) {
      await pool.close();
      throw e;
    } finally {
      pool.starting = false;
    }
    for (const worker of pool.piscina.threads) worker.unref();
    return pool;
  }

  /** The backend the workers run (as reported by the first ready worker). */
  get backend(): string {
    return this.backendName;
  }

  /** Thread ids of the live workers. */
  get threadIds(): number[] {
    return this.piscina.threads.map((w) => w.threadId);
  }

  /** Queues a task; resolves with the worker's result. */
  run<T>(kind: string, payload: unknown, opts: RunOptions = {}): Promise<T> {
    const id = this.nextId++;
    const label = opts.label ?? `${kind} task #${id}`;
    if (this.closed) return Promise.reject(new VisorError(`worker pool is closed: ${label} was not run`, { code: 'run' }));
    if (opts.signal?.aborted) return Promise.reject(abortedError(`${label} aborted`, opts.signal));
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
        settled: false,
      };
      if (opts.signal) {
        const signal = opts.signal;
        const onAbort = () => this.abort(task, signal);
        signal.addEventListener('abort', onAbort, { once: true });
        task.detach = () => signal.removeEventListener('abort', onAbort);
      }
      this.pending.add(task);
      this.submit(task);
    });
  }

  /** Rejects every pending task, terminates every worker; resolves when all threads have exited. Idempotent. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closed = true;
    for (const task of [...this.pending]) this.settle(task, new VisorError(`worker pool closed before ${task.label} finished`, { code: 'aborted' }));
    this.closing = this.piscina.destroy().then(() => this.emit({ type: 'closed' }));
    return this.closing;
  }

  private emit(event: WorkerPoolEvent): void {
    this.options.onEvent?.(event);
  }

  private indexOf(threadId: number): number {
    let index = this.indices.get(threadId);
    if (index === undefined) {
      index = this.freeIndices.shift() ?? this.nextIndex++;
      this.indices.set(threadId, index);
    }
    return index;
  }

  /** Threads piscina started in place of dead ones (it does so at once, before they are ready): give them the freed index, report them. */
  private noticeReplacements(): void {
    if (this.closed) return;
    for (const worker of this.piscina.threads) {
      if (this.indices.has(worker.threadId)) continue;
      this.emit({ type: 'replaced', worker: this.indexOf(worker.threadId), threadId: worker.threadId });
    }
  }

  /** Hands one attempt of the task to piscina, with a fresh channel for its messages. */
  private submit(task: Task): void {
    const { port1, port2 } = new MessageChannel();
    task.port = port1;
    task.threadId = undefined;
    // The result comes on piscina's channel, progress on this one: messages of two ports are not ordered,
    // so a result is only delivered once this port has said `end` (after the task's last progress event).
    let ended!: () => void;
    const end = new Promise<void>((r) => (ended = r));
    port1.on('message', (m: TaskPortMessage) => {
      if (m.type === 'started') task.threadId = m.threadId;
      else if (m.type === 'progress' && !task.settled) task.onProgress?.(m.event);
      else if (m.type === 'end') ended();
    });
    port1.on('close', () => ended());
    const message: TaskMessage = { kind: task.kind, payload: task.payload, port: port2 };
    let run: Promise<TaskOutcome>;
    try {
      run = this.piscina.run(message, { transferList: [port2, ...task.transfer] });
    } catch (e) {
      run = Promise.reject(e);
    }
    run.then(
      async (outcome) => {
        await end;
        port1.close();
        if (task.settled) return;
        if (outcome.ok) this.settle(task, undefined, outcome.result);
        else this.settle(task, fromWire(outcome.error, outcome.error.name === 'AbortError' ? '' : `${task.label}: `));
      },
      (error: Error) => {
        port1.close();
        if (task.settled || this.closed) return;
        this.crashed(task, error);
      },
    );
  }

  /** piscina rejected the attempt: its thread died (piscina has started a replacement), or the task could not be sent. */
  private crashed(task: Task, error: Error): void {
    if (error?.name === 'DataCloneError') {
      this.settle(task, new VisorError(`${task.label} could not be sent to a worker: ${error.message}`, { code: 'run', cause: error }));
      return;
    }
    const why = crashReason(error);
    const threadId = task.threadId ?? this.lastDestroyed ?? -1;
    const requeue = task.crashes === 0 && task.transfer.length === 0 && !task.signal?.aborted;
    this.emit({ type: 'crash', worker: this.indexOf(threadId), threadId, task: task.label, requeued: requeue, message: why });
    this.noticeReplacements();
    task.crashes++;
    if (requeue) this.submit(task);
    else if (task.signal?.aborted) this.settle(task, abortedError(`${task.label} aborted`, task.signal));
    else {
      const reason = task.transfer.length > 0 ? 'its input was transferred, so it is not retried' : 'for the second time; not retried again';
      this.settle(task, new VisorError(`${task.label} crashed its worker thread (${why}) ${reason}`, { code: 'run' }));
    }
  }

  /**
   * The caller aborted: the task is rejected at once unless a worker already runs it; the worker is told
   * on the task's port either way (a queued task is then skipped when it reaches a worker, a running
   * explainer sees its signal fire and rejects with its own AbortError).
   */
  private abort(task: Task, signal: AbortSignal): void {
    if (task.settled) return;
    if (task.threadId === undefined) this.settle(task, abortedError(`${task.label} aborted`, signal));
    task.port?.postMessage({ type: 'abort' } satisfies TaskControl);
  }

  private settle(task: Task, error: Error | undefined, value?: unknown): void {
    if (task.settled) return;
    task.settled = true;
    this.pending.delete(task);
    task.detach();
    if (error) task.reject(error);
    else task.resolve(value);
  }
}
