import jStat from 'jstat';

/**
 * The p-quantile of Student's t distribution with `dof` degrees of freedom (jstat's inverse of the
 * regularised incomplete beta; relative error below 1e-7 against published tables).
 */
export function studentTQuantile(p: number, dof: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile: p must lie in (0, 1), got ${p}`);
  if (!(dof > 0)) throw new RangeError(`studentTQuantile: degrees of freedom must be > 0, got ${dof}`);
  return jStat.studentt.inv(p, dof);
}
