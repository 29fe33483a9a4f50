import { tf } from '../tf.js';

/** The artifacts of an in-memory model, as `model.save` would write them (topology, weight specs and data), without any I/O. */
export async function artifactsOf(model: tf.LayersModel | tf.GraphModel): Promise<tf.io.ModelArtifacts> {
  let captured: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      captured = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!captured) throw new Error('engine-tfjs: the model did not save its artifacts');
  return captured;
}
