import { VisorError } from '../errors/VisorError.js';
import type { ConfigIssue } from './ConfigIssue.js';
import type { ConfigSource, YamlPath } from './ConfigSource.js';

/** `explainers[1].occlusion.patch` */
export function formatPath(path: YamlPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out || '(top level)';
}

/**
 * One VisorError (code 'config') listing every issue as `file:line:col  path: message`, so an editor or terminal
 * can jump to it. Without a source (options given in code), lines are left out.
 */
export function configError(file: string, issues: ConfigIssue[], source?: ConfigSource): VisorError {
  const lines = issues.map((i) => {
    const at = source ? source.locate(i.path, i.atKey) : undefined;
    const where = at ? `${file}:${at.line}:${at.col}` : file;
    return `  ${where}  ${formatPath(i.path)}: ${i.message}`;
  });
  const first = issues[0];
  const firstAt = first && source ? source.locate(first.path, first.atKey) : undefined;
  const err = new VisorError(`Invalid config ${file}:\n${lines.join('\n')}`, {
    code: 'config',
    file,
    hint: 'Fix the keys above; `visor schema` prints every accepted key and value.',
  });
  (err as VisorError & { issues: ConfigIssue[]; line?: number }).issues = issues;
  if (firstAt) (err as VisorError & { line?: number }).line = firstAt.line;
  return err;
}
