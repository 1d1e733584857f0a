import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { assembleWat, WAT_FILES, wasmFileOf } from './wasm-files.ts';

describe('WebAssembly binaries', () => {
  it.each(WAT_FILES.map((wat) => [wat.pathname.split('/').at(-1)!, wat] as const))(
    '%s is assembled from its text as committed (npm run wasm)',
    async (_name, wat) => {
      expect(Buffer.from(await readFile(wasmFileOf(wat))).equals(Buffer.from(await assembleWat(wat)))).toBe(true);
    },
  );
});
