// One long-lived NATS connection per process that never gives up and never fails its caller.
// NATS only makes Conflux faster (docs/adr/0003), so a controller must start, reconcile and shut down
// the same way whether or not NATS is there; this module absorbs every connection failure.
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { type BusLog, errorText, silentLog } from './log.ts';

export interface BusOptions {
  /** NATS server URL(s), e.g. nats://127.0.0.1:4222. */
  servers: string | string[];
  /** Connection name shown by the server (e.g. the controller's name). */
  name?: string;
  /** Pause between connection attempts, both before the first connection and after a drop. Default 2 s. */
  reconnectWaitMs?: number;
  log?: BusLog;
}

export interface BusStatus {
  connected: boolean;
  /** The server of the live connection. */
  server: string | undefined;
  /** How often the connection came (back) up after an outage; each one triggered a resync. */
  resyncs: number;
  /** Failed attempts to open a connection (reconnects of a live connection are not counted). */
  failedAttempts: number;
  lastError: string | undefined;
  closed: boolean;
}

/** Re-reads sources from Kubernetes after an outage; see onResync. */
export type ResyncHandler = () => void | Promise<void>;

export interface BusConnection {
  readonly connected: boolean;
  readonly log: BusLog;
  status(): BusStatus;
  /**
   * Registers a handler run after every reconnect, and after the first connection when earlier
   * attempts failed: messages published while this process was cut off are gone, so a consumer
   * re-reads what it depends on from Kubernetes. Subscriptions are already back in place when it runs.
   * Returns a function that unregisters the handler.
   */
  onResync(handler: ResyncHandler): () => void;
  /** The live NATS connection, or undefined while there is none. For this lib's own modules. */
  nats(): NatsConnection | undefined;
  /**
   * Runs `listener` for every new NATS connection object, now if one exists. A reconnect keeps the same
   * object (and its subscriptions), so this fires again only when a closed connection was replaced.
   */
  onConnection(listener: (nc: NatsConnection) => void): () => void;
  /** Resolves with the connection once connected; with undefined if the bus closes or `signal` aborts first. */
  whenConnected(signal?: AbortSignal): Promise<NatsConnection | undefined>;
  /** Closes the connection and stops retrying. Idempotent. */
  close(): Promise<void>;
}

const defaultReconnectWaitMs = 2_000;

/**
 * Starts connecting and returns at once. While NATS is unreachable the bus keeps trying in the
 * background; publishers drop and subscribers wait, and nothing is thrown at the caller.
 */
export function connectBus(options: BusOptions): BusConnection {
  const log = options.log ?? silentLog;
  const waitMs = options.reconnectWaitMs ?? defaultReconnectWaitMs;
  const stopping = new AbortController();
  const resyncHandlers = new Set<ResyncHandler>();
  const connectionListeners = new Set<(nc: NatsConnection) => void>();
  const waiters = new Set<() => void>();
  let current: NatsConnection | undefined;
  let connected = false;
  let closed = false;
  let resyncs = 0;
  let failedAttempts = 0;
  let lastError: string | undefined;
  let resyncRunning = false;
  let resyncAgain = false;

  const wake = () => {
    for (const w of [...waiters]) w();
  };

  async function establish(afterLoss: boolean): Promise<void> {
    let failures = 0;
    while (!closed) {
      try {
        const nc = await connect({
          servers: options.servers,
          name: options.name,
          reconnect: true,
          maxReconnectAttempts: -1,
          reconnectTimeWait: waitMs,
        });
        if (closed) {
          await nc.close();
          return;
        }
        adopt(nc, afterLoss || failures > 0);
        return;
      } catch (err) {
        failures++;
        failedAttempts++;
        lastError = errorText(err);
        // One warning per outage; the retries after it would only repeat it.
        log(failures === 1 ? 'warn' : 'debug', 'NATS unreachable, retrying in the background', { error: lastError, servers: options.servers });
        await sleep(waitMs, undefined, { signal: stopping.signal }).catch(() => undefined);
      }
    }
  }

  function adopt(nc: NatsConnection, resync: boolean): void {
    current = nc;
    connected = true;
    log('info', 'NATS connected', { server: nc.getServer() });
    for (const listener of connectionListeners) runListener(listener, nc);
    void watch(nc);
    void nc.closed().then((err) => lost(nc, err));
    wake();
    if (resync) requestResync(nc);
  }

  async function watch(nc: NatsConnection): Promise<void> {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect') {
        connected = false;
        log('warn', 'NATS disconnected; readiness events are dropped until it is back', { server: s.server });
      } else if (s.type === 'reconnect') {
        connected = true;
        log('info', 'NATS reconnected', { server: s.server });
        wake();
        requestResync(nc);
      } else if (s.type === 'error') {
        lastError = errorText(s.error);
      }
    }
  }

  function lost(nc: NatsConnection, err: void | Error): void {
    if (current !== nc) return;
    current = undefined;
    connected = false;
    if (closed) return;
    // The client gave up on this connection (it should not, with unlimited reconnects): open a new one.
    if (err) lastError = errorText(err);
    log('warn', 'NATS connection closed; opening a new one', { error: lastError });
    establishing = establish(true);
  }

  // Resyncs coalesce: an outage that ends while a resync runs schedules one more, never a pile of them.
  function requestResync(nc: NatsConnection): void {
    resyncs++;
    if (resyncRunning) {
      resyncAgain = true;
      return;
    }
    resyncRunning = true;
    void (async () => {
      do {
        resyncAgain = false;
        // A flush guarantees the server has our subscriptions again before handlers re-read sources,
        // so nothing published after that re-read can slip past.
        await nc.flush().catch(() => undefined);
        await Promise.all([...resyncHandlers].map((h) => runResync(h)));
      } while (resyncAgain && !closed);
      resyncRunning = false;
    })();
  }

  async function runResync(handler: ResyncHandler): Promise<void> {
    try {
      await handler();
    } catch (err) {
      log('error', 'resync handler failed', { error: errorText(err) });
    }
  }

  function runListener(listener: (nc: NatsConnection) => void, nc: NatsConnection): void {
    try {
      listener(nc);
    } catch (err) {
      log('error', 'NATS connection listener failed', { error: errorText(err) });
    }
  }

  let establishing = establish(false);

  return {
    get connected() {
      return connected && !closed;
    },
    log,
    status: () => ({
      connected: connected && !closed,
      server: connected ? current?.getServer() : undefined,
      resyncs,
      failedAttempts,
      lastError,
      closed,
    }),
    onResync(handler) {
      resyncHandlers.add(handler);
      return () => resyncHandlers.delete(handler);
    },
    nats: () => current,
    onConnection(listener) {
      connectionListeners.add(listener);
      if (current) runListener(listener, current);
      return () => connectionListeners.delete(listener);
    },
    whenConnected(signal) {
      if (closed || signal?.aborted) return Promise.resolve(undefined);
      if (connected && current) return Promise.resolve(current);
      return new Promise((resolve) => {
        const check = () => {
          if (closed || signal?.aborted) finish(undefined);
          else if (connected && current) finish(current);
        };
        const finish = (nc: NatsConnection | undefined) => {
          waiters.delete(check);
          signal?.removeEventListener('abort', check);
          resolve(nc);
        };
        waiters.add(check);
        signal?.addEventListener('abort', check);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      connected = false;
      stopping.abort();
      wake();
      await establishing;
      await current?.close().catch(() => undefined);
      current = undefined;
    },
  };
}
