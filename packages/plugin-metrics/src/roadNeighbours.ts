/** ROAD's neighbour weights (Rong et al. 2022): 1/6 for the 4 direct neighbours, 1/12 for the 4 diagonal ones (sum 1). */
export const ROAD_NEIGHBOURS: readonly { dy: number; dx: number; w: number }[] = [
  { dy: -1, dx: -1, w: 1 / 12 },
  { dy: -1, dx: 0, w: 1 / 6 },
  { dy: -1, dx: 1, w: 1 / 12 },
  { dy: 0, dx: -1, w: 1 / 6 },
  { dy: 0, dx: 1, w: 1 / 6 },
  { dy: 1, dx: -1, w: 1 / 12 },
  { dy: 1, dx: 0, w: 1 / 6 },
  { dy: 1, dx: 1, w: 1 / 12 },
];
