import { explainerConformance } from '@visor/core/testing';
import { cam } from './cam.js';
import { gradCam } from './gradCam.js';
import { gradCamPlusPlus } from './gradCamPlusPlus.js';
import { residualModel } from './testing/tinyModels.js';

for (const explainer of [cam, gradCam, gradCamPlusPlus]) {
  explainerConformance(explainer, {
    model: residualModel,
    backend: 'cpu',
    invalidOptions: [{ upsample: 'cubic' }, { score: 'softmax' }, { relu: 1 }, { layer: '' }],
    batch: 2,
    targetsPerInput: 3,
  });
}
