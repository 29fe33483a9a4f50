// The part of jstat (which ships no types) that core uses.
declare module 'jstat' {
  export const jStat: {
    studentt: {
      /** Quantile (inverse CDF) of Student's t distribution with `dof` degrees of freedom at probability p. */
      inv(p: number, dof: number): number;
    };
  };
}
