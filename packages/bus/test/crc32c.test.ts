import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';

// The patched module itself (patches/kafkajs+2.2.4.patch): eight bytes at a time instead of one.
const crc32C = createRequire(import.meta.url)('kafkajs/src/protocol/recordBatch/crc32C') as (buffer: Buffer) => number;

/** CRC-32C bit by bit, straight from its definition (reflected polynomial 0x82F63B78). */
const reference = (buffer: Buffer): number => {
  let crc = 0xffffffff;
  for (const byte of buffer) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
};

describe("kafkajs' record batch checksum", () => {
  it('is CRC-32C: the standard check value', () => {
    expect(crc32C(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32C(Buffer.alloc(0))).toBe(0);
  });

  it('matches the definition for every length around the 8-byte stride and for a batch-sized buffer', () => {
    for (let length = 0; length < 64; length++) {
      const buffer = randomBytes(length);
      expect(crc32C(buffer), `length ${length}`).toBe(reference(buffer));
    }
    const batch = randomBytes(256 * 1024 + 5);
    expect(crc32C(batch)).toBe(reference(batch));
    // A view into a larger buffer, as the encoder hands it over.
    const slice = randomBytes(1000).subarray(3, 997);
    expect(crc32C(slice)).toBe(reference(slice));
  });
});
