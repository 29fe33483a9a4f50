/**
 * Transposes a row-major array: the result has shape `shape[perm[i]]` along axis i (numpy's
 * `transpose(a, perm)`). Always returns a new array.
 */
export function transposeData<A extends Float32Array | Int32Array>(data: A, shape: number[], perm: number[]): A {
  const rank = shape.length;
  if (perm.length !== rank || [...perm].sort((p, q) => p - q).some((p, i) => p !== i)) {
    throw new Error(`transposeData: perm [${perm.join(', ')}] does not permute the axes of shape [${shape.join(', ')}]`);
  }
  // From here every axis index is below rank (perm is a permutation of 0..rank−1), and src stays within data.
  const out = new (data.constructor as { new (n: number): A })(data.length);
  if (perm.every((p, i) => p === i)) {
    out.set(data);
    return out;
  }
  const inStrides = new Array<number>(rank);
  for (let i = rank - 1, s = 1; i >= 0; i--) {
    inStrides[i] = s;
    s *= shape[i]!;
  }
  const outShape = perm.map((p) => shape[p]!);
  // Stride in the input of one step along each output axis.
  const step = perm.map((p) => inStrides[p]!);
  const idx = new Array<number>(rank).fill(0);
  let src = 0;
  for (let o = 0; o < out.length; o++) {
    out[o] = data[src]!;
    for (let a = rank - 1; a >= 0; a--) {
      const at = idx[a]! + 1;
      src += step[a]!;
      if (at < outShape[a]!) {
        idx[a] = at;
        break;
      }
      src -= step[a]! * outShape[a]!;
      idx[a] = 0;
    }
  }
  return out;
}

/** The permutation that undoes `perm`. */
export function invertPerm(perm: number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => (inv[p] = i));
  return inv;
}

/** `transpose(transpose(a, first), second)` as one permutation of `a`'s axes. */
export function composePerm(first: number[], second: number[]): number[] {
  return second.map((s) => {
    const p = first[s];
    if (p === undefined) throw new Error(`composePerm: [${second.join(', ')}] is not a permutation of ${first.length} axes`);
    return p;
  });
}
