// The chat widget's weight on a customer's page: widget.js as intake serves it, raw, gzipped and
// brotli-compressed, against the 15 KB (gzipped) budget a script on every page of a site must keep.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { startRecord } from './support/results.ts';
import { printTable } from './support/table.ts';

const BUDGET_GZIP_BYTES = 15 * 1024;

const record = startRecord('widget');
const source = readFileSync(new URL('../services/intake/src/widget/widget.js', import.meta.url));
const sizes = {
  rawBytes: source.length,
  gzipBytes: gzipSync(source, { level: 9 }).length,
  brotliBytes: brotliCompressSync(source).length,
  budgetGzipBytes: BUDGET_GZIP_BYTES,
};
printTable('widget.js', [sizes]);
console.log(`written to ${await record.finish(sizes)}`);
if (sizes.gzipBytes > BUDGET_GZIP_BYTES) {
  console.error(`widget.js is ${sizes.gzipBytes} bytes gzipped, over its ${BUDGET_GZIP_BYTES}-byte budget`);
  process.exitCode = 1;
}
