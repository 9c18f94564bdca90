/**
 * Uploads each user has in progress in this process. Counted per process because what it bounds is this process's
 * memory: an upload's body is held whole while it is hashed and inspected (up to `UPLOAD_MAX_BYTES`, several copies).
 */
export interface UploadSlots {
  /** Takes one of the user's slots; returns its release (safe to call more than once), or null when all are taken. */
  tryTake: (userId: string) => (() => void) | null;
  inProgress: (userId: string) => number;
}

export function createUploadSlots(maxPerUser: number): UploadSlots {
  const taken = new Map<string, number>();
  return {
    tryTake(userId) {
      const count = taken.get(userId) ?? 0;
      if (count >= maxPerUser) return null;
      taken.set(userId, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (taken.get(userId) ?? 1) - 1;
        if (left > 0) taken.set(userId, left);
        else taken.delete(userId);
      };
    },
    inProgress: (userId) => taken.get(userId) ?? 0,
  };
}
