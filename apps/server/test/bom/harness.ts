import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTRPCClient, TRPCClientError, type TRPCClient } from '@trpc/client';
import ExcelJS from 'exceljs';
import type { AppRouter, RunEvent } from '@arya/api';
import { aryaLinks } from '@arya/client/links';
import {
  createTestApp,
  listenOnLoopback,
  registerUser,
  strongPassword,
  type TestApp,
  type TestAppOptions,
} from '../helpers';

export type AryaClient = TRPCClient<AppRouter>;

export interface ListeningApp extends TestApp {
  baseUrl: string;
}

/** The real app listening on a free loopback port, so clients talk to it over real HTTP. */
export async function listeningApp(options: TestAppOptions = {}): Promise<ListeningApp> {
  const test = await createTestApp(options);
  return { ...test, baseUrl: await listenOnLoopback(test.app) };
}

/** The typed client with the links every Arya client uses (subscriptions over SSE, uploads as multipart, batching). */
export function typedClient(baseUrl: string, accessToken: string | null): AryaClient {
  const headers = (): Record<string, string> => (accessToken ? { authorization: `Bearer ${accessToken}` } : {});
  return createTRPCClient<AppRouter>({ links: aryaLinks({ url: `${baseUrl}/trpc`, headers }) });
}

export async function signedInClient(
  app: ListeningApp,
  account: string,
): Promise<{ client: AryaClient; userId: string }> {
  const token = await registerUser(app.app, account);
  const client = typedClient(app.baseUrl, token);
  const me = await client.user.me.query();
  return { client, userId: me.id };
}

/** Signs an existing account in on the server at `baseUrl` (any process) and returns a client holding its token. */
export async function loginClient(baseUrl: string, account: string): Promise<AryaClient> {
  const { accessToken } = await typedClient(baseUrl, null).auth.login.mutate({ account, password: strongPassword });
  return typedClient(baseUrl, accessToken);
}

export interface Refusal {
  code: string | undefined;
  message: string;
  data: Record<string, unknown>;
}

/** The typed error a call ends with; fails the test when the call succeeds. */
export async function refusalOf(promise: Promise<unknown>): Promise<Refusal> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const data = (error.data ?? {}) as Record<string, unknown>;
    return { code: typeof data['code'] === 'string' ? data['code'] : undefined, message: error.message, data };
  }
  throw new Error('expected the call to be refused');
}

export function xlsxForm(bytes: Uint8Array, name: string, kind: 'bom' | 'ops' = 'bom'): FormData {
  const form = new FormData();
  form.set('kind', kind);
  form.set(
    'file',
    new File([bytes], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
  );
  return form;
}

export interface RunProgressEvent {
  id: string;
  data: RunEvent;
}

/** Follows `bom.runs.progress` until the run is done or failed; returns every event received. */
export function collectProgress(client: AryaClient, runId: string, lastEventId?: string): Promise<RunProgressEvent[]> {
  return new Promise((resolve, reject) => {
    const events: RunProgressEvent[] = [];
    const timer = setTimeout(() => {
      subscription.unsubscribe();
      reject(new Error(`no final progress event within 60 s; got ${JSON.stringify(events)}`));
    }, 60_000);
    const subscription = client.bom.runs.progress.subscribe(
      { runId, ...(lastEventId ? { lastEventId } : {}) },
      {
        onData: (envelope) => {
          events.push({ id: envelope.id, data: envelope.data });
          if (envelope.data.status === 'done' || envelope.data.status === 'failed') {
            clearTimeout(timer);
            subscription.unsubscribe();
            resolve(events);
          }
        },
        onError: (error) => {
          clearTimeout(timer);
          subscription.unsubscribe();
          reject(error);
        },
      },
    );
  });
}

/** GETs a download link the way a browser would: no Authorization header. */
export async function download(
  baseUrl: string,
  path: string,
): Promise<{ status: number; disposition: string | null; bytes: Buffer; type: string | null }> {
  const response = await fetch(`${baseUrl}${path}`);
  return {
    status: response.status,
    disposition: response.headers.get('content-disposition'),
    type: response.headers.get('content-type'),
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

export async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** A cell's plain value: formula cells give their cached result, rich text its text. */
export function plainValue(cell: ExcelJS.Cell): string | number | boolean | null {
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') {
    if ('result' in value) return (value.result as string | number | boolean | undefined) ?? null;
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if (value instanceof Date) return value.toISOString();
    return JSON.stringify(value);
  }
  return value;
}

export function rowValues(
  sheet: ExcelJS.Worksheet,
  rowNumber: number,
  columns: number,
): Array<string | number | boolean | null> {
  const row = sheet.getRow(rowNumber);
  return Array.from({ length: columns }, (_, i) => plainValue(row.getCell(i + 1)));
}

const mainScript = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/**
 * The real server entry point in its own process, as `pnpm start` would run it (from source), on `owner`'s database,
 * Redis (without the test key prefix), signing key and BOM worker threads, with `env` on top.
 */
export async function startServerProcess(
  owner: TestApp,
  env: Record<string, string> = {},
): Promise<{ process: ChildProcess; baseUrl: string }> {
  const ownerEnv = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: owner.config.DATABASE_URL!,
    REDIS_URL: owner.config.REDIS_URL!,
    JWT_PRIVATE_KEY: JSON.stringify(owner.config.JWT_PRIVATE_KEY),
    BCRYPT_COST: '10',
    WEB_DIST_DIR: '/nonexistent',
    PANEL_ENABLED: 'false',
    BOM_WORKER_THREADS: String(owner.config.BOM_WORKER_THREADS),
  };
  const server = spawn(process.execPath, ['--import', 'tsx', mainScript], {
    env: { ...process.env, NODE_OPTIONS: '', ...ownerEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server process did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /tRPC\s+(http:\/\/\S+)\/trpc/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.once('exit', (code) => reject(new Error(`server process exited (${code}):\n${output}`)));
  });
  return { process: server, baseUrl };
}
