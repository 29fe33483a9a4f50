/**
 * The energy-based pointing game (Wang et al. 2020, Score-CAM, Sec. 4.2): the share of the map's
 * positive mass inside the mask (value > 0.5), Σ_{in mask} max(L, 0) / Σ max(L, 0). Negative values
 * (evidence against the class) carry no energy. A map without positive mass scores 0: it points at
 * nothing. NaN values are ignored.
 */
export function energyPointingGame(map: ArrayLike<number>, mask: ArrayLike<number>): number {
  let inside = 0;
  let total = 0;
  for (let i = 0; i < map.length; i++) {
    const v = map[i]!;
    if (!(v > 0)) continue;
    total += v;
    if (mask[i]! > 0.5) inside += v;
  }
  return total > 0 ? inside / total : 0;
}
