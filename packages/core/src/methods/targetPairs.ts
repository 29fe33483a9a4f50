import { VisorError } from '../errors/VisorError.js';

/** One (input, target class) pair, in the order explanations are returned. */
export interface TargetPair {
  inputIndex: number;
  classIndex: number;
  /** Position of the class in that input's target list. */
  rank: number;
}

/**
 * The (input, class) pairs of a batch, ordered by input then target, after checking that there is
 * one target list per input and every class index is an integer in [0, numClasses).
 */
export function targetPairs(targets: number[][], batchSize: number, numClasses: number, method: string): TargetPair[] {
  if (targets.length !== batchSize) {
    throw new VisorError(`${method}: got ${targets.length} target lists for a batch of ${batchSize} inputs; expected one list per input.`, { code: 'run' });
  }
  const pairs: TargetPair[] = [];
  targets.forEach((classes, inputIndex) => {
    classes.forEach((classIndex, rank) => {
      if (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= numClasses) {
        throw new VisorError(
          `${method}: target class ${classIndex} of input ${inputIndex} is not a class index; accepted: an ` + `integer from 0 to ${numClasses - 1}.`,
          { code: 'run' },
        );
      }
      pairs.push({ inputIndex, classIndex, rank });
    });
  });
  return pairs;
}
