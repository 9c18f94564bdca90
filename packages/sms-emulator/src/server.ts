import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { isFault, type Fault } from './faults';
import { DEFAULT_FLOW_CONTROL, FlowControl, type FlowControlLimits } from './flow-control';
import { canonicalPhone } from './phone';
import { businessResult, gatewayError, newRequestId, type EmulatorResponse } from './responses';
import { handleSendSms, type DeliveredMessage } from './send-sms';
import {
  canonicalRequest,
  missingSignedHeaders,
  parseAuthorization,
  sha256Hex,
  sign,
  signaturesEqual,
  stringToSign,
  type SignedRequest,
} from './signature';

export interface SmsEmulatorOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Access key id → secret. */
  accessKeys?: Record<string, string>;
  signNames?: string[];
  /** Template code → variable names the template needs. */
  templates?: Record<string, string[]>;
  /** Per-phone flow control; `false` turns it off. */
  flowControl?: FlowControlLimits | false;
  /**
   * Milliseconds since the epoch for flow control and message timestamps; injectable so flow control can be tested
   * without waiting. Signature freshness (x-acs-date, nonces) always uses the wall clock, as the SDK signs with it.
   */
  now?: () => number;
}

export interface SmsEmulator {
  /** `http://host:port` */
  readonly url: string;
  /** `host:port`, the form the SDK's `endpoint` option takes. */
  readonly endpoint: string;
  readonly port: number;
  /** Every accepted message, oldest first; filtered to one phone (any accepted spelling) when given. */
  messages(phone?: string): DeliveredMessage[];
  /** The `code` template variable of the latest message to this phone, or null. */
  latestCode(phone: string): string | null;
  /** The next `times` API requests suffer this fault. */
  injectFault(fault: Fault, times?: number): void;
  /** Forgets messages, pending faults, used nonces and flow-control history. */
  reset(): void;
  close(): Promise<void>;
}

export const DEFAULT_ACCESS_KEY = { id: 'emulator-key-id', secret: 'emulator-key-secret' };
export const DEFAULT_ACCESS_KEYS: Record<string, string> = { [DEFAULT_ACCESS_KEY.id]: DEFAULT_ACCESS_KEY.secret };
export const DEFAULT_SIGN_NAME = 'Arya';
export const DEFAULT_SIGN_NAMES = [DEFAULT_SIGN_NAME];
/** The default template of each purpose, by the server's variable names; each takes the variable `code`. */
export const DEFAULT_TEMPLATE_CODES = {
  ALIYUN_SMS_TEMPLATE_REGISTER: 'SMS_000001',
  ALIYUN_SMS_TEMPLATE_LOGIN: 'SMS_000002',
  ALIYUN_SMS_TEMPLATE_RESET_PASSWORD: 'SMS_000003',
  ALIYUN_SMS_TEMPLATE_BIND_PHONE: 'SMS_000004',
};
export const DEFAULT_TEMPLATES: Record<string, string[]> = Object.fromEntries(
  Object.values(DEFAULT_TEMPLATE_CODES).map((code) => [code, ['code']]),
);

const API_VERSION = '2017-05-25';
const MAX_CLOCK_SKEW_MS = 15 * 60_000;
const MAX_BODY_BYTES = 64 * 1024;
const CONTROL_PREFIX = '/__emulator/';

function decodeComponent(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s; // malformed escapes are kept verbatim; the signature check will then fail
  }
}

function parseQuery(raw: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of raw.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    params.set(decodeComponent(eq < 0 ? pair : pair.slice(0, eq)), eq < 0 ? '' : decodeComponent(pair.slice(eq + 1)));
  }
  return params;
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json;charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

