import { createInterface } from 'node:readline/promises';
import type { Readable } from 'node:stream';
import { Writable } from 'node:stream';

export interface Answers {
  /** The next answer; `undefined` when piped input has run out. `hidden` answers are never echoed. */
  ask(question: string, options?: { hidden?: boolean }): Promise<string | undefined>;
  close(): void;
}

/** At a terminal: asks each question, the hidden ones without echo. */
function terminalAnswers(input: Readable, output: NodeJS.WritableStream): Answers {
  let muted = false;
  const echo = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) output.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input, output: echo, terminal: true });
  return {
    async ask(question, { hidden = false } = {}) {
      muted = false;
      const answer = rl.question(question);
      muted = hidden;
      try {
        return (await answer).trim();
      } finally {
        if (hidden) output.write('\n');
        muted = false;
      }
    },
    close: () => rl.close(),
  };
}

/** Piped (`printf 'name\npass\n' | …`): one line per question, in order; nothing is echoed. */
function pipedAnswers(input: Readable): Answers {
  const rl = createInterface({ input, crlfDelay: Infinity, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  return {
    async ask() {
      const next = await lines.next();
      return next.done ? undefined : next.value.trim();
    },
    close: () => rl.close(),
  };
}

/** Answers from stdin, whether a person types them or a script pipes them in. */
export function stdinAnswers(input: Readable & { isTTY?: boolean } = process.stdin): Answers {
  return input.isTTY ? terminalAnswers(input, process.stdout) : pipedAnswers(input);
}
