/**
 * Solves an ALTCHA challenge off the page's thread (SHA-256 tries with Web Crypto), so the form stays responsive.
 * Receives the challenge from `sms.challenge`; answers the number found, or null.
 */
import { solveChallenge } from 'altcha-lib/v1';
import type { RouterOutputs } from '@arya/api';

type Challenge = RouterOutputs['sms']['challenge'];

const scope = globalThis as unknown as {
  addEventListener: (type: 'message', listener: (event: MessageEvent<Challenge>) => void) => void;
  postMessage: (number: number | null) => void;
};
// A worker's postMessage goes to its own page: there is no target origin to name.
// oxlint-disable-next-line unicorn/require-post-message-target-origin
const answer = (number: number | null) => scope.postMessage(number);

scope.addEventListener('message', (event) => {
  const { challenge, salt, algorithm, maxnumber } = event.data;
  void solveChallenge(challenge, salt, algorithm, maxnumber).promise.then(
    (solution) => answer(solution?.number ?? null),
    () => answer(null),
  );
});
