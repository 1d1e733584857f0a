/** mulberry32: a small seeded generator, so splits are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Row indices grouped by label, labels in the order they first occur. */
export function rowsByLabel(labels: ArrayLike<number>): Map<number, number[]> {
  const byLabel = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const rows = byLabel.get(labels[i]!) ?? [];
    rows.push(i);
    byLabel.set(labels[i]!, rows);
  }
  return byLabel;
}

/**
 * Splits row indices into train and held-out parts, stratified by label: each label with at least
 * two rows keeps at least one in each part, roughly `fraction` of them held out.
 */
export function stratifiedSplit(labels: ArrayLike<number>, fraction: number, seed: number): { train: number[]; holdout: number[] } {
  if (!(fraction > 0 && fraction < 1)) throw new Error(`held-out fraction must be between 0 and 1, got ${fraction}`);
  const random = seededRandom(seed);
  const byLabel = rowsByLabel(labels);
  const train: number[] = [];
  const holdout: number[] = [];
  for (const rows of byLabel.values()) {
    shuffle(rows, random);
    const held = rows.length < 2 ? 0 : Math.min(rows.length - 1, Math.max(1, Math.round(rows.length * fraction)));
    holdout.push(...rows.slice(0, held));
    train.push(...rows.slice(held));
  }
  return { train: train.sort((a, b) => a - b), holdout: holdout.sort((a, b) => a - b) };
}
