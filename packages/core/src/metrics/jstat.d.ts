// The part of jstat (which ships no types) that core uses. jstat is CommonJS: in Node's ESM its
// module.exports (the jStat function object) is the default export and there are no named exports.
declare module 'jstat' {
  const jStat: {
    studentt: {
      /** Quantile (inverse CDF) of Student's t distribution with `dof` degrees of freedom at probability p. */
      inv(p: number, dof: number): number;
    };
  };
  export default jStat;
}
