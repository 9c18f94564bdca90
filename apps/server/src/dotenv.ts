import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from './paths';

/** Reads `<repo>/.env` into process.env when it exists; variables already set in the environment win. */
export function loadDotEnv(): void {
  const file = join(findRepoRoot(), '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}
