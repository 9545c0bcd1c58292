// How an artifact's URL is derived from the advertised storage address (upstream §3.3).
import { hostname as osHostname } from 'node:os';

function splitHostPort(addr: string): { host: string; port: string } {
  const m = /^\[([^\]]*)\]:(\d*)$/.exec(addr) ?? /^([^:]*):(\d*)$/.exec(addr);
  if (!m) throw new Error(`storage address ${JSON.stringify(addr)} is not host:port`);
  return { host: m[1]!, port: m[2]! };
}

function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * The address written into artifact URLs: `--storage-adv-addr` when set, otherwise `--storage-addr` with an
 * empty host turned into `localhost` and `0.0.0.0` into $HOSTNAME (or the OS hostname).
 */
export function advertisedStorageAddress(
  storageAddr: string,
  advAddr = '',
  env: { HOSTNAME?: string | undefined; hostname?: () => string } = { HOSTNAME: process.env.HOSTNAME },
): string {
  if (advAddr !== '') return advAddr;
  const { port, host: listenHost } = splitHostPort(storageAddr);
  let host = listenHost;
  if (host === '') host = 'localhost';
  if (host === '0.0.0.0') host = env.HOSTNAME || (env.hostname ?? osHostname)();
  return joinHostPort(host, port);
}

/** `http://<adv>/<path>`, without adding a scheme the address already has or doubling slashes. */
export function artifactURL(advertisedAddress: string, artifactPath: string): string {
  const base = advertisedAddress.replace(/\/+$/, '');
  const path = artifactPath.replace(/^\/+/, '');
  return /^https?:\/\//.test(base) ? `${base}/${path}` : `http://${base}/${path}`;
}
