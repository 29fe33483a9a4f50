import { createRequire } from 'node:module';
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { VisorPlugin } from '../contracts/VisorPlugin.js';
import { VisorError } from '../errors/VisorError.js';
import { checkPlugin } from './checkPlugin.js';

/** Is this plugin spec a path (relative or absolute) rather than an npm package name? */
export function isPathSpec(spec: string): boolean {
  return spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..' || isAbsolute(spec);
}

/**
 * Loads a plugin from an npm package name (resolved from `baseDir`, then from Visor's own install)
 * or a path relative to `baseDir` (a file, or a package folder). Failures name the spec and carry the cause.
 */
export async function loadPlugin(spec: string, baseDir: string): Promise<VisorPlugin> {
  let url: string;
  try {
    if (isPathSpec(spec)) {
      const target = resolve(baseDir, spec);
      if (!existsSync(target)) throw new Error(`no file or folder at ${target}`);
      const entry = statSync(target).isDirectory() ? createRequire(join(target, 'package.json')).resolve(target) : target;
      url = pathToFileURL(entry).href;
    } else {
      let entry: string | undefined;
      try {
        entry = createRequire(join(baseDir, 'noop.js')).resolve(spec);
      } catch {
        entry = createRequire(import.meta.url).resolve(spec);
      }
      url = pathToFileURL(entry).href;
    }
  } catch (cause) {
    throw new VisorError(`Plugin "${spec}" could not be found: ${(cause as Error).message.split('\n')[0]}`, {
      code: 'plugin',
      file: spec,
      cause,
      hint: isPathSpec(spec) ? `Check the path; it is resolved against ${baseDir}.` : `Install it (npm install ${spec}) or give a path starting with ./`,
    });
  }
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (cause) {
    throw new VisorError(`Plugin "${spec}" failed to load: ${(cause as Error).message.split('\n')[0]}`, { code: 'plugin', file: spec, cause });
  }
  return checkPlugin(mod.default ?? mod.plugin, `plugin "${spec}"`);
}
