import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useTRPCClient } from '../lib/trpc';
import { useSessionStore } from './SessionProvider';

/** Ends the session on the server (best effort), then forgets the token and every cached answer. */
export function useSignOut() {
  const client = useTRPCClient();
  const session = useSessionStore();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(async () => {
    try {
      await client.auth.logout.mutate();
    } finally {
      session.signOut('signedOut');
      queryClient.clear();
      void navigate('/sign-in', { replace: true });
    }
  }, [client, session, queryClient, navigate]);
}
