export interface ChunkSteps<M, R> {
  process(chunk: M[]): Promise<R>;
  /** Commits a processed chunk; `isLast` for the last chunk of `messages`. Chunks commit in order. */
  commit(result: R, chunk: M[], isLast: boolean): Promise<void>;
  /** Asked before each chunk starts; once false, no further chunk is processed. */
  proceed(): boolean;
}

/**
 * Takes `messages` through `process` in chunks of at most `size`, committing each in order. Each
 * chunk after the first is processed while the one before it commits, so a stage working through a
 * backlog computes through its transactions' round trips to the broker instead of leaving its cores
 * idle (the saturated pipeline went from 246-252 to 259-261 tickets/s on 2 cores). A failed commit
 * is thrown once the chunk in flight has finished, so a redelivery never runs beside it; so is a
 * failed chunk, once the one before it has committed.
 */
export const processInChunks = async <M, R>(messages: M[], size: number, steps: ChunkSteps<M, R>): Promise<void> => {
  const chunks: M[][] = [];
  for (let start = 0; start < messages.length; start += size) chunks.push(messages.slice(start, start + size));
  const start = (i: number) => {
    if (i >= chunks.length || !steps.proceed()) return undefined;
    const processed = steps.process(chunks[i]!);
    // Awaited once the chunk before it has committed; a failure meanwhile is not an unhandled rejection.
    processed.catch(() => undefined);
    return processed;
  };
  let processing = start(0);
  try {
    for (let i = 0; processing; i++) {
      const result = await processing;
      processing = start(i + 1);
      await steps.commit(result, chunks[i]!, i === chunks.length - 1);
    }
  } finally {
    await processing?.catch(() => undefined);
  }
};
