/** The demo's classes, in label order (index = model output index). Written to examples/demo/labels.json. */
export const CLASS_NAMES = Object.freeze(['circle', 'square', 'triangle', 'cross', 'star', 'ring']);
