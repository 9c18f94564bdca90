// Runs in a worker thread (tinypool) so bcrypt's CPU work never blocks the server's event loop.
// Plain ESM JavaScript because Node loads worker files directly, without the TypeScript toolchain.
import { compare, hash as bcryptHash } from 'bcryptjs';

/** @param {{ password: string, cost: number }} task */
export function hash(task) {
  return bcryptHash(task.password, task.cost);
}

/** @param {{ password: string, hash: string }} task */
export function verify(task) {
  return compare(task.password, task.hash);
}
