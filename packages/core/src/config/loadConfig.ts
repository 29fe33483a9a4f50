import { readFile, stat } from 'node:fs/promises';
import { VisorError } from '../errors/VisorError.js';
import { baseConfigSchema } from './baseConfigSchema.js';
import { configError } from './configError.js';
import { ConfigSource } from './ConfigSource.js';
import { schemaIssues } from './schemaIssues.js';
import type { VisorConfig } from './VisorConfig.js';

/** Parses and validates a config's text against the base schema (plugin options are checked in resolveConfig). */
export function parseConfig(text: string, file: string): { config: VisorConfig; source: ConfigSource } {
  const source = new ConfigSource(file, text);
  const syntax = source.syntaxErrors();
  if (syntax.length) {
    throw new VisorError(`Invalid YAML in ${file}:\n${syntax.map((e) => `  ${file}:${e.line}:${e.col}  ${e.message}`).join('\n')}`, {
      code: 'config',
      file,
      hint: 'Fix the YAML syntax at the line shown.',
    });
  }
  const value = source.toJS();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new VisorError(
      `${file} must hold a YAML mapping (model:, inputs:, explainers:, …), found ${value === null ? 'nothing' : Array.isArray(value) ? 'a list' : typeof value}.`,
      {
        code: 'config',
        file,
        hint: 'Start from `visor init`, which writes a commented config.',
      },
    );
  }
  const issues = schemaIssues(baseConfigSchema, value);
  if (issues.length) throw configError(file, issues, source);
  return { config: value as VisorConfig, source };
}

/** Reads a config file; a missing or unreadable file is a config error naming it. */
export async function loadConfig(file: string): Promise<{ config: VisorConfig; source: ConfigSource }> {
  let text: string;
  try {
    if ((await stat(file)).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const why = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : (cause as Error).message;
    throw new VisorError(`Config file ${file} ${why}.`, {
      code: 'config',
      file,
      cause,
      hint: 'Give the path to a YAML config, or create one with `visor init`.',
    });
  }
  return parseConfig(text, file);
}
