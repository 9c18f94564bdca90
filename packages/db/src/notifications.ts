import { Client } from 'pg';

export interface NotificationHandlers {
  /** A payload sent with `pg_notify(channel, payload)`, delivered after the sender's commit. */
  onMessage: (payload: string) => void;
  /**
   * `true` once LISTEN is in place (again), `false` as soon as the connection is lost or stops answering: messages sent
   * meanwhile are lost, so whatever they keep current must not be trusted until the next `true`.
   */
  onConnected: (connected: boolean) => void;
  onError?: (error: Error) => void;
}

export interface NotificationListener {
  close: () => Promise<void>;
}

export interface ListenOptions {
  /** How often the connection proves it is alive (a half-open TCP connection raises no error). Default 5 s. */
  heartbeatMs?: number;
  /** Wait before reconnecting after a loss. Default 1 s. */
  reconnectMs?: number;
}

/**
 * LISTENs on `channel` over a dedicated connection (not from the pool: LISTEN belongs to one session), reconnecting
 * after a loss and checking with a heartbeat query that the connection still answers.
 */
export function listenForNotifications(
  url: string,
  channel: string,
  handlers: NotificationHandlers,
  options: ListenOptions = {},
): NotificationListener {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a plain channel name: ${channel}`);
  const heartbeatMs = options.heartbeatMs ?? 5000;
  const reconnectMs = options.reconnectMs ?? 1000;
  let client: Client | undefined;
  let closed = false;
  let reconnectTimer: NodeJS.Timeout | undefined;

  const drop = (lost: Client, error?: Error) => {
    if (client !== lost) return;
    client = undefined;
    handlers.onConnected(false);
    if (error) handlers.onError?.(error);
    lost.end().catch(() => {});
    if (!closed) reconnectTimer = setTimeout(connect, reconnectMs).unref();
  };

  async function connect(): Promise<void> {
    if (closed) return;
    const next = new Client({ connectionString: url, keepAlive: true, application_name: `arya-listen-${channel}` });
    next.on('notification', (message) => {
      if (message.channel === channel) handlers.onMessage(message.payload ?? '');
    });
    next.on('error', (error) => drop(next, error));
    next.on('end', () => drop(next));
    client = next;
    try {
      await next.connect();
      await next.query(`listen ${channel}`);
      if (closed || client !== next) return;
      handlers.onConnected(true);
    } catch (error) {
      drop(next, error instanceof Error ? error : new Error(String(error)));
    }
  }

  const heartbeat = setInterval(() => {
    const current = client;
    if (!current) return;
    const timeout = setTimeout(() => drop(current, new Error('the LISTEN connection stopped answering')), heartbeatMs);
    current.query('select 1').then(
      () => clearTimeout(timeout),
      (error: Error) => {
        clearTimeout(timeout);
        drop(current, error);
      },
    );
  }, heartbeatMs).unref();

  void connect();
  return {
    close: async () => {
      closed = true;
      clearInterval(heartbeat);
      clearTimeout(reconnectTimer);
      const current = client;
      client = undefined;
      await current?.end().catch(() => {});
    },
  };
}
