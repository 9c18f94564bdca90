// Worker-thread entry for the BOM engine (tinypool loads it by URL). Node cannot load TypeScript in a worker by itself,
// so in development and tests this shim loads `engine-task.ts` through tsx. The production build bundles
// `engine-task.ts` into a file of this same name beside the server bundle, which replaces this shim.
import { tsImport } from 'tsx/esm/api';

const task = await tsImport('./engine-task.ts', import.meta.url);

export const inspect = task.inspect;
export const materialRows = task.materialRows;
export const apply = task.apply;
export const compare = task.compare;
export const compareWorkbook = task.compareWorkbook;
export const dryRun = task.dryRun;
