import type { VisorPlugin } from '@visor/core';
import camPlugin from '@visor/plugin-cam';
import guidedBpPlugin from '@visor/plugin-guided-bp';
import metricsPlugin from '@visor/plugin-metrics';
import occlusionPlugin from '@visor/plugin-occlusion';

/** The method and metric plugins the page runs: the CLI's first-party ones, engines and file renderers aside. */
export const webPlugins: VisorPlugin[] = [camPlugin, occlusionPlugin, guidedBpPlugin, metricsPlugin];
