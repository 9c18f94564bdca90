/**
 * What a password worker thread runs: bcrypt, off the event loop, at a lower CPU priority than the server's threads.
 */
import { compare, hash as bcryptHash } from 'bcryptjs';
import { lowerThisThreadsPriority } from '../lib/thread-priority';

/**
 * Below the event loop's priority, so a burst of logins (each ~0.3 s of CPU at cost 12) cannot delay cheap requests
 * when the cores are busy: bcrypt then gets the cycles the event loop leaves, and all of an idle core.
 */
const PASSWORD_THREAD_NICE = 5;

lowerThisThreadsPriority(PASSWORD_THREAD_NICE);

export function hash(task: { password: string; cost: number }): Promise<string> {
  return bcryptHash(task.password, task.cost);
}

export function verify(task: { password: string; hash: string }): Promise<boolean> {
  return compare(task.password, task.hash);
}
