import { basename, extname } from 'node:path';

/**
 * Output-safe, unique names for input files: the file name without extension, with anything outside
 * [A-Za-z0-9._-] replaced by `_` and no leading dots (so `../x` or `.hidden` cannot name a path),
 * `-2`, `-3`… appended on collisions.
 */
export function uniqueStems(paths: string[]): string[] {
  const used = new Map<string, number>();
  return paths.map((p) => {
    let stem =
      basename(p, extname(p))
        .replace(/[^A-Za-z0-9._-]/g, '_')
        .replace(/^\.+/, '') || 'input';
    const n = (used.get(stem.toLowerCase()) ?? 0) + 1;
    used.set(stem.toLowerCase(), n);
    if (n > 1) stem = `${stem}-${n}`;
    return stem;
  });
}
