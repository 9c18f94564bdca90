import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBomWorkbook } from '@arya/bom/fixtures';
import { listeningApp, refusalOf, signedInClient, xlsxForm, type AryaClient, type ListeningApp } from './harness';

// A comparison reads both workbooks whole and runs the engine in the shared worker pool, with no queue bound: one
// user firing comparisons (or opening comparison links) in parallel must not pile up work and memory without end.
// Beyond BOM_MAX_COMPARES_PER_USER in progress, one more is refused at once. Production mode, loopback HTTP.
let server: ListeningApp;
let alice: AryaClient;
let bob: AryaClient;
let aliceFiles: { oldFileId: string; newFileId: string };
let bobFiles: { oldFileId: string; newFileId: string };

async function uploadPair(client: AryaClient) {
  const old = generateBomWorkbook({ rows: 3000, opsCount: 1, seed: 3 }).bom;
  const changed = generateBomWorkbook({ rows: 3000, opsCount: 1, seed: 4 }).bom;
  return {
    oldFileId: (await client.bom.files.upload.mutate(xlsxForm(old, 'old.xlsx'))).fileId,
    newFileId: (await client.bom.files.upload.mutate(xlsxForm(changed, 'new.xlsx'))).fileId,
  };
}

beforeAll(async () => {
  server = await listeningApp({ env: { NODE_ENV: 'production' } });
  ({ client: alice } = await signedInClient(server, 'alice-flood'));
  ({ client: bob } = await signedInClient(server, 'bob-flood'));
  aliceFiles = await uploadPair(alice);
  bobFiles = await uploadPair(bob);
}, 180_000);
afterAll(async () => {
  await server?.close();
});

type Outcome = 'ok' | string;

describe('comparisons in progress per user', { timeout: 180_000 }, () => {
  it('parallel bom.compare beyond the cap are refused at once; another user is not', async () => {
    const flood = Array.from({ length: 10 }, async (): Promise<Outcome> => {
      try {
        await alice.bom.compare.query(aliceFiles);
        return 'ok';
      } catch (error) {
        const refusal = await refusalOf(Promise.reject(error));
        return `${refusal.code} ${String(refusal.data['messageKey'])}`;
      }
    });
    const other = bob.bom.compare.query(bobFiles);
    const outcomes = await Promise.all(flood);
    const refused = 'TOO_MANY_REQUESTS bom.tooManyCompares';
    expect(outcomes.filter((o) => o !== 'ok' && o !== refused)).toEqual([]);
    expect(outcomes.filter((o) => o === 'ok').length).toBeGreaterThanOrEqual(1);
    expect(outcomes.filter((o) => o === refused).length).toBeGreaterThanOrEqual(5);
    expect((await other).summary).toBeDefined();
    // Slots are given back: a comparison after the flood goes through.
    expect((await alice.bom.compare.query(aliceFiles)).summary).toBeDefined();
  });

  it('opening many comparison links at once counts against the user who asked for them', async () => {
    const links = await Promise.all(Array.from({ length: 8 }, () => alice.bom.compareDownloadUrl.mutate(aliceFiles)));
    const statuses = await Promise.all(
      links.map(async (link) => {
        const response = await fetch(`${server.baseUrl}${link.url}`);
        await response.arrayBuffer();
        return response.status;
      }),
    );
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(4);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    // A refused link still works once the others are done.
    const again = await fetch(`${server.baseUrl}${links[statuses.indexOf(429)]?.url}`);
    expect(again.status).toBe(200);
  });
});
