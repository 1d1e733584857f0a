import { z } from 'zod';

/** Typed arrays a packed model may hold; stored in the platform's byte order (little-endian everywhere Node runs). */
export type PackedArray = Float32Array | Int32Array;

const MAGIC = 'TRIAGEML';
const ArrayEntry = z.strictObject({ name: z.string(), type: z.enum(['f32', 'i32']), length: z.number().int().min(0) });
const Envelope = z.strictObject({ kind: z.string(), version: z.number().int(), header: z.unknown(), arrays: z.array(ArrayEntry) });

/**
 * Packs a JSON header and named typed arrays into one buffer: magic, header length, the JSON
 * header, padding to 4 bytes, then the arrays back to back.
 */
export function pack(kind: string, version: number, header: unknown, arrays: Record<string, PackedArray>): Uint8Array {
  const entries = Object.entries(arrays).map(([name, data]) => ({
    name,
    type: data instanceof Float32Array ? 'f32' : 'i32',
    length: data.length,
  }));
  const json = new TextEncoder().encode(JSON.stringify({ kind, version, header, arrays: entries }));
  const headerEnd = align4(MAGIC.length + 4 + json.length);
  const total = headerEnd + Object.values(arrays).reduce((sum, data) => sum + data.byteLength, 0);
  const bytes = new Uint8Array(total);
  bytes.set(new TextEncoder().encode(MAGIC));
  new DataView(bytes.buffer).setUint32(MAGIC.length, json.length, true);
  bytes.set(json, MAGIC.length + 4);
  let offset = headerEnd;
  for (const data of Object.values(arrays)) {
    bytes.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), offset);
    offset += data.byteLength;
  }
  return bytes;
}

export function unpack(bytes: Uint8Array, kind: string, version: number): { header: unknown; arrays: Map<string, PackedArray> } {
  if (bytes.length < MAGIC.length + 4 || new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) {
    throw new Error('not a serialized Triage model');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = view.getUint32(MAGIC.length, true);
  const envelope = Envelope.parse(JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + jsonLength))));
  if (envelope.kind !== kind) throw new Error(`expected a serialized ${kind}, got ${envelope.kind}`);
  if (envelope.version !== version) throw new Error(`${kind} format version ${envelope.version} is not supported (expected ${version})`);
  const arrays = new Map<string, PackedArray>();
  let offset = align4(MAGIC.length + 4 + jsonLength);
  for (const { name, type, length } of envelope.arrays) {
    const end = offset + length * 4;
    if (end > bytes.length) throw new Error(`serialized ${kind} is truncated (array ${name})`);
    // Copy into a fresh buffer: the input may sit at an offset that is not 4-byte aligned.
    const copy = bytes.slice(offset, end).buffer;
    arrays.set(name, type === 'f32' ? new Float32Array(copy) : new Int32Array(copy));
    offset = end;
  }
  return { header: envelope.header, arrays };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
