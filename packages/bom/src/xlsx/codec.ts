import { deflateSync, inflateSync } from 'fflate';
import { crc32 as crc32Js } from './crc32';

/**
 * Raw deflate, inflate and CRC-32. Node's zlib (native, 4–5× faster on sheet XML) when the engine runs
 * in Node; fflate (pure JS) anywhere else, e.g. in a browser. Both produce standard deflate streams.
 */
interface NativeZlib {
  deflateRawSync(data: Uint8Array, options: { level: number; chunkSize: number }): Uint8Array;
  inflateRawSync(data: Uint8Array, options: { maxOutputLength: number; chunkSize: number }): Uint8Array;
  crc32?(data: Uint8Array): number;
}

type ProcessWithBuiltins = { getBuiltinModule?: (id: string) => unknown };

let zlib: NativeZlib | null | undefined;

/** Node's zlib, loaded on first use (a command that only prints its help never pays for it); null elsewhere. */
function nativeZlib(): NativeZlib | null {
  if (zlib !== undefined) return zlib;
  const proc = (globalThis as { process?: ProcessWithBuiltins }).process;
  try {
    zlib = (proc?.getBuiltinModule?.('node:zlib') as NativeZlib | undefined) ?? null;
  } catch {
    zlib = null;
  }
  return zlib;
}

export type DeflateLevel = 1 | 6;

export function deflateRaw(data: Uint8Array, level: DeflateLevel): Uint8Array {
  const native = nativeZlib();
  // one output buffer that fits any deflate of the data: pages only cost when written, concatenating costs a copy
  if (native)
    return native.deflateRawSync(data, { level, chunkSize: Math.max(64, data.length + (data.length >>> 8) + 64) });
  return deflateSync(data, { level });
}

/** Inflates to at most `size` bytes; the caller checks length and CRC, so a lying header cannot grow memory. */
export function inflateRaw(data: Uint8Array, size: number): Uint8Array {
  const native = nativeZlib();
  // one output buffer of the declared size (+1 to see a lying header): no 16 KB chunks to concatenate
  if (native)
    return native.inflateRawSync(data, { maxOutputLength: Math.max(1, size), chunkSize: Math.max(64, size + 1) });
  return inflateSync(data, { out: new Uint8Array(size) });
}

export function crc32(data: Uint8Array): number {
  const native = nativeZlib();
  return native?.crc32 ? native.crc32(data) >>> 0 : crc32Js(data);
}
