/** A ground-truth mask's file name: `<name>.mask.<ext>`, or any file in a `masks/` folder. */
export function isMaskName(name: string): boolean {
  return /(^|\/)masks\//i.test(name) || /\.mask\.[^./]+$/i.test(name);
}

/** The name a file is matched by: its base name without the extension (and without `.mask` for masks). */
export function matchKey(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base
    .replace(/\.[^.]*$/, '')
    .replace(/\.mask$/i, '')
    .toLowerCase();
}
