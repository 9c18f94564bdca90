import type { ApiDeps } from '../../deps';
import { AppError } from '../../errors';

/**
 * Runs `work` in one of the user's comparison slots (`BOM_MAX_COMPARES_PER_USER`), or refuses at once: a comparison
 * holds both workbooks and waits for the shared worker threads, whose queue has no bound of its own.
 */
export async function inCompareSlot<T>(
  deps: Pick<ApiDeps, 'config' | 'bomCompares'>,
  userId: string,
  work: () => Promise<T>,
): Promise<T> {
  const release = deps.bomCompares.tryTake(userId);
  if (!release) {
    throw new AppError('TOO_MANY_REQUESTS', 'bom.tooManyCompares', { max: deps.config.BOM_MAX_COMPARES_PER_USER });
  }
  try {
    return await work();
  } finally {
    release();
  }
}
