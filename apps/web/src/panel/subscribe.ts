import { createTRPCUntypedClient } from '@trpc/client';
import { aryaLinks } from '@arya/client/links';

export interface StreamHandlers {
  onStarted: () => void;
  onData: (event: unknown) => void;
  onError: (error: unknown) => void;
  onComplete: () => void;
}

/**
 * Follows a subscription over server-sent events through `@arya/client/links`, as the web UI does (the `eventsource`
 * package, which sends the bearer header; `tracked` events resume with `lastEventId` after a dropped connection).
 * Returns the function that stops it.
 */
export function subscribe(path: string, input: unknown, token: string | null, handlers: StreamHandlers): () => void {
  const client = createTRPCUntypedClient({
    links: aryaLinks({
      url: '/trpc',
      headers: (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {}),
      credentials: 'same-origin',
    }),
  });
  const subscription = client.subscription(path, input, {
    onStarted: handlers.onStarted,
    onData: handlers.onData,
    onError: handlers.onError,
    onComplete: handlers.onComplete,
  });
  return () => subscription.unsubscribe();
}
