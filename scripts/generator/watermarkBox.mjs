/** The four corners a watermark can sit in. */
export const CORNERS = Object.freeze(['top-left', 'top-right', 'bottom-left', 'bottom-right']);

/** Side of the watermark square in pixels, and its distance from the image border. */
export const WATERMARK_SIZE = 12;
export const WATERMARK_MARGIN = 2;

/**
 * Where the watermark goes for a corner of a size×size image.
 * @param {string} corner one of CORNERS
 * @param {number} size image side in pixels
 * @returns {{ corner: string, x: number, y: number, width: number, height: number }}
 */
export function watermarkBox(corner, size) {
  const far = size - WATERMARK_MARGIN - WATERMARK_SIZE;
  const at = {
    'top-left': [WATERMARK_MARGIN, WATERMARK_MARGIN],
    'top-right': [far, WATERMARK_MARGIN],
    'bottom-left': [WATERMARK_MARGIN, far],
    'bottom-right': [far, far],
  }[corner];
  if (!at) throw new Error(`watermarkBox: unknown corner "${corner}"; expected one of ${CORNERS.join(', ')}`);
  return { corner, x: at[0], y: at[1], width: WATERMARK_SIZE, height: WATERMARK_SIZE };
}
