/**
 * Output-safe, unique names for dropped files, by the rule of core's `uniqueStems` (which uses node:path):
 * the file name without extension, anything outside [A-Za-z0-9._-] replaced by `_`, no leading dots,
 * `-2`, `-3`… appended on collisions (case-insensitively).
 */
export function stemsOf(names: string[]): string[] {
  const used = new Map<string, number>();
  return names.map((name) => {
    const base = name.split(/[\\/]/).pop() ?? name;
    const dot = base.lastIndexOf('.');
    const bare = dot > 0 ? base.slice(0, dot) : base;
    let stem = bare.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '') || 'input';
    const n = (used.get(stem.toLowerCase()) ?? 0) + 1;
    used.set(stem.toLowerCase(), n);
    if (n > 1) stem = `${stem}-${n}`;
    return stem;
  });
}
