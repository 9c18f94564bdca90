/**
 * The `bom` command line: `pnpm --silent bom <command> …` from the repo root (`bom --help` lists the commands).
 * Exit 0 when the command did its job, 1 for unusable input (one line on stderr), 2 for usage errors.
 */
import { main } from './cli/main';

// `bom inspect … | head` closes stdout early; that is not an error
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = main(process.argv.slice(2));
