import type { ProcedureEntry } from './catalogue';

/** A file chosen for a multipart field, by field name. */
export type ChosenFiles = ReadonlyMap<string, File>;

/**
 * One call as plain HTTP, exactly as `/openapi.json` describes it: what the panel sends with fetch, and what "copy as
 * curl" writes out, so the two cannot drift apart.
 */
export interface HttpCall {
  method: 'GET' | 'POST';
  /** Path and query, e.g. `/trpc/user.me` or `/trpc/bom.files.get?input=%7B…%7D`. */
  url: string;
  headers: Record<string, string>;
  body: { kind: 'none' } | { kind: 'json'; text: string } | { kind: 'multipart'; fields: MultipartField[] };
}

export type MultipartField = { name: string; value: string } | { name: string; file: File };

function withInput(path: string, input: unknown): string {
  return input === undefined ? `/trpc/${path}` : `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
}

function multipartFields(input: unknown, files: ChosenFiles): MultipartField[] {
  const entries = input && typeof input === 'object' ? Object.entries(input) : [];
  return entries.flatMap(([name, value]): MultipartField[] => {
    const file = files.get(name);
    if (file) return [{ name, file }];
    if (value === undefined || value === null) return [];
    return [{ name, value: typeof value === 'string' ? value : JSON.stringify(value) }];
  });
}

const none = { kind: 'none' } as const;
const jsonType = { 'content-type': 'application/json' };

export function httpCallFor(
  procedure: ProcedureEntry,
  input: unknown,
  token: string | null,
  files: ChosenFiles = new Map(),
): HttpCall {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (procedure.type === 'query') return { method: 'GET', url: withInput(procedure.path, input), headers, body: none };
  if (procedure.type === 'subscription') {
    return {
      method: 'GET',
      url: withInput(procedure.path, input),
      headers: { ...headers, accept: 'text/event-stream' },
      body: none,
    };
  }
  const url = `/trpc/${procedure.path}`;
  if (procedure.inputEncoding === 'multipart') {
    return { method: 'POST', url, headers, body: { kind: 'multipart', fields: multipartFields(input, files) } };
  }
  // tRPC reads every mutation as JSON, so the content type goes along even when there is no input to send.
  if (input === undefined) return { method: 'POST', url, headers: { ...headers, ...jsonType }, body: none };
  return {
    method: 'POST',
    url,
    headers: { ...headers, ...jsonType },
    body: { kind: 'json', text: JSON.stringify(input) },
  };
}

export interface HttpAnswer {
  status: number;
  milliseconds: number;
  /** The JSON body, or the text when it is not JSON. */
  body: unknown;
}

/** Sends the call with fetch (same origin: the refresh cookie goes along, as in the web UI) and times it. */
export async function send(call: HttpCall, signal?: AbortSignal): Promise<HttpAnswer> {
  const started = performance.now();
  let body: BodyInit | undefined;
  if (call.body.kind === 'json') body = call.body.text;
  if (call.body.kind === 'multipart') {
    const form = new FormData();
    for (const field of call.body.fields) {
      if ('file' in field) form.append(field.name, field.file);
      else form.append(field.name, field.value);
    }
    body = form;
  }
  const response = await fetch(call.url, {
    method: call.method,
    headers: call.headers,
    credentials: 'same-origin',
    ...(body === undefined ? {} : { body }),
    ...(signal ? { signal } : {}),
  });
  const text = await response.text();
  const milliseconds = Math.round(performance.now() - started);
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page): shown as text.
  }
  return { status: response.status, milliseconds, body: parsed };
}

/** POSIX shell single quotes: nothing inside is interpreted; a quote is closed, escaped and reopened. */
export const shellQuote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/** The call as a curl command (a file field names the chosen file by its name, in the current directory). */
export function curlCommand(call: HttpCall, origin: string): string {
  const start = ['curl -sS'];
  if (call.headers.accept === 'text/event-stream') start.push('-N');
  if (call.method === 'POST') start.push('-X POST');
  start.push(shellQuote(`${origin}${call.url}`));
  const lines = [start.join(' ')];
  for (const [name, value] of Object.entries(call.headers)) lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  if (call.body.kind === 'json') lines.push(`--data-raw ${shellQuote(call.body.text)}`);
  if (call.body.kind === 'multipart') {
    for (const field of call.body.fields) {
      // -F reads a value starting with @ or < as a file: --form-string sends values as they are.
      if ('file' in field) {
        const type = field.file.type ? `;type=${field.file.type}` : '';
        lines.push(`-F ${shellQuote(`${field.name}=@${field.file.name}${type}`)}`);
      } else lines.push(`--form-string ${shellQuote(`${field.name}=${field.value}`)}`);
    }
  }
  return lines.join(' \\\n  ');
}
