import engineOnnxPlugin from '@visor/engine-onnx';
import engineTfjsPlugin from '@visor/engine-tfjs';
import camPlugin from '@visor/plugin-cam';
import guidedBpPlugin from '@visor/plugin-guided-bp';
import metricsPlugin from '@visor/plugin-metrics';
import occlusionPlugin from '@visor/plugin-occlusion';
import renderersPlugin from '@visor/renderers';
import type { VisorPlugin } from '@visor/core';

/**
 * The first-party plugins the CLI always loads, before the config's own `plugins:`: the engines (in
 * `backend: auto`'s order of preference, which their priorities also give), the methods, the metrics, the renderers.
 */
export const builtinPlugins: VisorPlugin[] = [engineOnnxPlugin, engineTfjsPlugin, camPlugin, occlusionPlugin, guidedBpPlugin, metricsPlugin, renderersPlugin];
