import { readFile } from 'node:fs/promises';
import { InputError } from './input-error.ts';

/** Reads a file as strict UTF-8; invalid bytes are an error naming the line they are on. */
export async function readUtf8(file: string): Promise<string> {
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(file, undefined, error.code === 'ENOENT' ? 'no such file' : error.message);
  });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(file, firstInvalidLine(bytes), 'not valid UTF-8 (save the file as UTF-8)');
  }
}

/** A newline byte never occurs inside a multi-byte UTF-8 sequence, so lines can be checked one by one. */
function firstInvalidLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    try {
      decoder.decode(bytes.subarray(start, i));
    } catch {
      return line;
    }
    line++;
    start = i + 1;
  }
  return line;
}
