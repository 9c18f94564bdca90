import type { ProcedureEntry } from './catalogue';
import type { ChosenFiles } from './http';

const json = (value: unknown) => JSON.stringify(value, null, 2);

function inputArgument(
  procedure: ProcedureEntry,
  input: unknown,
  files: ChosenFiles,
): { setup: string[]; arg: string } {
  if (procedure.inputEncoding !== 'multipart') return { setup: [], arg: input === undefined ? '' : json(input) };
  const setup = ['const form = new FormData();'];
  const entries = input && typeof input === 'object' ? Object.entries(input) : [];
  for (const [name, value] of entries) {
    const file = files.get(name);
    if (file) {
      const fileName = JSON.stringify(file.name);
      setup.push(`form.append(${JSON.stringify(name)}, new Blob([await readFile(${fileName})]), ${fileName});`);
    } else if (value !== undefined && value !== null) {
      setup.push(`form.append(${JSON.stringify(name)}, ${JSON.stringify(String(value))});`);
    }
  }
  return { setup, arg: 'form' };
}

export interface ClientCodeContext {
  origin: string;
  files: ChosenFiles;
  /** The signed-in account, written into the sign-in line; the password is read from ARYA_PASSWORD. */
  account: string | null;
}

/** The current call as a Node script using `@arya/client` (typed by the server's router). */
export function clientCode(
  procedure: ProcedureEntry,
  input: unknown,
  { origin, files, account }: ClientCodeContext,
): string {
  const { setup, arg } = inputArgument(procedure, input, files);
  const lines = [
    ...(procedure.inputEncoding === 'multipart' ? ["import { readFile } from 'node:fs/promises';"] : []),
    "import { createAryaClient } from '@arya/client';",
    '',
    `const arya = createAryaClient({ url: ${JSON.stringify(`${origin}/trpc`)} });`,
  ];
  // auth.* procedures are how one signs in; everything else runs as a signed-in user.
  if (!procedure.path.startsWith('auth.')) {
    const who = JSON.stringify(account ?? 'your-account');
    lines.push(`await arya.login({ account: ${who}, password: process.env.ARYA_PASSWORD ?? '' });`);
  }
  lines.push(...setup);
  const call = `arya.trpc.${procedure.path}`;
  if (procedure.type === 'subscription') {
    lines.push(
      `const subscription = ${call}.subscribe(${arg || 'undefined'}, {`,
      '  onData: (event) => console.log(event),',
      '  onError: (error) => console.error(error),',
      '});',
      '// later: subscription.unsubscribe();',
    );
  } else {
    lines.push(
      `const result = await ${call}.${procedure.type === 'query' ? 'query' : 'mutate'}(${arg});`,
      'console.log(result);',
    );
  }
  return lines.join('\n');
}
