// LISTEN on one channel over a dedicated connection (a pooled one would be handed to queries and
// lose its LISTEN), reconnecting with backoff when the connection drops. Notifications sent while
// it was down are lost: the handlers hear of every such gap, so a cache can forget what it holds.
import pg from 'pg';
import type { NotificationHandlers } from './db.js';

const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5_000;

export interface NotificationListener {
  /** Settles after the first attempt to listen, whether or not it succeeded (it keeps retrying). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function listenForNotifications(
  config: { connectionString: string; connectTimeoutMs: number },
  channel: string,
  handlers: NotificationHandlers,
): NotificationListener {
  // LISTEN takes no parameters: the channel is spliced into the statement, so it must be a plain name.
  if (!CHANNEL_NAME.test(channel)) throw new Error(`not a channel name: ${JSON.stringify(channel)}`);
  let client: pg.Client | undefined;
  let closed = false;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer: NodeJS.Timeout | undefined;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const scheduleRetry = () => {
    if (closed || retryTimer !== undefined) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  };

  const connect = async () => {
    const c = new pg.Client({ connectionString: config.connectionString, connectionTimeoutMillis: config.connectTimeoutMs, keepAlive: true });
    client = c;
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (client === c) client = undefined;
      c.end().catch(() => undefined);
      if (closed) return;
      handlers.onGap();
      scheduleRetry();
    };
    c.on('error', onLost);
    c.on('end', onLost);
    c.on('notification', (msg) => {
      if (msg.channel === channel) handlers.onMessage(msg.payload ?? '');
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      retryMs = FIRST_RETRY_MS;
      // Whatever changed while nobody listened is unknown.
      handlers.onGap();
    } catch {
      onLost();
    } finally {
      markReady();
    }
  };

  void connect();
  return {
    ready,
    async close() {
      closed = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
