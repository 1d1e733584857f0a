// `npm run wasm`: assembles every WebAssembly text file into the binary kept beside it, which is what
// runs (nothing is assembled at run time). Tests fail when a committed binary is stale.
import { writeFile } from 'node:fs/promises';
import { assembleWat, WAT_FILES, wasmFileOf } from '../packages/ml/test/wasm-files.ts';

for (const wat of WAT_FILES) await writeFile(wasmFileOf(wat), await assembleWat(wat));
console.log(`assembled ${WAT_FILES.length} WebAssembly file(s)`);
