import type { Server } from 'node:http';
import { isIPv6 } from 'node:net';

/** Where a server listens. `host` undefined means every interface, as Go's ":8080" does. */
export interface ListenAddress {
  host: string | undefined;
  port: number;
}

/**
 * Parses a Go-style listen address (":8080", "127.0.0.1:0", "[::1]:9440", "localhost:8080"). "0" and ""
 * mean "disabled", the convention controller-runtime uses for --metrics-addr, and give undefined.
 */
export function parseListenAddress(addr: string): ListenAddress | undefined {
  if (addr === '' || addr === '0') return undefined;
  const m = /^(?:\[([^\]]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(addr);
  const port = Number(m?.[3]);
  if (!m || port > 65535) throw new Error(`invalid listen address "${addr}": expected [host]:port, e.g. ":8080" or "127.0.0.1:9440"`);
  const host = m[1] ?? m[2];
  return { host: host === '' ? undefined : host, port };
}

/** A running HTTP server and the address it actually bound (useful with port 0). */
export interface HttpEndpoint {
  readonly host: string;
  readonly port: number;
  /** A URL a client on this machine can use to reach the server. */
  readonly url: string;
  /** Stops accepting connections, lets in-flight requests finish, then drops any that linger. */
  close(): Promise<void>;
}

export async function listen(server: Server, address: ListenAddress, graceMs = 5000): Promise<HttpEndpoint> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address();
  if (bound === null || typeof bound === 'string') throw new Error('server did not bind a TCP address');
  const reachable = bound.address === '::' || bound.address === '0.0.0.0' ? 'localhost' : bound.address;
  const urlHost = isIPv6(reachable) ? `[${reachable}]` : reachable;
  let closing: Promise<void> | undefined;
  return {
    host: bound.address,
    port: bound.port,
    url: `http://${urlHost}:${bound.port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        // Scrapers and probes keep connections alive; without this close() would wait for their timeout.
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
