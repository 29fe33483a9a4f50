import { gradCamExplainer } from './gradCamExplainer.js';

/**
 * Grad-CAM++ (Chattopadhay et al. 2018), closed form for an exponential score as in pytorch-grad-cam:
 * w_k = Σ_xy α·ReLU(g), α = g² / (2g² + Σ_ab A_k(a, b)·g³), g = ∂y_c/∂A_k.
 */
export const gradCamPlusPlus = gradCamExplainer(
  'grad-cam++',
  'Grad-CAM++ (Chattopadhay et al. 2018): feature maps weighted by α-weighted positive gradients; any CNN.',
  'w_k = Σ_xy α·ReLU(g), α = g² / (2g² + Σ_ab A_k·g³), g = ∂y_c/∂A_k, the gradient',
);
