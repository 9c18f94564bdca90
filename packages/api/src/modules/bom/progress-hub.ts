import type { Redis } from 'ioredis';
import type { Logger } from '../../logger';
import { runEventsKey } from './keys';
import type { RunEvent } from './run-event';

/** What a follower of one run hears from the hub. */
export type HubMessage =
  /** An event published for the run since the follower joined (its stream id, to skip what it has already read). */
  | { kind: 'event'; id: string; event: RunEvent }
  /** The subscription was lost: events may be missed until `resync`; hold back what arrives till then. */
  | { kind: 'gap' }
  /** Subscribed again after a loss: read the stream from where you are, then go on with the messages. */
  | { kind: 'resync' };

export type HubListener = (message: HubMessage) => void;

/**
 * One Redis subscriber connection per process for every `bom.runs.progress` follower: a run's channel is subscribed
 * while at least one follower of that run is here, and each published event is fanned out in memory. Before, every
 * follower held a connection of its own for blocking stream reads (100 followers = 100 Redis connections).
 */
export interface RunEventHub {
  /**
   * Hears the run's events from the moment this resolves (the channel is subscribed then). Returns the function that
   * stops hearing; the last follower of a run leaving unsubscribes its channel.
   */
  listen: (runId: string, listener: HubListener) => Promise<() => void>;
  /** Runs followed here now and their followers (tests and diagnostics). */
  stats: () => { channels: number; followers: number };
  close: () => void;
}

/** The channel of a run's events. Not a key, so the client's key prefix is added here (test runs share one Redis). */
export function runEventsChannel(redis: Redis, runId: string): string {
  const prefix = typeof redis.options.keyPrefix === 'string' ? redis.options.keyPrefix : '';
  return `${prefix}${runEventsKey(runId)}`;
}

/** A published message: `<stream id> <event JSON>`. */
export function encodeHubMessage(id: string, event: RunEvent): string {
  return `${id} ${JSON.stringify(event)}`;
}

function decodeHubMessage(payload: string): { id: string; event: RunEvent } | null {
  const space = payload.indexOf(' ');
  if (space <= 0) return null;
  try {
    return { id: payload.slice(0, space), event: JSON.parse(payload.slice(space + 1)) as RunEvent };
  } catch {
    return null;
  }
}

export function createRunEventHub(redis: Redis, logger: Logger): RunEventHub {
  const followers = new Map<string, Set<HubListener>>();
  /** Each channel's SUBSCRIBE, so a second follower joining while it is on its way waits for the same reply. */
  const subscriptions = new Map<string, Promise<unknown>>();
  let subscriber: Redis | null = null;
  let connectedBefore = false;
  let closed = false;

  const tell = (channels: Iterable<string>, message: HubMessage) => {
    for (const channel of channels) for (const listener of followers.get(channel) ?? []) listener(message);
  };

  function connection(): Redis {
    if (subscriber) return subscriber;
    const base = redis.options.connectionName;
    const created = redis.duplicate({
      connectionName: `${base ?? 'arya'}:bom-progress`,
      // Re-subscribing is done here, so followers are told to catch up only once the channels are live again.
      autoResubscribe: false,
      // A SUBSCRIBE waits for the connection to come back instead of failing the follower.
      maxRetriesPerRequest: null,
      lazyConnect: false,
    });
    created.on('message', (channel: string, payload: string) => {
      const decoded = decodeHubMessage(payload);
      if (decoded) tell([channel], { kind: 'event', ...decoded });
    });
    created.on('close', () => {
      if (connectedBefore && !closed) tell(followers.keys(), { kind: 'gap' });
    });
    created.on('ready', () => {
      if (!connectedBefore) {
        connectedBefore = true;
        return;
      }
      const channels = [...followers.keys()];
      subscriptions.clear();
      if (channels.length === 0) return;
      const again = created.subscribe(...channels);
      for (const channel of channels) subscriptions.set(channel, again);
      again.then(
        () => tell(channels, { kind: 'resync' }),
        (error: unknown) => logger.warn({ err: error }, 'run progress: re-subscribing after a reconnect failed'),
      );
    });
    created.on('error', (error: unknown) => logger.warn({ err: error }, 'run progress subscriber connection error'));
    subscriber = created;
    return created;
  }

  return {
    async listen(runId, listener) {
      if (closed) throw new Error('the run event hub is closed');
      const channel = runEventsChannel(redis, runId);
      const connected = connection();
      let listeners = followers.get(channel);
      if (!listeners) {
        listeners = new Set();
        followers.set(channel, listeners);
      }
      listeners.add(listener);
      let subscribed = subscriptions.get(channel);
      if (!subscribed) {
        const subscribing = connected.subscribe(channel);
        subscriptions.set(channel, subscribing);
        subscribing.catch(() => {
          if (subscriptions.get(channel) === subscribing) subscriptions.delete(channel);
        });
        subscribed = subscribing;
      }
      const stop = () => {
        const current = followers.get(channel);
        if (!current?.delete(listener) || current.size > 0) return;
        followers.delete(channel);
        subscriptions.delete(channel);
        if (!closed)
          connected
            .unsubscribe(channel)
            .catch((error: unknown) => logger.warn({ err: error, channel }, 'run progress: unsubscribe failed'));
      };
      try {
        await subscribed;
      } catch (error) {
        stop();
        throw error;
      }
      return stop;
    },
    stats: () => ({
      channels: followers.size,
      followers: [...followers.values()].reduce((sum, listeners) => sum + listeners.size, 0),
    }),
    close() {
      closed = true;
      followers.clear();
      subscriptions.clear();
      subscriber?.disconnect();
      subscriber = null;
    },
  };
}
