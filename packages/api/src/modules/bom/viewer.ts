import { AppError } from '../../errors';

/** Who is asking: their id and whether they may see everyone's files and runs (from `auth/access.ts`). */
export interface Viewer {
  userId: string;
  isAdmin: boolean;
}

export const canSee = (viewer: Viewer, ownerId: string) => viewer.isAdmin || viewer.userId === ownerId;

/** Whose rows a list shows: a user their own; an admin everyone's, or the one owner asked for. */
export function listOwner(viewer: Viewer, ownerId: string | undefined): string | undefined {
  if (ownerId && ownerId !== viewer.userId && !viewer.isAdmin)
    throw new AppError('FORBIDDEN', 'bom.ownerFilterForbidden');
  return viewer.isAdmin ? ownerId : viewer.userId;
}
