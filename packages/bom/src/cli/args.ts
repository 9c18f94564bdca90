import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BomInputError } from '../errors';
import { DEFAULT_LIMITS } from '../limits';
import { BOM_LANGS, parseBomLang, type BomLang } from '../texts';
import type { CommandHelp } from './help';

/** Wrong arguments: exit 2 with the message and the command's usage. */
export class UsageError extends Error {}

/** A file that cannot be read or written: exit 1 with one line. */
export class CliInputError extends Error {}

/** pnpm runs scripts from the package root; INIT_CWD is where the user typed the command. */
const callerPath = (path: string) => resolve(process.env['INIT_CWD'] ?? process.cwd(), path);

export function readInput(path: string): Uint8Array {
  const full = callerPath(path);
  let size: number;
  try {
    size = statSync(full).size;
  } catch {
    throw new CliInputError(`cannot read ${path}: no such file / 无法读取文件`);
  }
  if (size > DEFAULT_LIMITS.maxInputBytes)
    throw new BomInputError('too_large', { bytes: size, limit: DEFAULT_LIMITS.maxInputBytes });
  try {
    return new Uint8Array(readFileSync(full));
  } catch {
    throw new CliInputError(`cannot read ${path} / 无法读取文件`);
  }
}

export function writeOutput(path: string, bytes: Uint8Array): void {
  try {
    writeFileSync(callerPath(path), bytes);
  } catch {
    throw new CliInputError(`cannot write ${path} / 无法写入文件`);
  }
}

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** `--lang`: the language of the words the engine writes; Simplified Chinese when not given. */
export const langOption = { lang: { type: 'string' } } as const;

export function langOf(value: string | undefined): BomLang {
  if (value === undefined) return 'zh-CN';
  const lang = parseBomLang(value);
  if (!lang) throw new UsageError(`--lang must be one of ${BOM_LANGS.join(', ')} (zh and en work too), not "${value}"`);
  return lang;
}

/** One subcommand: its name, a line for the overview and its whole help text (`help.ts`), and what it does. */
export interface Command extends CommandHelp {
  /** exit code for unusable input (default 1) */
  badInputExitCode?: 1 | 2;
  run: (args: string[]) => void;
}
