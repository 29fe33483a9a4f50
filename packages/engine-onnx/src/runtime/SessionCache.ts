import type { OrtSession } from './ort.js';

interface Entry {
  session: Promise<OrtSession>;
  busy: number;
  used: number;
}

/**
 * ONNX Runtime sessions by key, each created once and reused. Beyond `limit` sessions the least
 * recently used idle one is released (a session holds its own copy of the weights). `use` marks a
 * session busy while a run is in flight, so it is never released under a run.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private clock = 0;

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Runs `work` with the session for `key`, creating it with `create` the first time. */
  async use<T>(key: string, create: () => Promise<OrtSession>, work: (session: OrtSession) => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      const session = create();
      entry = { session, busy: 0, used: 0 };
      this.entries.set(key, entry);
      // A failed creation is not cached: the next call tries again (and reports again).
      session.catch(() => this.entries.get(key) === entry && this.entries.delete(key));
    }
    entry.busy++;
    entry.used = ++this.clock;
    try {
      return await work(await entry.session);
    } finally {
      entry.busy--;
      await this.evict();
    }
  }

  private async evict(): Promise<void> {
    while (this.entries.size > this.limit) {
      const idle = [...this.entries.entries()].filter(([, e]) => e.busy === 0).sort((a, b) => a[1].used - b[1].used);
      const [oldest] = idle;
      if (!oldest) return;
      const [key, entry] = oldest;
      this.entries.delete(key);
      await release(entry);
    }
  }

  /** Releases every session. */
  async clear(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map(release));
  }
}

async function release(entry: Entry): Promise<void> {
  try {
    await (await entry.session).release();
  } catch {
    // A session that failed to be created has nothing to release.
  }
}
