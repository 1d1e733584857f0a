import { unzipSync } from 'fflate';

/** Reads the named entries out of a zip (or jar) held in memory; only those are inflated. */
export function extractZipEntries(zip: Uint8Array, names: readonly string[]): Map<string, Buffer> {
  const wanted = new Set(names);
  const entries = unzipSync(zip, { filter: (file) => wanted.has(file.name) });
  return new Map(Object.entries(entries).map(([name, data]) => [name, Buffer.from(data.buffer, data.byteOffset, data.byteLength)]));
}
