import camPlugin from '@visor/plugin-cam';
import guidedBpPlugin from '@visor/plugin-guided-bp';
import occlusionPlugin from '@visor/plugin-occlusion';
import renderersPlugin from '@visor/renderers';
import type { VisorPlugin } from '@visor/core';

/** The first-party plugins the CLI always loads, before the config's own `plugins:`. */
export const builtinPlugins: VisorPlugin[] = [camPlugin, occlusionPlugin, guidedBpPlugin, renderersPlugin];
