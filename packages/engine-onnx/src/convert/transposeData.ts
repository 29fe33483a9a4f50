/**
 * Transposes a row-major array: the result has shape `shape[perm[i]]` along axis i (numpy's
 * `transpose(a, perm)`). Always returns a new array.
 */
export function transposeData<A extends Float32Array | Int32Array>(data: A, shape: number[], perm: number[]): A {
  const rank = shape.length;
  if (perm.length !== rank) throw new Error(`transposeData: perm [${perm.join(', ')}] does not fit shape [${shape.join(', ')}]`);
  const out = new (data.constructor as { new (n: number): A })(data.length);
  if (perm.every((p, i) => p === i)) {
    out.set(data);
    return out;
  }
  const inStrides = new Array<number>(rank);
  for (let i = rank - 1, s = 1; i >= 0; i--) {
    inStrides[i] = s;
    s *= shape[i];
  }
  const outShape = perm.map((p) => shape[p]);
  // Stride in the input of one step along each output axis.
  const step = perm.map((p) => inStrides[p]);
  const idx = new Array<number>(rank).fill(0);
  let src = 0;
  for (let o = 0; o < out.length; o++) {
    out[o] = data[src];
    for (let a = rank - 1; a >= 0; a--) {
      idx[a]++;
      src += step[a];
      if (idx[a] < outShape[a]) break;
      src -= step[a] * outShape[a];
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
  return second.map((s) => first[s]);
}
