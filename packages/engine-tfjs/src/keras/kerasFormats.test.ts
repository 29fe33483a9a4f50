import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kerasFormat, kerasH5Format } from './kerasFormats.js';
import { fixture } from './kerasFixtures.testkit.js';

const head = (name: string) => new Uint8Array(readFileSync(fixture(name)).subarray(0, 512));

describe('Keras model formats recognise their files by their first bytes', () => {
  it('keras-h5: the HDF5 signature, whatever the name', () => {
    expect(kerasH5Format.detect('/m/tiny_cnn.h5', head('tiny_cnn.h5'))).toBe(true);
    expect(kerasH5Format.detect('/m/model.weights', head('tiny_cnn.h5'))).toBe(true);
    expect(kerasH5Format.detect('/m/tiny_cnn.keras', head('tiny_cnn.keras'))).toBe(false);
    expect(kerasH5Format.detect('/m/model.json', new TextEncoder().encode('{"format": "layers-model"}'))).toBe(false);
  });

  it('keras: a zip named .keras (not any zip: .npz and PyTorch .pt files are zips too)', () => {
    expect(kerasFormat.detect('/m/tiny_cnn.keras', head('tiny_cnn.keras'))).toBe(true);
    expect(kerasFormat.detect('/m/model.pt', head('tiny_cnn.keras'))).toBe(false);
    expect(kerasFormat.detect('/m/tiny_cnn.keras', head('tiny_cnn.h5'))).toBe(false);
  });

  it('read returns a tfjs-artifacts ModelSource with the format id', async () => {
    const source = await kerasFormat.read(fixture('tiny_cnn.keras'));
    expect([source.format, source.kind]).toEqual(['keras', 'tfjs-artifacts']);
    expect((await kerasH5Format.read(fixture('tiny_cnn.h5'))).format).toBe('keras-h5');
  });
});
