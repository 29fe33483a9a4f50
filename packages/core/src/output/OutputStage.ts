import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { safeOutputPath } from './safeOutputPath.js';
import { tempPathFor } from './tempName.js';

export { TEMP_FILE_PATTERN } from './tempName.js';

/** A staged file: where it goes (relative to the output folder), its size and its SHA-256 (hex). */
export interface StagedFile {
  path: string;
  bytes: number;
  sha256: string;
}

/**
 * Transactional output: files are written next to their destination under a temporary name, then renamed
 * into place by `commit()` (rename is atomic on one file system). `discard()` removes everything staged,
 * so a renderer that fails, or a run that is interrupted, leaves no partial file behind. Each file's size and
 * SHA-256 are kept for the run's manifest.
 */
export class OutputStage {
  private readonly staged = new Map<string, { temp: string; file: StagedFile }>(); // final path → temp path
  private closed = false;

  constructor(readonly outDir: string) {}

  async write(relativePath: string, data: Uint8Array | string): Promise<void> {
    if (this.closed) throw new Error('OutputStage: write after commit/discard');
    const target = safeOutputPath(this.outDir, relativePath);
    await mkdir(dirname(target), { recursive: true });
    const temp = tempPathFor(target);
    const previous = this.staged.get(target);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const file = {
      path: relative(this.outDir, target).split('\\').join('/'),
      bytes: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
    this.staged.set(target, { temp, file });
    if (previous) await rm(previous.temp, { force: true });
    await writeFile(temp, bytes);
  }

  /** Final paths staged so far. */
  paths(): string[] {
    return [...this.staged.keys()];
  }

  /** The files staged so far, relative to the output folder, with size and SHA-256. */
  files(): StagedFile[] {
    return [...this.staged.values()].map((s) => s.file);
  }

  async commit(): Promise<string[]> {
    this.closed = true;
    const done: string[] = [];
    for (const [target, { temp }] of this.staged) {
      await rename(temp, target);
      done.push(target);
    }
    this.staged.clear();
    return done;
  }

  async discard(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.staged.values()].map((t) => rm(t.temp, { force: true })));
    this.staged.clear();
  }
}
