import type { NdArray, VisorModel } from '@visor/core';
import type { tf } from '@visor/engine-tfjs';

/** One rectifier input that lies on different sides of a kink (0, or the cap of a ReLU6) on two engines. */
export interface RectifierFlip {
  /** The rectifier layer (a Keras ReLU / Activation('relu') layer). */
  layer: string;
  /** Flat index in its channels-last input. */
  index: number;
  /** The rectifier's input on each engine. */
  a: number;
  b: number;
  /** The kink between them. */
  kink: number;
}

/**
 * Where the forward passes of two engines send a ReLU or ReLU6 input to different sides of a kink. Two float32
 * engines sum in different orders, so their pre-activations differ in the last bits (measured: 1e-5 of their
 * scale in MobileNetV2's late blocks); a unit that sits within that of 0 or 6 is open on one engine and closed on
 * the other, and then every gradient through it differs — for a unit in a 2×2 block of a 64×64 network, at
 * most pixels of the input gradient. With no flip, the backward passes see the same network.
 *
 * The rectifiers are the Keras model's standalone ReLU / Activation('relu') layers (the zoo's and Keras
 * applications' only kind); each one's input is its inbound layer's output, run on both engines.
 */
export async function rectifierFlips(keras: tf.LayersModel, a: VisorModel, b: VisorModel, x: NdArray): Promise<RectifierFlip[]> {
  const rectifiers = keras.layers.filter((l) => {
    const config = l.getConfig() as { activation?: string; max_value?: number | null; maxValue?: number | null };
    return l.getClassName() === 'ReLU' || (l.getClassName() === 'Activation' && config.activation === 'relu');
  });
  const caps = rectifiers.map((l) => {
    const config = l.getConfig() as { maxValue?: number | null };
    return config.maxValue ?? null;
  });
  const inputs = rectifiers.map((l) => {
    const inbound = (l as unknown as { inboundNodes: { inboundLayers: { name: string }[] }[] }).inboundNodes[0]!.inboundLayers;
    if (inbound.length !== 1) throw new Error(`rectifierFlips: ${l.name} has ${inbound.length} inbound layers`);
    return inbound[0]!.name;
  });
  const [va, vb] = [await a.run(x, inputs), await b.run(x, inputs)];
  const flips: RectifierFlip[] = [];
  rectifiers.forEach((l, i) => {
    const [da, db] = [va[i]!.data, vb[i]!.data];
    const kinks = caps[i] === null ? [0] : [0, caps[i] as number];
    for (let j = 0; j < da.length; j++) {
      for (const kink of kinks) if (da[j]! > kink !== db[j]! > kink) flips.push({ layer: l.name, index: j, a: da[j]!, b: db[j]!, kink });
    }
  });
  return flips;
}
