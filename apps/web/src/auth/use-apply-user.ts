import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../lib/trpc';
import type { SessionUser } from './session-store';
import { useSessionStore } from './SessionProvider';

/**
 * Puts a changed user everywhere the app holds it: the cached `user.me` answer (the profile) and the session (the
 * header's name, the admin menu). Given a function instead, it derives the user from the one held now — for a change
 * whose answer is not the user.
 */
export function useApplyUser() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const session = useSessionStore();
  return useCallback(
    (next: SessionUser | ((current: SessionUser) => SessionUser)) => {
      const key = trpc.user.me.queryKey();
      const state = session.getState();
      const current = queryClient.getQueryData(key) ?? (state.status === 'signedIn' ? state.user : undefined);
      const user = typeof next === 'function' ? current && next(current) : next;
      if (!user) return;
      queryClient.setQueryData(key, user);
      session.updateUser(user);
    },
    [trpc, queryClient, session],
  );
}