export async function startSmsEmulator(options: SmsEmulatorOptions = {}): Promise<SmsEmulator> {
  const accessKeys = new Map(Object.entries(options.accessKeys ?? DEFAULT_ACCESS_KEYS));
  const signNames = new Set(options.signNames ?? DEFAULT_SIGN_NAMES);
  const templates = new Map(Object.entries(options.templates ?? DEFAULT_TEMPLATES));
  const flowControl = new FlowControl(options.flowControl ?? DEFAULT_FLOW_CONTROL);
  const now = options.now ?? Date.now;
  const delivered: DeliveredMessage[] = [];
  const faults: Fault[] = [];
  const usedNonces = new Map<string, number>();
  const shutdown = new AbortController();
  /** Connections that already carried an answer (kept alive for the next request). */
  const answeredOn = new WeakSet<Socket>();

  function authenticate(request: SignedRequest, requestId: string): EmulatorResponse | null {
    const auth = parseAuthorization(
      typeof request.headers.authorization === 'string' ? request.headers.authorization : undefined,
    );
    if (!auth)
      return gatewayError(
        requestId,
        400,
        'IncompleteSignature',
        'The request signature does not conform to Aliyun standards.',
      );
    const secret = accessKeys.get(auth.accessKeyId);
    if (secret === undefined)
      return gatewayError(requestId, 404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');

    const date = request.headers['x-acs-date'];
    const nonce = request.headers['x-acs-signature-nonce'];
    const contentHash = request.headers['x-acs-content-sha256'];
    if (typeof date !== 'string' || typeof nonce !== 'string' || typeof contentHash !== 'string') {
      return gatewayError(
        requestId,
        400,
        'IncompleteSignature',
        'The request signature does not conform to Aliyun standards.',
      );
    }
    if (missingSignedHeaders(request, auth.signedHeaders).length > 0 || !auth.signedHeaders.includes('host')) {
      return gatewayError(
        requestId,
        400,
        'IncompleteSignature',
        'The request signature does not conform to Aliyun standards.',
      );
    }
    const at = Date.parse(date);
    if (
      !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(date) ||
      Number.isNaN(at) ||
      Math.abs(Date.now() - at) > MAX_CLOCK_SKEW_MS
    ) {
      return gatewayError(requestId, 400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    }
    if (contentHash !== sha256Hex(request.body)) {
      return gatewayError(
        requestId,
        400,
        'ContentSHA256Mismatch',
        'The x-acs-content-sha256 header does not match the request body.',
      );
    }
    const toSign = stringToSign(canonicalRequest(request, auth.signedHeaders));
    if (!signaturesEqual(sign(secret, toSign), auth.signature)) {
      return gatewayError(
        requestId,
        400,
        'SignatureDoesNotMatch',
        `Specified signature does not match our calculation. server StringToSign is [${toSign}]`,
      );
    }
    for (const [used, seenAt] of usedNonces) if (Date.now() - seenAt > MAX_CLOCK_SKEW_MS) usedNonces.delete(used);
    if (usedNonces.has(nonce))
      return gatewayError(requestId, 400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    usedNonces.set(nonce, Date.now());
    return null;
  }

  async function handleApi(
    req: IncomingMessage,
    path: string,
    rawQuery: string,
    body: Buffer,
  ): Promise<EmulatorResponse | null> {
    const requestId = newRequestId();
    const fault = faults.shift();
    if (fault?.kind === 'idleClose' && answeredOn.has(req.socket)) {
      req.socket.resetAndDestroy();
      return null;
    }
    if (fault?.kind === 'delay') {
      await sleep(fault.ms, undefined, { signal: shutdown.signal });
      // A client that gave up never learns the result; like a lost answer, nothing is delivered for it here.
      if (req.socket.destroyed) return gatewayError(requestId, 504, 'ClientGone', 'The client closed the connection.');
    } else if (fault?.kind === 'serverError') {
      const status = fault.status ?? 503;
      return status === 503
        ? gatewayError(
            requestId,
            503,
            'ServiceUnavailable',
            'The request has failed due to a temporary failure of the server.',
          )
        : gatewayError(
            requestId,
            status,
            'InternalError',
            'The request processing has failed due to some unknown error, exception or failure.',
          );
    } else if (fault?.kind === 'gatewayThrottle') {
      return gatewayError(requestId, 400, 'Throttling.User', 'Request was denied due to user flow control.');
    }

    const query = parseQuery(rawQuery);
    const signed: SignedRequest = { method: req.method ?? 'GET', path, query, headers: req.headers, body };
    const authError = authenticate(signed, requestId);
    if (authError) return authError;

    const action = req.headers['x-acs-action'] ?? query.get('Action');
    const version = req.headers['x-acs-version'] ?? query.get('Version');
    if (action !== 'SendSms') {
      return gatewayError(
        requestId,
        404,
        'InvalidAction.NotFound',
        'Specified api is not found, please check your url and method.',
      );
    }
    if (version !== API_VERSION)
      return gatewayError(requestId, 400, 'InvalidVersion', 'Specified parameter Version is not valid.');

    if (fault?.kind === 'throttle')
      return businessResult(requestId, 'isv.BUSINESS_LIMIT_CONTROL', '触发分钟级流控Permits:1');
    if (fault?.kind === 'businessError') return businessResult(requestId, fault.code, fault.message ?? fault.code);

    const params = new Map(query);
    if (String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
      for (const [name, value] of parseQuery(body.toString('utf8'))) params.set(name, value);
    }
    const result = handleSendSms(params, { signNames, templates, flowControl, now: now(), requestId });
    delivered.push(...result.delivered);
    return result.response;
  }

  async function handleControl(
    req: IncomingMessage,
    path: string,
    rawQuery: string,
    body: Buffer,
    res: ServerResponse,
  ) {
    const route = `${req.method} ${path.slice(CONTROL_PREFIX.length)}`;
    if (route === 'GET messages') {
      const phone = parseQuery(rawQuery).get('phone');
      return send(res, 200, {
        messages: emulator.messages(phone),
        latestCode: phone ? emulator.latestCode(phone) : null,
      });
    }
    if (route === 'DELETE messages' || route === 'POST reset') {
      emulator.reset();
      return send(res, 200, { ok: true });
    }
    if (route === 'POST faults') {
      let input: unknown;
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch {
        input = null;
      }
      const { fault, times } = (input ?? {}) as { fault?: unknown; times?: unknown };
      if (!isFault(fault) || (times !== undefined && (typeof times !== 'number' || times < 1))) {
        return send(res, 400, { error: 'expected {"fault": {"kind": ...}, "times"?: number >= 1}' });
      }
      emulator.injectFault(fault, times ?? 1);
      return send(res, 200, { ok: true, pendingFaults: faults.length });
    }
    if (route === 'GET health') return send(res, 200, { ok: true });
    return send(res, 404, { error: `no control route ${route}` });
  }

  const server: Server = createServer((req, res) => {
    res.once('finish', () => answeredOn.add(req.socket));
    void (async () => {
      const [path = '/', rawQuery = ''] = (req.url ?? '/').split('?', 2) as [string?, string?];
      const body = await readBody(req);
      if (body === null)
        return send(res, 413, gatewayError(newRequestId(), 413, 'RequestTooLarge', 'Request body too large.').body);
      if (path.startsWith(CONTROL_PREFIX)) return handleControl(req, path, rawQuery, body, res);
      const answer = await handleApi(req, path, rawQuery, body);
      if (answer) send(res, answer.status, answer.body);
    })().catch((error: unknown) => {
      if (shutdown.signal.aborted) return res.destroy();
      send(res, 500, gatewayError(newRequestId(), 500, 'InternalError', String(error)).body);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  const emulator: SmsEmulator = {
    url: `http://${hostForUrl}:${address.port}`,
    endpoint: `${hostForUrl}:${address.port}`,
    port: address.port,
    messages(phone) {
      if (phone === undefined) return [...delivered];
      const wanted = canonicalPhone(phone) ?? phone;
      return delivered.filter((message) => message.phone === wanted);
    },
    latestCode(phone) {
      return emulator.messages(phone).at(-1)?.templateParam.code ?? null;
    },
    injectFault(fault, times = 1) {
      for (let i = 0; i < times; i++) faults.push(fault);
    },
    reset() {
      delivered.length = 0;
      faults.length = 0;
      usedNonces.clear();
      flowControl.reset();
    },
    async close() {
      shutdown.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return emulator;
}
