import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBomWorkbook } from '@arya/bom/fixtures';
import { createTestApp, listenOnLoopback, registerUser, type TestApp } from './helpers';

// Attacks on the per-user upload cap (BOM_MAX_UPLOADS_PER_USER) over real loopback HTTP, in production mode: a client
// that goes away must give its slot back, whenever it goes (before the admission check ends, or mid-body).
describe('upload slots when the client disconnects', () => {
  let t: TestApp;
  let baseUrl: URL;
  let token = '';
  let userId = '';
  beforeAll(async () => {
    t = await createTestApp({ env: { NODE_ENV: 'production', BOM_MAX_UPLOADS_PER_USER: '2' } });
    baseUrl = new URL(await listenOnLoopback(t.app));
  });
  afterAll(() => t.close());

  async function signUp(account: string): Promise<void> {
    token = await registerUser(t.app, account);
    const me = await t.deps.db.selectFrom('users').select('id').where('account', '=', account).executeTakeFirst();
    userId = me?.id ?? '';
  }

  /** Sends an upload's headers (and `bodyBytes` of its body), then resets the connection after `holdMs`. */
  async function abandonedUpload(bodyBytes: number, holdMs: number): Promise<void> {
    const socket = connect(Number(baseUrl.port), baseUrl.hostname);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    socket.on('error', () => {});
    socket.write(
      'POST /trpc/bom.files.upload HTTP/1.1\r\n' +
        `Host: ${baseUrl.host}\r\n` +
        `Authorization: Bearer ${token}\r\n` +
        'Content-Type: multipart/form-data; boundary=xyz\r\n' +
        'Content-Length: 5000000\r\n\r\n' +
        '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\n' +
        'x'.repeat(bodyBytes),
    );
    if (holdMs > 0) await sleep(holdMs);
    socket.destroy();
  }

  async function slotsGiveBack(): Promise<number> {
    // The server notices a closed connection asynchronously: give it time before concluding a slot leaked.
    await sleep(1000);
    for (let i = 0; i < 50 && t.deps.bomUploads.inProgress(userId) > 0; i++) await sleep(100);
    return t.deps.bomUploads.inProgress(userId);
  }

  async function realUploadStatus(): Promise<number> {
    const form = new FormData();
    form.set('kind', 'bom');
    const { bom } = generateBomWorkbook({ rows: 10, opsCount: 1 });
    form.set('file', new File([bom], 'ok.xlsx'));
    const response = await fetch(new URL('/trpc/bom.files.upload', baseUrl), {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${token}` },
    });
    return response.status;
  }

  it('a client that leaves while its upload is being admitted leaves no slot taken', async () => {
    await signUp('slot-reset');
    // Admission reads the caller's account from Postgres (on a cache miss): hold that read back with a lock, so the
    // clients are gone before their admission ends, as happens under load.
    await t.database.db.connection().execute(async (db) => {
      await sql`begin`.execute(db);
      await sql`lock table users in access exclusive mode`.execute(db);
      t.deps.access.clear();
      await Promise.all(Array.from({ length: 3 }, () => abandonedUpload(0, 0)));
      await sleep(500);
      await sql`commit`.execute(db);
    });
    expect(await slotsGiveBack()).toBe(0);
    expect(await realUploadStatus()).toBe(200);
  });

  it('a client that goes away mid-body leaves no slot taken', async () => {
    await signUp('slot-mid-body');
    await Promise.all(Array.from({ length: 4 }, () => abandonedUpload(64 * 1024, 300)));
    expect(await slotsGiveBack()).toBe(0);
    expect(await realUploadStatus()).toBe(200);
  });
});
