import { inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/**
 * Reads the named entries out of a zip (or jar) held in memory. Written here rather than shelling
 * out to `unzip` so the model fetch needs nothing beyond Maven; ZIP64 archives are not supported.
 */
export function extractZipEntries(zip: Buffer, names: readonly string[]): Map<string, Buffer> {
  const wanted = new Set(names);
  const found = new Map<string, Buffer>();
  let entry = zip.readUInt32LE(findEndOfCentralDirectory(zip) + 16);
  while (entry + 46 <= zip.length && zip.readUInt32LE(entry) === CENTRAL_DIRECTORY_ENTRY) {
    const method = zip.readUInt16LE(entry + 10);
    const compressedSize = zip.readUInt32LE(entry + 20);
    const nameLength = zip.readUInt16LE(entry + 28);
    const extraLength = zip.readUInt16LE(entry + 30);
    const commentLength = zip.readUInt16LE(entry + 32);
    const localHeader = zip.readUInt32LE(entry + 42);
    const name = zip.toString('utf8', entry + 46, entry + 46 + nameLength);
    if (wanted.has(name)) found.set(name, readEntry(zip, localHeader, method, compressedSize, name));
    entry += 46 + nameLength + extraLength + commentLength;
  }
  return found;
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes at the end of the file.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new Error('not a zip archive: no end-of-central-directory record');
}

function readEntry(zip: Buffer, localHeader: number, method: number, size: number, name: string): Buffer {
  if (zip.readUInt32LE(localHeader) !== LOCAL_FILE_HEADER) throw new Error(`corrupt zip entry ${name}`);
  const start = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
  const data = zip.subarray(start, start + size);
  if (method === 0) return Buffer.from(data);
  if (method === 8) return inflateRawSync(data);
  throw new Error(`zip entry ${name} uses unsupported compression method ${method}`);
}
