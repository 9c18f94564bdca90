import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateBomWorkbook } from '@arya/bom/fixtures';
import { createBomWorkerPool } from '../../src/modules/bom/worker-pool';
import { createPasswordHasher } from '../../src/security/passwords';

/** Nice values of this process's threads, read from /proc (field 19 of each thread's stat line). */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[16]);
  });
}

const count = (values: number[], nice: number) => values.filter((value) => value === nice).length;

describe.runIf(process.platform === 'linux')('worker thread priority', () => {
  it('runs bcrypt in a thread below the event loop’s priority (nice 5), the process itself at its own', async () => {
    const before = threadNiceValues();
    const hasher = createPasswordHasher({ cost: 4, threads: 1 });
    try {
      await hasher.hash('Quartz-Lantern-42-Orbit');
      const during = threadNiceValues();
      expect(count(during, 5) - count(before, 5)).toBe(1);
      expect(during[0]).toBe(before[0]);
    } finally {
      await hasher.close();
    }
  });

  it('runs the BOM engine in a thread at nice 10', async () => {
    const before = threadNiceValues();
    const pool = createBomWorkerPool({ threads: 1 });
    try {
      const { bom } = generateBomWorkbook({ rows: 20, opsCount: 2 });
      const outcome = await pool.inspect({ bytes: bom, limits: {} });
      expect(outcome.ok).toBe(true);
      expect(count(threadNiceValues(), 10) - count(before, 10)).toBe(1);
    } finally {
      await pool.close();
    }
  });
});
