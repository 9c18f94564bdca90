import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBomWorkbook } from '@arya/bom/fixtures';
import { listeningApp, signedInClient, xlsxForm, type AryaClient, type ListeningApp } from './harness';

// An upload inspected before the engine listed skipped ops is inspected again, in the shared worker threads, the
// first time bom.files.get returns it. Every call that came before the first re-inspection was stored started one
// of its own: one user's parallel calls on one old upload queued that many engine runs ahead of everyone's work.
let server: ListeningApp;
let alice: AryaClient;
let bob: AryaClient;
let oldFile: string;

beforeAll(async () => {
  server = await listeningApp({ env: { NODE_ENV: 'production', BOM_WORKER_THREADS: '1' } });
  ({ client: alice } = await signedInClient(server, 'alice-reinspect'));
  ({ client: bob } = await signedInClient(server, 'bob-reinspect'));
  const bom = generateBomWorkbook({ rows: 30_000, opsCount: 200, seed: 31 }).bom;
  oldFile = (await alice.bom.files.upload.mutate(xlsxForm(bom, 'old.xlsx'))).fileId;
  await storeAsOldEngineDid();
}, 180_000);
afterAll(async () => {
  await server?.close();
});

/** The upload's inspection as stored before the engine listed skipped ops. */
async function storeAsOldEngineDid(): Promise<void> {
  await sql`
    update bom_files set inspect = jsonb_set(inspect, '{ops}', (inspect -> 'ops') - 'skippedOps')
    where id = ${oldFile}`.execute(server.deps.db);
}
describe('bom.files.get on an upload inspected by an older engine', { timeout: 180_000 }, () => {
  it('inspects it again once however many calls ask at once, so another user is not held up', async () => {
    // One re-inspection alone, timed on this machine as it is loaded now: the unit of the bound below.
    const alone = performance.now();
    await alice.bom.files.get.query({ fileId: oldFile });
    const oneInspectionMs = performance.now() - alone;
    await storeAsOldEngineDid();

    const flood = Array.from({ length: 30 }, () => alice.bom.files.get.query({ fileId: oldFile }));
    const small = generateBomWorkbook({ rows: 20, opsCount: 2, seed: 32 }).bom;
    await new Promise((resolve) => setTimeout(resolve, 300)); // the flood's reads are done, its engine runs queued
    const started = performance.now();
    await bob.bom.files.upload.mutate(xlsxForm(small, 'small.xlsx'));
    const otherMs = performance.now() - started;
    const answers = await Promise.all(flood);
    expect(answers.every((file) => file.inspect.ops !== null && 'skippedOps' in file.inspect.ops)).toBe(true);
    // Behind 30 re-inspections of a 30,000-row workbook on the one engine thread, bob's upload waited 11.6 s (about
    // 30 of them); sharing one, it waits for that one at most, then its own small inspection.
    console.info(
      `one re-inspection ${oneInspectionMs.toFixed(0)} ms; the other user's upload ${otherMs.toFixed(0)} ms`,
    );
    expect(otherMs).toBeLessThan(4 * oneInspectionMs + 1000);
  });
});
