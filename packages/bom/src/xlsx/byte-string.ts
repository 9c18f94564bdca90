/**
 * A worksheet's XML is held as a byte string: one UTF-16 code unit per byte of the UTF-8 part (Latin-1 decoding).
 * Its offsets are byte offsets, reading it is a copy rather than a UTF-8 decode, V8 keeps it at one byte per
 * character even when the sheet has Chinese text, and every unchanged stretch goes back out byte for byte.
 * The markup is ASCII, so it is searched as usual; text taken out of it is UTF-8-decoded (`textOf`) and text put
 * into it UTF-8-encoded (`byteStringOfText`).
 */
interface NodeBuffer extends Uint8Array {
  latin1Slice(start?: number, end?: number): string;
  latin1Write(text: string, offset: number): number;
}
interface NodeBufferStatic {
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): NodeBuffer;
  from(text: string, encoding: 'latin1'): NodeBuffer;
  allocUnsafe(size: number): NodeBuffer;
}

let nodeBuffer: NodeBufferStatic | null | undefined;

/** Node's Buffer (native Latin-1 conversions), loaded on first use; null in other runtimes. */
function bufferClass(): NodeBufferStatic | null {
  if (nodeBuffer !== undefined) return nodeBuffer;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const module = proc?.getBuiltinModule?.('node:buffer') as { Buffer: NodeBufferStatic } | undefined;
  nodeBuffer = module?.Buffer ?? null;
  return nodeBuffer;
}

const CHUNK = 0x2000;

/** The bytes as a byte string. */
export function byteStringOf(bytes: Uint8Array): string {
  const buffer = bufferClass();
  if (buffer) return buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).latin1Slice();
  let out = '';
  for (let i = 0; i < bytes.length; i += CHUNK) out += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return out;
}

/** The bytes a byte string holds. */
export function bytesOf(text: string): Uint8Array {
  const buffer = bufferClass();
  if (buffer) return buffer.from(text, 'latin1');
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/**
 * The bytes of consecutive byte strings, written straight into one array: no joined string is built (on a sheet of
 * megabytes, every fresh copy costs page faults as well as the copy).
 */
export function bytesOfParts(parts: readonly string[]): Uint8Array {
  let size = 0;
  for (const part of parts) size += part.length;
  const buffer = bufferClass();
  const out = buffer ? buffer.allocUnsafe(size) : new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    if (buffer) (out as NodeBuffer).latin1Write(part, at);
    else for (let i = 0; i < part.length; i++) out[at + i] = part.charCodeAt(i);
    at += part.length;
  }
  return out;
}

const isAscii = (text: string) => {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
};

const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/** The text a stretch of a byte string holds (ASCII, the common case, is returned as it is). */
export function textOf(byteString: string): string {
  return isAscii(byteString) ? byteString : utf8.decode(bytesOf(byteString));
}

/** Text as a stretch of a byte string: its UTF-8 bytes, one character each. */
export function byteStringOfText(text: string): string {
  return isAscii(text) ? text : byteStringOf(encoder.encode(text));
}
