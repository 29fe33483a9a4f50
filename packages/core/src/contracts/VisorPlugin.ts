import type { Container } from 'inversify';

/** The binder a plugin's `register` receives: inversify's own `bind`, scoped to that plugin. */
export type PluginBind = Container['bind'];

/**
 * A plugin is a plain, side-effect-free value, usually the default export of its package.
 * Importing it registers nothing; the pipeline calls `register` in the declared order.
 *
 * ```ts
 * export default {
 *   name: 'visor-plugin-smoothgrad', version: '0.1.0', visorApi: '^2',
 *   register(bind) { bind(TYPES.Explainer).toConstantValue(smoothGrad); },
 * } satisfies VisorPlugin;
 * ```
 */
export interface VisorPlugin {
  name: string;
  version: string;
  /** Semver range of the Visor plugin API this plugin works with (checked against VISOR_API_VERSION). */
  visorApi: string;
  register(bind: PluginBind): void;
}
