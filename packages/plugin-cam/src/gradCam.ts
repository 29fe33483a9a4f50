import { gradCamExplainer } from './gradCamExplainer.js';

/** Grad-CAM (Selvaraju et al. 2017): ReLU(Σ_k α_k A_k), α_k = mean_xy ∂y_c/∂A_k(x, y). Any conv layer. */
export const gradCam = gradCamExplainer(
  'grad-cam',
  'Grad-CAM (Selvaraju et al. 2017): feature maps weighted by their mean gradient; any CNN.',
  'w_k = mean over (x, y) of the gradient ∂y_c/∂A_k',
);
