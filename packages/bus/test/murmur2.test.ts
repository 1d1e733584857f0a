import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';

// The patched module itself (patches/kafkajs+2.2.4.patch): 32-bit integer arithmetic instead of Long.
const murmur2 = createRequire(import.meta.url)('kafkajs/src/producer/partitioners/default/murmur2') as (key: Buffer | string) => number;

/** Java's `Utils.murmur2` transcribed with BigInt, every step cut to a signed 32-bit int as Java's `int` is. */
const reference = (data: Buffer): number => {
  const int = (x: bigint) => BigInt.asIntN(32, x);
  const ushr = (x: bigint, bits: bigint) => BigInt.asUintN(32, x) >> bits;
  const m = 0x5bd1e995n;
  let h = int(0x9747b28cn ^ BigInt(data.length));
  const whole = data.length - (data.length % 4);
  for (let i = 0; i < whole; i += 4) {
    let k = int(BigInt(data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24)));
    k = int(k * m);
    k = int(k ^ ushr(k, 24n));
    k = int(k * m);
    h = int(int(h * m) ^ k);
  }
  const rest = data.length % 4;
  if (rest >= 3) h = int(h ^ BigInt(data[whole + 2]! << 16));
  if (rest >= 2) h = int(h ^ BigInt(data[whole + 1]! << 8));
  if (rest >= 1) h = int(int(h ^ BigInt(data[whole]!)) * m);
  h = int(h ^ ushr(h, 13n));
  h = int(h * m);
  return Number(int(h ^ ushr(h, 15n)));
};

describe("kafkajs' default partitioner hash", () => {
  it("gives the Java client's values, so keys land on the partitions Java producers choose", () => {
    // Published with kafkajs's partitioner tests, taken from the Java client.
    const java: Record<string, number> = {
      '0': 971027396,
      '1': -1993445489,
      '128': -326012175,
      '2187': -1508407203,
      '16384': -325739742,
      '100:48069': 1009543857,
    };
    for (const [key, hash] of Object.entries(java)) expect(murmur2(key), key).toBe(hash);
  });

  it('matches the transcription for every tail length and for keys with high bytes', () => {
    for (let length = 0; length < 70; length++) {
      const key = randomBytes(length);
      expect(murmur2(key), `length ${length}`).toBe(reference(key));
    }
    const high = Buffer.alloc(37, 0xff);
    expect(murmur2(high)).toBe(reference(high));
    const ticketId = '9f1c6c3e-3b1f-4a55-9a7a-0c8f2d1e5b77';
    expect(murmur2(ticketId)).toBe(reference(Buffer.from(ticketId)));
  });
});
