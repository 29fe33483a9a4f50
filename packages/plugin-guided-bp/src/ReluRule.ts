/**
 * How a gradient passes a ReLU on the way back to the input (seed report eq. 2), with f the
 * forward input of the ReLU and R the gradient arriving from above:
 * - `backprop`:  R_out = [f > 0] · R            (vanilla gradient, Simonyan et al. 2014)
 * - `deconvnet`: R_out = [R > 0] · R            (Zeiler & Fergus 2014)
 * - `guided`:    R_out = [f > 0] · [R > 0] · R  (Springenberg et al. 2015)
 */
export type ReluRule = 'guided' | 'deconvnet' | 'backprop';

/** The accepted rules, in the order they are documented. */
export const RELU_RULES: readonly ReluRule[] = ['guided', 'deconvnet', 'backprop'];
