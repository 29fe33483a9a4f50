import { isAbsolute, relative, resolve, sep } from 'node:path';
import { VisorError } from '../errors/VisorError.js';

/** Resolves `rel` inside `outDir`; refuses absolute paths and anything that would land outside it. */
export function safeOutputPath(outDir: string, rel: string): string {
  const bad = (why: string) => new VisorError(`Refusing to write "${rel}": ${why}.`, { code: 'run', hint: `Output names must stay inside ${outDir}.` });
  if (!rel || rel.includes('\0')) throw bad('empty or invalid name');
  if (isAbsolute(rel) || /^[a-zA-Z]:[\\/]/.test(rel)) throw bad('it is an absolute path');
  const target = resolve(outDir, rel);
  const r = relative(resolve(outDir), target);
  if (!r || r === '..' || r.startsWith(`..${sep}`) || isAbsolute(r)) throw bad('it would escape the output folder');
  return target;
}
