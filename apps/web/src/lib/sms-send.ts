import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { RouterInputs, RouterOutputs } from '@arya/api';
import { useTRPC, useTRPCClient } from './trpc';

type SendOutput = RouterOutputs['sms']['send'];

/**
 * `sms.send` as a mutation that passes the server's proof of work by itself: once an address has asked for several
 * codes within an hour the server answers `sms.proofRequired`; the solver (./sms-proof.ts, loaded then) fetches a
 * challenge, solves it in a worker and sends again. `verifying` is true meanwhile (a short "verifying…" on the button).
 */
export function useSmsSend(options: { onSuccess: (result: SendOutput) => void; onError: (error: unknown) => void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const [verifying, setVerifying] = useState(false);
  const mutation = useMutation({
    mutationKey: trpc.sms.send.mutationKey(),
    mutationFn: async (input: RouterInputs['sms']['send']): Promise<SendOutput> => {
      try {
        return await client.sms.send.mutate(input);
      } catch (error) {
        if ((error as { data?: { messageKey?: string } }).data?.messageKey !== 'sms.proofRequired') throw error;
      }
      setVerifying(true);
      try {
        return await (await import('./sms-proof')).sendWithProof(client, input);
      } finally {
        setVerifying(false);
      }
    },
    onSuccess: options.onSuccess,
    onError: options.onError,
  });
  return { ...mutation, verifying };
}
