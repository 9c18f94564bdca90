import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * ACS3-HMAC-SHA256 verification, written from Alibaba Cloud's public V3 signature spec:
 *   CanonicalRequest = Method \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n
 *   HashedRequestPayload StringToSign = "ACS3-HMAC-SHA256" \n hex(sha256(CanonicalRequest)) Signature =
 *   hex(hmac_sha256(AccessKeySecret, StringToSign)) Authorization = "ACS3-HMAC-SHA256
 *   Credential=<id>,SignedHeaders=<h1;h2>,Signature=<hex>"
 */
export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface SignedRequest {
  method: string;
  path: string;
  /** Decoded query parameters (name → value). */
  query: ReadonlyMap<string, string>;
  /** Lower-cased header names, as Node delivers them. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
}

export interface ParsedAuthorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** RFC 3986 percent-encoding as the spec requires (encodeURIComponent plus `!'()*`). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function parseAuthorization(header: string | undefined): ParsedAuthorization | null {
  if (!header?.startsWith(`${ACS3_ALGORITHM} `)) return null;
  const fields = new Map<string, string>();
  for (const part of header.slice(ACS3_ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || !signedHeaders || !signature || !/^[0-9a-f]{64}$/.test(signature)) return null;
  return { accessKeyId, signedHeaders: signedHeaders.split(';'), signature };
}

function headerValue(headers: SignedRequest['headers'], name: string): string {
  const value = headers[name];
  if (Array.isArray(value))
    return value
      .map((v) => v.trim())
      .toSorted()
      .join(',');
  return (value ?? '').trim();
}

export function canonicalRequest(request: SignedRequest, signedHeaders: readonly string[]): string {
  const canonicalUri = request.path
    .split('/')
    .map((segment) => percentEncode(decodeURIComponent(segment)))
    .join('/');
  const canonicalQuery = [...request.query.entries()]
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .toSorted(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const canonicalHeaders = signedHeaders.map((name) => `${name}:${headerValue(request.headers, name)}\n`).join('');
  return [
    request.method.toUpperCase(),
    canonicalUri || '/',
    canonicalQuery,
    canonicalHeaders,
    signedHeaders.join(';'),
    headerValue(request.headers, 'x-acs-content-sha256'),
  ].join('\n');
}

export function stringToSign(canonical: string): string {
  return `${ACS3_ALGORITHM}\n${sha256Hex(canonical)}`;
}

export function sign(secret: string, toSign: string): string {
  return createHmac('sha256', secret).update(toSign).digest('hex');
}

/** Every x-acs-* header, host and content-type that the request carries must be among the signed headers. */
export function missingSignedHeaders(request: SignedRequest, signedHeaders: readonly string[]): string[] {
  const signed = new Set(signedHeaders);
  return Object.keys(request.headers).filter(
    (name) => (name.startsWith('x-acs-') || name === 'host' || name === 'content-type') && !signed.has(name),
  );
}

export function signaturesEqual(expected: string, provided: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(provided, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
