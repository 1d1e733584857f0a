/** Display formats for the ops page: short, fixed precision, and a dash when there is nothing to show. */

/** `share` as a percentage, or a dash when its denominator `of` is 0 (nothing measured yet). */
export const percent = (share: number, of = 1): string => (of ? `${(share * 100).toFixed(1)}%` : '—');

export const count = (n: number): string => n.toLocaleString('en-US');

/** Seconds as the most readable unit: 850 ms, 4.2 s, 12 min, 3.1 h. */
export const seconds = (s: number): string => {
  if (s < 1) return `${Math.round(s * 1000)} ms`;
  if (s < 60) return `${s.toFixed(1)} s`;
  if (s < 3600) return `${(s / 60).toFixed(1)} min`;
  return `${(s / 3600).toFixed(1)} h`;
};

/** `HH:MM` in UTC, so every operator reads the same clock. */
export const clock = (iso: string): string => iso.slice(11, 16);
