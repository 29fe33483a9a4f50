/**
 * The demo's classes, in label order (index = model output index). Written to examples/demo/ labels.json.
 * (`shapeFor` also draws a 'ring'; it is left out of the classes to keep training within minutes.)
 */
export const CLASS_NAMES = Object.freeze(['circle', 'square', 'triangle', 'cross', 'star']);
