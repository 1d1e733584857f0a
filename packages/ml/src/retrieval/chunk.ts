export interface ChunkOptions {
  /** Words per chunk; default 200 (about 260 MiniLM tokens, inside its 256-token window for most text). */
  words?: number;
  /** Words shared by neighbouring chunks, so a passage cut at a boundary is whole in one of them; default 50. */
  overlap?: number;
}

/**
 * Splits an article into overlapping word windows, each prefixed with the title so a chunk still
 * says what it is about. A short article is one chunk.
 */
export function chunkText(title: string, body: string, options: ChunkOptions = {}): string[] {
  const size = options.words ?? 200;
  const overlap = options.overlap ?? 50;
  if (!Number.isInteger(size) || size < 1) throw new Error(`chunk size must be a positive integer, got ${size}`);
  if (!Number.isInteger(overlap) || overlap < 0 || overlap >= size) throw new Error(`overlap must be in [0, ${size}), got ${overlap}`);
  const words = body.split(/\s+/).filter(Boolean);
  const prefix = title.trim() ? `${title.trim()}\n` : '';
  if (words.length <= size) return [`${prefix}${words.join(' ')}`.trim()];
  const chunks: string[] = [];
  for (let start = 0; ; start += size - overlap) {
    chunks.push(`${prefix}${words.slice(start, start + size).join(' ')}`);
    if (start + size >= words.length) break;
  }
  return chunks;
}
