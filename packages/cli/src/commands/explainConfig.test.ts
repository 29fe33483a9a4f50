import { describe, expect, it } from 'vitest';
import { explainConfig, type ExplainFlags } from './explainConfig.js';

const base: ExplainFlags = { inputs: ['a.png'], model: 'm.onnx', method: ['grad-cam,occlusion'], out: 'out' };

describe('visor explain as a config', () => {
  it('turns flags into the config they stand for: methods with --set options, metrics, masks, output activation, input size', () => {
    const c = explainConfig(
      {
        ...base,
        set: ['occlusion.patch=8', 'deletion.steps=10'],
        metric: ['deletion,pointing-game'],
        masks: 'masks/{name}.png',
        outputActivation: 'softmax',
        inputSize: '96x128',
        layer: 'conv2',
      },
      '/work',
    );
    expect(c.model).toBe('/work/m.onnx');
    expect(c.explainers).toEqual([{ 'grad-cam': { layer: 'conv2' } }, { occlusion: { patch: 8 } }]);
    expect(c.metrics).toEqual([{ deletion: { steps: 10 } }, 'pointing-game']);
    expect(c.masks).toBe('/work/masks/{name}.png');
    expect(c.outputActivation).toBe('softmax');
    expect(c.inputSize).toEqual([96, 128]);
  });

  it('accepts 224×224 and 224,224; refuses anything else naming the flag', () => {
    expect(explainConfig({ ...base, inputSize: '224×224' }, '/').inputSize).toEqual([224, 224]);
    expect(explainConfig({ ...base, inputSize: '32,48' }, '/').inputSize).toEqual([32, 48]);
    expect(() => explainConfig({ ...base, inputSize: '224' }, '/')).toThrow(/--input-size "224" is not a size; expected height×width, e.g\. 224x224/);
    expect(() => explainConfig({ ...base, inputSize: '0x4' }, '/')).toThrow(/--input-size/);
  });

  it('refuses --set for a method or metric that is not asked for', () => {
    expect(() => explainConfig({ ...base, set: ['cam.relu=false'] }, '/')).toThrow(
      /names "cam", which is not in --method \(grad-cam, occlusion\) or --metric \(none\)/,
    );
  });
});
