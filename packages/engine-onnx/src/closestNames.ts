/** The `count` names closest to `name` by edit distance (ties in the given order), for "did you mean" messages. */
export function closestNames(name: string, names: readonly string[], count = 3): string[] {
  return names
    .map((candidate, i) => ({ candidate, i, d: distance(name, candidate) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, count)
    .map((e) => e.candidate);
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}
