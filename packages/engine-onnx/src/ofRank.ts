/** A tuple of N entries of T: a shape (or dims) whose rank is known. */
export type OfRank<N extends number, T = number, Acc extends T[] = []> = Acc['length'] extends N ? Acc : OfRank<N, T, [...Acc, T]>;

/**
 * `shape` typed as a tuple of its rank, after checking it has rank `rank`: where a rank follows from a
 * model file (a weight's dims, an op's input) rather than from Visor's own code, a wrong one is an error
 * naming `what`, not an undefined read further on.
 */
export function ofRank<N extends number, T>(shape: readonly T[], rank: N, what: string): OfRank<N, T> {
  if (shape.length !== rank) throw new Error(`${what} has shape [${shape.join(', ')}]; expected rank ${rank}`);
  return shape as unknown as OfRank<N, T>;
}

/** Whether `shape` has rank `rank` (narrows it to a tuple where the rank was checked in place). */
export const hasRank = <N extends number, T>(shape: readonly T[], rank: N): shape is OfRank<N, T> => shape.length === rank;
