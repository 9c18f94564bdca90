import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBomWorkbook } from '@arya/bom/fixtures';
import { listeningApp, refusalOf, signedInClient, xlsxForm, type AryaClient, type ListeningApp } from './harness';

// The cursor is a row number, compared in Postgres with an integer column: a cursor the schema let through but
// Postgres cannot hold as an integer (2^31 and up) was a database error, answered as a 500.
let server: ListeningApp;
let alice: AryaClient;
let fileId: string;

beforeAll(async () => {
  server = await listeningApp({ env: { NODE_ENV: 'production', BOM_WORKER_THREADS: '1' } });
  ({ client: alice } = await signedInClient(server, 'alice-cursor'));
  const bom = generateBomWorkbook({ rows: 30, opsCount: 1, seed: 3 }).bom;
  fileId = (await alice.bom.files.upload.mutate(xlsxForm(bom, 'cursor.xlsx'))).fileId;
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('bom.files.materialRows: a tampered cursor', { timeout: 60_000 }, () => {
  it('answers a cursor past any row number with a typed BAD_REQUEST naming it, never a 500', async () => {
    for (const cursor of [2 ** 31, Number.MAX_SAFE_INTEGER]) {
      const refusal = await refusalOf(alice.bom.files.materialRows.query({ fileId, cursor }));
      expect(refusal.code).toBe('BAD_REQUEST');
      expect(Object.keys(refusal.data['fieldErrors'] as object)).toEqual(['cursor']);
    }
  });

  it('answers the largest row number with an empty last page, and the slots stay free', async () => {
    for (let i = 0; i < 3; i++) {
      await expect(alice.bom.files.materialRows.query({ fileId, cursor: 2 ** 31 - 1 })).resolves.toEqual({
        rows: [],
        nextCursor: null,
      });
    }
    expect((await alice.bom.files.materialRows.query({ fileId })).rows.length).toBeGreaterThan(0);
  });
});
