/** Typed arrays as base64 of their little-endian bytes: exact, and a third the size of JSON numbers. */
export const encodeFloats = (values: Float32Array): string =>
  Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
export const encodeInts = (values: Int32Array): string =>
  Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');

// Copy into a fresh buffer: a decoded Buffer may sit at an offset that is not 4-byte aligned.
export const decodeFloats = (text: string): Float32Array => new Float32Array(Uint8Array.from(Buffer.from(text, 'base64')).buffer);
export const decodeInts = (text: string): Int32Array => new Int32Array(Uint8Array.from(Buffer.from(text, 'base64')).buffer);
