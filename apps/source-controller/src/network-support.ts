// Test-only network fixtures for the auth e2e tests: a private CA with openssl, HTTPS in front of the
// plain-HTTP Git server, and an HTTP proxy (CONNECT and absolute-form forwarding) that logs what it
// carries. The proxy can also answer for a host name that resolves nowhere, which proves that traffic
// to it went through the proxy and nowhere else.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as http from 'node:http';
import * as https from 'node:https';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** A host name under the reserved .invalid TLD: only the test proxy knows where it is. */
export const proxiedHost = 'git.conflux.invalid';

export interface Pki {
  ca: Buffer;
  serverCert: Buffer;
  serverKey: Buffer;
}

/** A throwaway CA and a server certificate for 127.0.0.1 and `proxiedHost`. */
export async function makePki(): Promise<Pki> {
  const dir = await mkdtemp(join(tmpdir(), 'source-controller-pki-'));
  try {
    const openssl = (...args: string[]) => exec('openssl', args, { cwd: dir });
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    await openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=conflux-e2e-ca');
    await writeFile(join(dir, 'server.ext'), `subjectAltName=IP:127.0.0.1,DNS:${proxiedHost}\n`);
    await openssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=git');
    await openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '1', '-extfile', 'server.ext');
    const read = (f: string) => readFile(join(dir, f));
    return { ca: await read('ca.crt'), serverCert: await read('server.crt'), serverKey: await read('server.key') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface Front {
  url: string;
  port: number;
  close(): Promise<void>;
}

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

/** Closes a server with its keep-alive connections and any tunnels it handed over (`extra`). */
function closer(server: http.Server, extra: Set<Socket> = new Set()): () => Promise<void> {
  return async () => {
    for (const s of extra) s.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

/** Relays a request to `origin`, keeping only the path and query of what the client asked for. */
function forward(origin: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  const asked = new URL(req.url ?? '/', 'http://unused');
  const upstream = http.request(new URL(asked.pathname + asked.search, origin), { method: req.method, headers: req.headers }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
}

/** HTTPS, with a certificate from the private CA, in front of a plain-HTTP Git server. */
export async function httpsFront(pki: Pki, gitURL: string): Promise<Front> {
  const server = https.createServer({ key: pki.serverKey, cert: pki.serverCert }, (req, res) => forward(gitURL, req, res));
  const port = await listen(server);
  return { url: `https://127.0.0.1:${port}`, port, close: closer(server) };
}

export interface RecordingProxy {
  url: string;
  /** One line per request: `CONNECT host:port`, or `<METHOD> <absolute URL>`. */
  log: string[];
  close(): Promise<void>;
}

/**
 * An HTTP proxy demanding basic auth. `routes` maps a host:port the client asks for to the loopback
 * host:port that really serves it; other destinations are reached as asked.
 */
export async function startRecordingProxy(credentials: { username: string; password: string }, routes: Record<string, string> = {}): Promise<RecordingProxy> {
  const log: string[] = [];
  const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  const route = (hostPort: string) => routes[hostPort] ?? hostPort;
  // CONNECT sockets leave the HTTP server's bookkeeping, so close() would wait on them forever.
  const tunnels = new Set<Socket>();
  const server = http.createServer((req, res) => {
    log.push(`${req.method} ${req.url}`);
    if (req.headers['proxy-authorization'] !== expected) {
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="proxy"' }).end();
      return;
    }
    const target = new URL(req.url ?? '/');
    forward(`${target.protocol}//${route(target.host)}`, req, res);
  });
  server.on('connect', (req: http.IncomingMessage, client: Socket) => {
    log.push(`CONNECT ${req.url}`);
    tunnels.add(client);
    client.on('close', () => tunnels.delete(client));
    if (req.headers['proxy-authorization'] !== expected) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
      return;
    }
    const [host, port] = route(req.url ?? '').split(':');
    const upstream = connect(Number(port), host as string, () => {
      tunnels.add(upstream);
      upstream.on('close', () => tunnels.delete(upstream));
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return { url: `http://127.0.0.1:${await listen(server)}`, log, close: closer(server, tunnels) };
}
