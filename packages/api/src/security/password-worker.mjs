// Worker-thread entry for bcrypt (tinypool loads it by URL). Node cannot load TypeScript in a worker by itself, so in
// development and tests this shim loads `password-task.ts` through tsx. The production build bundles `password-task.ts`
// into a file of this same name beside the server bundle, which replaces this shim.
import { tsImport } from 'tsx/esm/api';

const task = await tsImport('./password-task.ts', import.meta.url);

export const hash = task.hash;
export const verify = task.verify;
