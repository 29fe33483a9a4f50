import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { VisorError } from '../errors/VisorError.js';

/** File endings Visor reads as inputs when it lists a folder or a glob. */
export const INPUT_EXTENSIONS = ['png', 'jpg', 'jpeg', 'npy'];

/**
 * Files, folders (every image/.npy file below, recursively) and globs → absolute file paths, sorted within each
 * pattern, in pattern order, without duplicates. A pattern that matches nothing is an error naming it.
 */
export async function expandInputs(patterns: string[], baseDir: string): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (files: string[]) => {
    for (const f of files.sort()) {
      if (seen.has(f)) continue;
      seen.add(f);
      out.push(f);
    }
  };
  const exts = `{${INPUT_EXTENSIONS.flatMap((e) => [e, e.toUpperCase()]).join(',')}}`;
  for (const [i, pattern] of patterns.entries()) {
    const abs = resolve(baseDir, pattern);
    const info = await stat(abs).catch(() => undefined);
    if (info?.isFile()) {
      add([abs]);
      continue;
    }
    const files = info?.isDirectory()
      ? await glob(`**/*.${exts}`, { cwd: abs, absolute: true, onlyFiles: true })
      : await glob(pattern, { cwd: baseDir, absolute: true, onlyFiles: true });
    if (files.length === 0) {
      throw new VisorError(
        `inputs[${i}] "${pattern}" ${info?.isDirectory() ? `is a folder with no ${INPUT_EXTENSIONS.join('/')} file` : 'matches no file'} (resolved against ${baseDir}).`,
        { code: 'usage', hint: 'Give image or .npy files, folders, or globs such as images/*.png.' },
      );
    }
    add(files.map((f) => resolve(f)));
  }
  return out;
}
