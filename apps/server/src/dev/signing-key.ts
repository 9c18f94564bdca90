import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSigningKey } from '@arya/api';

const FILE_NAME = 'dev-signing-key.json';

/**
 * The development access-token signing key (an Ed25519 private JWK as JSON), created once under
 * `dataDir` and reused so tokens survive restarts. Never used when NODE_ENV=production.
 */
export async function loadOrCreateDevSigningKey(dataDir: string): Promise<string> {
  const file = join(dataDir, FILE_NAME);
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing) return existing.trim();
  const jwk = JSON.stringify(await generateSigningKey());
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${jwk}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return jwk;
}
