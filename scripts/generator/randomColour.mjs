/** Perceived luminance (Rec. 601) of an RGB triple in [0, 1]. @param {number[]} c */
export function luminance(c) {
  return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
}

/** A uniformly random RGB colour in [0, 1]³. @param {() => number} rng */
export function randomColour(rng) {
  return [rng(), rng(), rng()];
}
