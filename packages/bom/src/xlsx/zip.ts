import { BomInputError } from '../errors';
import type { BomLimits } from '../limits';
import { crc32, deflateRaw, inflateRaw, type DeflateLevel } from './codec';
import { assertSafeZipEntryNames } from './zip-entry-names';

/**
 * A minimal zip container reader/writer. fflate does the (de)compression; the container is handled here so
 * that (1) only the parts the engine needs are inflated, with caps checked against the central directory
 * before any inflation and CRCs verified after, and (2) untouched parts are copied compressed, byte for byte.
 */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  time: number;
  date: number;
  dataOffset: number;
}

export interface ZipArchive {
  bytes: Uint8Array;
  entries: ZipEntry[];
  byName: Map<string, ZipEntry>;
}

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const utf8 = new TextDecoder('utf-8');
// made on first use: a single-byte decoder costs milliseconds to build, and ASCII names decode the same either way
let latin1: InstanceType<typeof TextDecoder> | undefined;
const isAscii = (bytes: Uint8Array) => bytes.every((b) => b < 0x80);

export function readZip(bytes: Uint8Array, limits: BomLimits): ZipArchive {
  if (bytes.length > limits.maxInputBytes)
    throw new BomInputError('too_large', { bytes: bytes.length, limit: limits.maxInputBytes });
  if (OLE_MAGIC.every((b, i) => bytes[i] === b)) throw new BomInputError('xls_not_supported', {});
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b)
    throw new BomInputError('not_xlsx', { reason: 'not a zip file' });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEocd(view);
  if (eocd < 0) throw new BomInputError('not_xlsx', { reason: 'zip directory not found' });
  const count = view.getUint16(eocd + 10, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff)
    throw new BomInputError('zip_bomb', { reason: 'zip64 archives are not accepted', limit: 0xffff });
  if (count > limits.maxEntries)
    throw new BomInputError('zip_bomb', { reason: `${count} entries`, limit: limits.maxEntries });

  const entries: ZipEntry[] = [];
  let p = dirOffset;
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== SIG_CENTRAL)
      throw new BomInputError('not_xlsx', { reason: 'corrupt zip directory' });
    const flags = view.getUint16(p + 8, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLength);
    const entry: ZipEntry = {
      name: (flags & 0x800 || isAscii(nameBytes) ? utf8 : (latin1 ??= new TextDecoder('latin1'))).decode(nameBytes),
      method: view.getUint16(p + 10, true),
      flags,
      time: view.getUint16(p + 12, true),
      date: view.getUint16(p + 14, true),
      crc: view.getUint32(p + 16, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      dataOffset: localDataOffset(view, localOffset),
    };
    if (entry.dataOffset + entry.compressedSize > bytes.length)
      throw new BomInputError('not_xlsx', { reason: 'truncated zip entry' });
    total += entry.size;
    if (total > limits.maxTotalUncompressedBytes) {
      throw new BomInputError('zip_bomb', {
        reason: 'total uncompressed size',
        limit: limits.maxTotalUncompressedBytes,
      });
    }
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  assertSafeZipEntryNames(entries.map((e) => e.name));
  return { bytes, entries, byName: new Map(entries.map((e) => [e.name, e])) };
}

function findEocd(view: DataView): number {
  const stop = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let i = view.byteLength - 22; i >= stop; i--) if (view.getUint32(i, true) === SIG_EOCD) return i;
  return -1;
}

function localDataOffset(view: DataView, offset: number): number {
  if (offset + 30 > view.byteLength || view.getUint32(offset, true) !== SIG_LOCAL)
    throw new BomInputError('not_xlsx', { reason: 'corrupt zip entry header' });
  return offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
}

/** Inflates one entry, refusing parts over the cap and data that does not match its declared size and CRC. */
export function readEntry(zip: ZipArchive, entry: ZipEntry, limits: BomLimits): Uint8Array {
  if (entry.size > limits.maxPartBytes)
    throw new BomInputError('zip_bomb', {
      reason: `part ${entry.name} is ${entry.size} bytes`,
      limit: limits.maxPartBytes,
    });
  if (entry.flags & 1) throw new BomInputError('xls_not_supported', {});
  const raw = zip.bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  let data: Uint8Array;
  if (entry.method === 0) data = raw;
  else if (entry.method === 8) {
    try {
      // output is bounded by the declared size, so memory stays bounded even when the header lies
      data = inflateRaw(raw, entry.size);
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new BomInputError('zip_bomb', {
          reason: `part ${entry.name} is larger than declared`,
          limit: entry.size,
        });
      }
      throw new BomInputError('not_xlsx', { reason: `cannot inflate ${entry.name}` });
    }
  } else throw new BomInputError('not_xlsx', { reason: `unsupported compression method ${entry.method}` });
  if (data.length !== entry.size || crc32(data) !== entry.crc) {
    throw new BomInputError('zip_bomb', {
      reason: `part ${entry.name} does not match its declared size`,
      limit: entry.size,
    });
  }
  return data;
}

export function readEntryText(zip: ZipArchive, name: string, limits: BomLimits): string | undefined {
  const entry = zip.byName.get(name);
  return entry ? utf8.decode(readEntry(zip, entry, limits)) : undefined;
}

/** An entry of the output archive: either new content, or an input entry copied as stored. */
export type ZipOutput = { name: string; data: Uint8Array } | { name: string; copyOf: ZipEntry };

export function writeZip(source: ZipArchive | undefined, outputs: ZipOutput[], level: DeflateLevel = 6): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const out of outputs) {
    const name = encoder.encode(out.name);
    let method: number, crc: number, size: number, payload: Uint8Array, time: number, date: number;
    if ('copyOf' in out) {
      if (!source) throw new Error('copyOf needs the source archive');
      const e = out.copyOf;
      ({ method, crc, size, time, date } = e);
      payload = source.bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    } else {
      crc = crc32(out.data);
      size = out.data.length;
      method = 8;
      payload = deflateRaw(out.data, level);
      time = 0;
      date = ((2020 - 1980) << 9) | (1 << 5) | 1;
    }
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, SIG_LOCAL, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x800, true);
    lv.setUint16(8, method, true);
    lv.setUint16(10, time, true);
    lv.setUint16(12, date, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, payload.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    chunks.push(local, payload);

    const dir = new Uint8Array(46 + name.length);
    const dv = new DataView(dir.buffer);
    dv.setUint32(0, SIG_CENTRAL, true);
    dv.setUint16(4, 20, true);
    dv.setUint16(6, 20, true);
    dv.setUint16(8, 0x800, true);
    dv.setUint16(10, method, true);
    dv.setUint16(12, time, true);
    dv.setUint16(14, date, true);
    dv.setUint32(16, crc, true);
    dv.setUint32(20, payload.length, true);
    dv.setUint32(24, size, true);
    dv.setUint16(28, name.length, true);
    dv.setUint32(42, offset, true);
    dir.set(name, 46);
    central.push(dir);
    offset += local.length + payload.length;
  }
  const dirSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, SIG_EOCD, true);
  ev.setUint16(8, outputs.length, true);
  ev.setUint16(10, outputs.length, true);
  ev.setUint32(12, dirSize, true);
  ev.setUint32(16, offset, true);
  const all = [...chunks, ...central, end];
  const result = new Uint8Array(offset + dirSize + 22);
  let at = 0;
  for (const c of all) {
    result.set(c, at);
    at += c.length;
  }
  return result;
}
