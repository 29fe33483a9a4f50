import type { FromWorker, ToWorker } from '../protocol.js';

type Final = Extract<FromWorker, { type: 'ready' | 'model' | 'done' | 'files' | 'error' }>;
type Streamed = Exclude<FromWorker, Final>;

/** A request's failure as the worker reported it: a VisorError's message, code and hint. */
export class WorkerError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'WorkerError';
  }
}

type Request = ToWorker extends infer T ? (T extends { id: number } ? Omit<T, 'id'> : never) : never;

/**
 * The page's side of the worker: each request gets an id; its streamed messages (progress, inputs, failures)
 * go to `onEvent`, and the promise settles with its final message (or rejects with a WorkerError).
 */
export class WorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (m: Final) => void; reject: (e: Error) => void; onEvent?: (m: Streamed) => void }>();

  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(event.data);
    worker.onerror = (event) => {
      const error = new WorkerError(`The worker stopped: ${event.message || 'an error it could not report'}`, 'run', 'Reload the page.');
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
  }

  /** Sends a request; returns its id (for `cancel`) and the promise of its final message. */
  send<T extends Final['type']>(request: Request, onEvent?: (m: Streamed) => void): { id: number; done: Promise<Extract<Final, { type: T }>> } {
    const id = this.nextId++;
    const done = new Promise<Final>((resolve, reject) => this.pending.set(id, { resolve, reject, onEvent }));
    // Copied, not transferred: the page keeps its files to run again or load on another backend.
    this.worker.postMessage({ ...request, id });
    return { id, done: done as Promise<Extract<Final, { type: T }>> };
  }

  cancel(run: number): void {
    this.worker.postMessage({ type: 'cancel', id: 0, run } satisfies ToWorker);
  }

  private receive(message: FromWorker): void {
    const p = this.pending.get(message.id);
    if (!p) return;
    switch (message.type) {
      case 'progress':
      case 'input':
      case 'failure':
        p.onEvent?.(message);
        return;
      case 'error':
        this.pending.delete(message.id);
        p.reject(new WorkerError(message.message, message.code, message.hint));
        return;
      default:
        this.pending.delete(message.id);
        p.resolve(message);
    }
  }
}
