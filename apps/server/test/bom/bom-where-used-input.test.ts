import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBomWorkbook } from '@arya/bom/fixtures';
import { listeningApp, refusalOf, signedInClient, xlsxForm, type AryaClient, type ListeningApp } from './harness';

// bom.whereUsed with the inputs an attacker tries: LIKE wildcards and escapes match nothing (the code is compared
// exactly), a NUL or an over-long code is a typed BAD_REQUEST, never a 500. Production mode, loopback HTTP.
let server: ListeningApp;
let alice: AryaClient;

beforeAll(async () => {
  server = await listeningApp({ env: { NODE_ENV: 'production' } });
  ({ client: alice } = await signedInClient(server, 'alice-where-used'));
  await alice.bom.files.upload.mutate(xlsxForm(generateBomWorkbook({ rows: 40, opsCount: 1, seed: 9 }).bom, 'a.xlsx'));
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('bom.whereUsed input', () => {
  it('matches wildcard and escape characters literally', async () => {
    const [row] = await server.deps.db.selectFrom('bom_material_uses').select('material_code').limit(1).execute();
    const code = row?.material_code ?? '';
    expect((await alice.bom.whereUsed.query({ materialCode: code })).items).toHaveLength(1);
    for (const probe of ['%', '_', '\\', '%%', `${code.slice(0, -1)}_`, `${code.slice(0, 2)}%`, `${code}\\`, '*']) {
      expect((await alice.bom.whereUsed.query({ materialCode: probe })).items).toEqual([]);
    }
  });

  it('refuses a NUL or an over-long code with BAD_REQUEST', async () => {
    expect((await refusalOf(alice.bom.whereUsed.query({ materialCode: 'a\u0000b' }))).code).toBe('BAD_REQUEST');
    expect((await refusalOf(alice.bom.whereUsed.query({ materialCode: 'x'.repeat(101) }))).code).toBe('BAD_REQUEST');
  });
});
