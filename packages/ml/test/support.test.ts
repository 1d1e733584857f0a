import { describe, expect, it } from 'vitest';
import { stratifiedSplit } from '@triage/ml';
import { pack, unpack } from '../src/binary.ts';

describe('stratifiedSplit', () => {
  const labels = Int32Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2]);

  it('holds out about the fraction of each label, keeping singletons in train', () => {
    const { train, holdout } = stratifiedSplit(labels, 0.2, 1);
    expect([...train, ...holdout].sort((a, b) => a - b)).toEqual(Array.from(labels.keys()));
    expect(holdout.filter((i) => labels[i] === 0)).toHaveLength(2);
    expect(holdout.filter((i) => labels[i] === 1)).toHaveLength(1);
    expect(train).toContain(15);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(stratifiedSplit(labels, 0.3, 9)).toEqual(stratifiedSplit(labels, 0.3, 9));
    expect(stratifiedSplit(labels, 0.3, 9)).not.toEqual(stratifiedSplit(labels, 0.3, 10));
  });
});

describe('binary packing', () => {
  it('round-trips a header and typed arrays', () => {
    const bytes = pack('thing', 2, { name: 'x' }, { a: Float32Array.from([1.5, -2]), b: Int32Array.from([7]) });
    const { header, arrays } = unpack(bytes, 'thing', 2);
    expect(header).toEqual({ name: 'x' });
    expect(arrays.get('a')).toEqual(Float32Array.from([1.5, -2]));
    expect(arrays.get('b')).toEqual(Int32Array.from([7]));
  });

  it('reads from an unaligned offset and rejects the wrong kind, version or a truncated buffer', () => {
    const bytes = pack('thing', 1, null, { a: Float32Array.from([1, 2, 3]) });
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(unpack(shifted.subarray(1), 'thing', 1).arrays.get('a')).toEqual(Float32Array.from([1, 2, 3]));
    expect(() => unpack(bytes, 'other', 1)).toThrow(/expected a serialized other/);
    expect(() => unpack(bytes, 'thing', 2)).toThrow(/version 1/);
    expect(() => unpack(bytes.subarray(0, bytes.length - 4), 'thing', 1)).toThrow(/truncated/);
  });
});
