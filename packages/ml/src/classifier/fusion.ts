/** The mean of the heads' log-probabilities: a renormalised geometric mean once softmaxed. */
export function fuseLogProbabilities(heads: readonly Float64Array[]): Float64Array {
  if (heads.length === 1) return heads[0]!;
  const fused = new Float64Array(heads[0]!.length);
  for (const head of heads) for (let k = 0; k < fused.length; k++) fused[k] = fused[k]! + head[k]! / heads.length;
  return fused;
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
