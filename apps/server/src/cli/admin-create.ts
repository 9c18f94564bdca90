/**
 * `pnpm admin:create [--account NAME] [--username NAME]`: creates an admin account, or promotes an existing account to
 * admin (its password unchanged, none asked for). The password of a new account comes from ADMIN_PASSWORD, else from
 * stdin: typed at a prompt without echo, or piped (`printf 'name\npass\n' | pnpm -s admin:create`, one line per
 * question). It is never taken from the command line, where shell history and the process list would keep it. Uses
 * the same config as the server: DATABASE_URL when set, the dev embedded Postgres otherwise.
 */
import { parseArgs } from 'node:util';
import { adminCandidateExists, AppError, createFirstAdmin, translate, type ApiDepsOverrides } from '@arya/api';
import { loadDotEnv } from '../dotenv';
import { openRuntime } from '../runtime';
import { stdinAnswers } from './prompt';

const USAGE = 'Usage: pnpm admin:create [--account NAME] [--username NAME]';

/** This CLI sends no SMS; a stand-in keeps the SMS provider's start-up notice out of its output. */
const noSms: NonNullable<ApiDepsOverrides['sms']> = {
  name: 'console',
  send: () => Promise.reject(new Error('admin:create sends no SMS')),
};

function fail(message: string, exitCode: number): never {
  console.error(message);
  process.exit(exitCode);
}

/** A missing answer once the runtime is open: reported after the runtime is closed. */
class MissingAnswer extends Error {}

let values: { account?: string | undefined; username?: string | undefined; help?: boolean | undefined };
try {
  ({ values } = parseArgs({
    options: { account: { type: 'string' }, username: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  }));
} catch (error) {
  const passwordFlag = process.argv.some((arg) => arg === '--password' || arg.startsWith('--password='));
  fail(
    passwordFlag
      ? '--password is not accepted: the command line is kept in shell history and shown in the process list. ' +
          'Type the password at the prompt, pipe it on stdin, or set ADMIN_PASSWORD.'
      : `${(error as Error).message}\n${USAGE}`,
    2,
  );
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

loadDotEnv();
const answers = stdinAnswers();
const runtime = await openRuntime({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }, { sms: noSms });
try {
  const account = values.account ?? (await answers.ask('Account: '));
  if (!account) throw new MissingAnswer(`Not created: no account name given.\n${USAGE}`);
  let password: string | undefined;
  if (!(await adminCandidateExists(runtime.deps, account))) {
    const fromEnv = process.env.ADMIN_PASSWORD;
    if (fromEnv) console.log('Using the password in ADMIN_PASSWORD.');
    password = fromEnv || (await answers.ask('Password: ', { hidden: true }));
    if (!password) {
      throw new MissingAnswer(
        'Not created: no password given (type it at the prompt, pipe it, or set ADMIN_PASSWORD).',
      );
    }
  }
  const result = await createFirstAdmin(runtime.deps, { account, password, username: values.username });
  console.log(
    result.status === 'created'
      ? `Created admin "${account}".`
      : result.status === 'promoted'
        ? `"${account}" already existed and is now an admin (its password is unchanged).`
        : 'An admin already exists; nothing done.',
  );
} catch (error) {
  if (error instanceof MissingAnswer) console.error(error.message);
  else if (error instanceof AppError) console.error(`Not created: ${translate(error.messageKey, error.params, 'en')}`);
  else throw error;
  process.exitCode = 1;
} finally {
  answers.close();
  await runtime.close();
}
