export interface Progress {
  /** Share done, in [0, 1]. */
  update(done: number): void;
  finish(): void;
}

const WIDTH = 30;
const REDRAW_MS = 100;

/** A one-line progress bar on stderr; silent when stderr is not a terminal (logs, CI, pipes). */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, finish() {} };
  let lastDraw = 0;
  const draw = (done: number) => {
    const filled = Math.round(done * WIDTH);
    stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(done * 100).toFixed(0).padStart(3)}%`);
  };
  return {
    update(done) {
      const now = performance.now();
      if (now - lastDraw < REDRAW_MS) return;
      lastDraw = now;
      draw(Math.max(0, Math.min(1, done)));
    },
    finish() {
      draw(1);
      stream.write('\n');
    },
  };
}

/** Runs `fn` over the items in batches, reporting progress after each batch. */
export async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  progress: Progress,
  fn: (batch: T[]) => Promise<R[]>,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await fn(items.slice(start, start + size))));
    progress.update(Math.min(items.length, start + size) / items.length);
  }
  progress.finish();
  return results;
}
