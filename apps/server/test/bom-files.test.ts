import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBomWorkbook } from '@arya/bom/fixtures';
import { createTestApp, listenOnLoopback, registerUser, type TestApp } from './helpers';

interface Envelope<T> {
  result?: { data: T };
  error?: { data: { code: string } };
}

/** Multipart upload through tRPC and the ticketed download route, over real HTTP as the browser does them. */
describe('BOM files through the host', () => {
  let t: TestApp;
  let baseUrl: string;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp({ env: { UPLOAD_MAX_BYTES: String(256 * 1024) } });
    baseUrl = await listenOnLoopback(t.app);
    token = await registerUser(t.app, 'bom-host');
  });
  afterAll(() => t.close());

  const upload = (bytes: Uint8Array, name: string) => {
    const form = new FormData();
    form.set('kind', 'bom');
    form.set(
      'file',
      new File([bytes], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    );
    return fetch(`${baseUrl}/trpc/bom.files.upload`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${token}` },
    });
  };

  it('accepts a multipart upload, issues a download link, and serves the same bytes at /files/:ticket', async () => {
    const { bom } = generateBomWorkbook({ rows: 30, opsCount: 3 });
    const uploaded = (await (await upload(bom, '主板 BOM.xlsx')).json()) as Envelope<{ fileId: string }>;
    expect(uploaded.result?.data.fileId).toEqual(expect.any(String));

    const link = (await (
      await fetch(`${baseUrl}/trpc/bom.files.downloadUrl`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ fileId: uploaded.result?.data.fileId }),
      })
    ).json()) as Envelope<{ url: string }>;
    const url = link.result?.data.url ?? '';
    expect(url).toMatch(/^\/files\/[\w-]{43}$/);

    const download = await fetch(`${baseUrl}${url}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''%E4%B8%BB%E6%9D%BF%20BOM.xlsx");
    expect(download.headers.get('cache-control')).toBe('private, no-store');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bom);
  });

  it('refuses an upload above UPLOAD_MAX_BYTES with PAYLOAD_TOO_LARGE', async () => {
    const response = await upload(new Uint8Array(300 * 1024), 'big.xlsx');
    const body = (await response.json()) as Envelope<unknown>;
    expect(response.status).toBe(413);
    expect(body.error?.data.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown or expired ticket with a JSON 404', async () => {
    const response = await fetch(`${baseUrl}/files/${'x'.repeat(43)}`);
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { statusCode: number; message: string } };
    expect(body.error.statusCode).toBe(404);
    expect(body.error.message.length).toBeGreaterThan(0);
  });
});
