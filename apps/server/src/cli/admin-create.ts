import { parseArgs } from 'node:util';
/**
 * `pnpm admin:create [--account NAME] [--password PASS] [--username NAME]`: creates an admin account, or promotes an
 * existing account to admin. Missing values are asked for (the password without echo). Uses the same config as the
 * server: DATABASE_URL when set, the dev embedded Postgres otherwise.
 */
import { AppError, createFirstAdmin, translate } from '@arya/api';
import { loadDotEnv } from '../dotenv';
import { openRuntime } from '../runtime';
import { ask } from './prompt';

const { values } = parseArgs({
  options: { account: { type: 'string' }, password: { type: 'string' }, username: { type: 'string' } },
});

loadDotEnv();
const account = values.account ?? (await ask('Account: '));
const password = values.password ?? (await ask('Password: ', { hidden: true }));

const runtime = await openRuntime({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
try {
  const result = await createFirstAdmin(runtime.deps, { account, password, username: values.username });
  console.log(
    result.status === 'created'
      ? `Created admin "${account}".`
      : result.status === 'promoted'
        ? `"${account}" already existed and is now an admin (its password is unchanged).`
        : 'An admin already exists; nothing done.',
  );
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  console.error(`Not created: ${translate(error.messageKey, error.params, 'en')}`);
  process.exitCode = 1;
} finally {
  await runtime.close();
}
