import type { RouterInputs, RouterOutputs } from '@arya/api';
import type { ApiClient } from './trpc';

type Challenge = RouterOutputs['sms']['challenge'];

/** Finds the challenge's number in a Web Worker (its own chunk), so the page stays responsive meanwhile. */
function solveInWorker(challenge: Challenge): Promise<number> {
  const worker = new Worker(new URL('./sms-proof-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<number>((resolve, reject) => {
    worker.addEventListener('message', (event: MessageEvent<number | null>) => {
      if (event.data === null) reject(new Error('the SMS challenge has no solution'));
      else resolve(event.data);
    });
    worker.addEventListener('error', () => reject(new Error('the SMS challenge solver failed')));
    // A worker has no origin to name: the message goes to it alone.
    // oxlint-disable-next-line unicorn/require-post-message-target-origin
    worker.postMessage(challenge);
  }).finally(() => worker.terminate());
}

/**
 * Fetches a proof-of-work challenge, solves it and sends the code request again with the proof. Loaded only when the
 * server asks for a proof, so the sign-in screen's first download does not carry it.
 */
export async function sendWithProof(
  client: ApiClient,
  input: RouterInputs['sms']['send'],
): Promise<RouterOutputs['sms']['send']> {
  const challenge = await client.sms.challenge.mutate();
  const number = await solveInWorker(challenge);
  const { maxnumber: _searchSpace, ...signed } = challenge;
  return client.sms.send.mutate({ ...input, proof: { ...signed, number } });
}
