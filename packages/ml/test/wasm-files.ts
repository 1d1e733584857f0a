import { readFile } from 'node:fs/promises';
import wabtInit from 'wabt';

/** The WebAssembly text files kept beside their assembled binaries. */
export const WAT_FILES = [new URL('../src/retrieval/dot-products.wat', import.meta.url)];

export const wasmFileOf = (wat: URL): URL => new URL(wat.href.replace(/\.wat$/, '.wasm'));

/** The binary of a WebAssembly text file, with the SIMD instructions its kernels use. */
export const assembleWat = async (wat: URL): Promise<Uint8Array> => {
  const wabt = await wabtInit();
  const parsed = wabt.parseWat(wat.pathname, await readFile(wat, 'utf8'), { simd: true });
  try {
    return parsed.toBinary({}).buffer;
  } finally {
    parsed.destroy();
  }
};
