/** What a WorkerPool reports to its `onEvent` callback. */
export type WorkerPoolEvent =
  | { type: 'ready'; worker: number; threadId: number; backend: string }
  /** A worker thread died (uncaught exception or exit). `task` names the task it was running, if any. */
  | { type: 'crash'; worker: number; threadId: number; task?: string; requeued: boolean; message: string }
  /** A replacement worker was started for a crashed one. */
  | { type: 'replaced'; worker: number; threadId: number }
  | { type: 'closed' };
