import semver from 'semver';
import { VISOR_API_VERSION } from '../apiVersion.js';
import type { VisorPlugin } from '../contracts/VisorPlugin.js';
import { VisorError } from '../errors/VisorError.js';

/**
 * Checks that a loaded value is a Visor plugin and that it supports this core's plugin API.
 * `from` names where it was loaded from, for the message.
 */
export function checkPlugin(value: unknown, from: string): VisorPlugin {
  const p = value as Partial<VisorPlugin> | null;
  const problems: string[] = [];
  if (!p || typeof p !== 'object') problems.push('its default export is not an object');
  else {
    if (typeof p.name !== 'string' || !p.name) problems.push('"name" (string) is missing');
    if (typeof p.version !== 'string' || !semver.valid(p.version)) problems.push(`"version" must be a semver version, got ${JSON.stringify(p.version)}`);
    if (typeof p.visorApi !== 'string' || !semver.validRange(p.visorApi))
      problems.push(`"visorApi" must be a semver range such as "^1", got ${JSON.stringify(p.visorApi)}`);
    if (typeof p.register !== 'function') problems.push('"register(bind)" is missing');
  }
  if (problems.length) {
    throw new VisorError(`${from} is not a Visor plugin: ${problems.join('; ')}.`, {
      code: 'plugin',
      file: from,
      hint: 'Export default { name, version, visorApi: "^2", register(bind) { … } } (see docs/writing-a-plugin.md).',
    });
  }
  const plugin = p as VisorPlugin;
  if (!semver.satisfies(VISOR_API_VERSION, plugin.visorApi)) {
    throw new VisorError(
      `Plugin ${plugin.name}@${plugin.version} (${from}) requires Visor plugin API ${plugin.visorApi}, but this @visor/core provides plugin API ${VISOR_API_VERSION}.`,
      {
        code: 'plugin',
        file: from,
        hint: `Install a version of ${plugin.name} made for plugin API ${VISOR_API_VERSION}, or a @visor/core that satisfies ${plugin.visorApi}.`,
      },
    );
  }
  return plugin;
}
