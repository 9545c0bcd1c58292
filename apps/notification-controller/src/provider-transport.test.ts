// e2e: how Providers reach their endpoints (reference §2.1, §2.3 step 8): certSecretRef's CA and client
// certificate against a real HTTPS server with a throwaway CA, and proxySecretRef / spec.proxy through a
// real HTTP proxy that logs what it carries. The targets use a host name under the reserved .invalid
// TLD that only the proxy can resolve, so a delivery there proves the traffic went through the proxy.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as http from 'node:http';
import * as https from 'node:https';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TLSSocket } from 'node:tls';
import { promisify } from 'node:util';
import { eventually, freshNamespace, type TestNamespace } from '@conflux/testing';
import { eventFor, type Harness, type Recorder, startHarness, startRecorder } from './test-support.ts';

const exec = promisify(execFile);
const proxiedHost = 'hooks.conflux.invalid';

interface Pki {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

/** A CA, a server certificate for 127.0.0.1 and the proxied host, and a client certificate. */
async function makePki(): Promise<Pki> {
  const dir = await mkdtemp(join(tmpdir(), 'nc-pki-'));
  try {
    const openssl = (...args: string[]) => exec('openssl', args, { cwd: dir });
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    const sign = (name: string, ext: string) => openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '1', '-extfile', ext);
    await openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=conflux-nc-test-ca');
    await writeFile(join(dir, 'server.ext'), `subjectAltName=IP:127.0.0.1,DNS:${proxiedHost}\n`);
    await writeFile(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
    await openssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=hooks');
    await sign('server', 'server.ext');
    await openssl('req', ...ec, '-keyout', 'client.key', '-out', 'client.csr', '-subj', '/CN=notification-controller');
    await sign('client', 'client.ext');
    const read = (f: string) => readFile(join(dir, f), 'utf8');
    return { ca: await read('ca.crt'), serverCert: await read('server.crt'), serverKey: await read('server.key'), clientCert: await read('client.crt'), clientKey: await read('client.key') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface HttpsRecorder {
  port: number;
  requests: Array<{ method: string; path: string; body: string; clientCN: string | undefined }>;
  close(): Promise<void>;
}

/** An HTTPS server with the test CA's certificate that asks for (but does not demand) a client certificate. */
async function startHttpsRecorder(pki: Pki): Promise<HttpsRecorder> {
  const requests: HttpsRecorder['requests'] = [];
  const server = https.createServer({ key: pki.serverKey, cert: pki.serverCert, ca: pki.ca, requestCert: true, rejectUnauthorized: false }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const socket = req.socket as TLSSocket;
      const cn = socket.authorized ? socket.getPeerCertificate().subject?.CN : undefined;
      requests.push({ method: req.method ?? '', path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8'), clientCN: typeof cn === 'string' ? cn : undefined });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

interface Proxy {
  url: string;
  /** `CONNECT host:port`, or `<METHOD> <absolute URL>`, per request carried. */
  log: string[];
  close(): Promise<void>;
}

/** An HTTP proxy (absolute-form and CONNECT) that routes `routes` keys (host:port) to loopback ports. */
async function startProxy(routes: Record<string, string>, credentials?: { username: string; password: string }): Promise<Proxy> {
  const log: string[] = [];
  const expected = credentials ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` : undefined;
  const route = (hostPort: string) => routes[hostPort] ?? hostPort;
  const tunnels = new Set<Socket>();
  const server = http.createServer((req, res) => {
    log.push(`${req.method} ${req.url}`);
    if (expected && req.headers['proxy-authorization'] !== expected) {
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="proxy"' }).end();
      return;
    }
    const target = new URL(req.url ?? '/');
    const upstream = http.request(new URL(`${target.pathname}${target.search}`, `http://${route(target.port ? target.host : `${target.host}:80`)}`), { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, client: Socket) => {
    log.push(`CONNECT ${req.url}`);
    tunnels.add(client);
    client.on('close', () => tunnels.delete(client));
    if (expected && req.headers['proxy-authorization'] !== expected) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
      return;
    }
    const [host, port] = route(req.url ?? '').split(':');
    const upstream = connect(Number(port), host as string, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    tunnels.add(upstream);
    upstream.on('close', () => tunnels.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    log,
    close: async () => {
      for (const s of tunnels) s.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('provider TLS and proxies, end to end', () => {
  let h: Harness;
  let ns: TestNamespace;
  let pki: Pki;
  let secure: HttpsRecorder;
  let plain: Recorder;
  let authProxy: Proxy;
  let openProxy: Proxy;
  let n = 0;

  before(async () => {
    [h, pki, plain] = await Promise.all([startHarness('nc-transport'), makePki(), startRecorder()]);
    secure = await startHttpsRecorder(pki);
    ns = await freshNamespace(h.plane.clients, 'nc-transport');
    const routes = { [`${proxiedHost}:443`]: `127.0.0.1:${secure.port}`, [`${proxiedHost}:80`]: new URL(plain.url).host };
    authProxy = await startProxy(routes, { username: 'flux', password: 'proxy-pw' });
    openProxy = await startProxy(routes);
  });
  after(async () => {
    await h?.stop();
    await Promise.all([secure?.close(), plain?.close(), authProxy?.close(), openProxy?.close()]);
    await ns?.remove();
  });

  async function setup(spec: Record<string, unknown>) {
    const id = `t-${++n}`;
    await h.createProvider(ns.name, id, { type: 'generic', ...spec });
    await h.createAlert(ns.name, id, { providerRef: { name: id }, eventSources: [{ kind: 'Kustomization', name: id }] });
    await h.waitCached(ns.name, id, id);
    assert.equal((await h.postEvent(eventFor(ns.name, id))).status, 202);
    return id;
  }

  const dispatchFailure = (id: string) =>
    eventually(`a NotificationDispatchFailed event on Alert ${id}`, async () => {
      const found = (await h.alertEvents(ns.name, id)).filter((e) => e.reason === 'NotificationDispatchFailed');
      return found.length > 0 ? found[0] : undefined;
    });

  it('GIVEN an HTTPS endpoint signed by a private CA WHEN the Provider has no certSecretRef THEN delivery fails on the certificate; WHEN certSecretRef holds ca.crt THEN it is delivered', async () => {
    const untrusted = await setup({ address: `https://127.0.0.1:${secure.port}/untrusted` });
    const warning = await dispatchFailure(untrusted);
    assert.match(warning!.message, /certificate/i);
    await h.createSecret(ns.name, 'ca-only', { 'ca.crt': pki.ca });
    const trusted = await setup({ address: `https://127.0.0.1:${secure.port}/trusted`, certSecretRef: { name: 'ca-only' } });
    await eventually('the delivery over HTTPS', () => secure.requests.find((r) => r.path === '/trusted'));
    assert.equal(secure.requests.find((r) => r.path === '/trusted')!.clientCN, undefined);
    assert.equal(JSON.parse(secure.requests.find((r) => r.path === '/trusted')!.body).involvedObject.name, trusted);
    assert.equal(secure.requests.filter((r) => r.path === '/untrusted').length, 0);
  });

  it('GIVEN certSecretRef with ca.crt, tls.crt and tls.key WHEN an event is delivered THEN the server sees the client certificate (mTLS)', async () => {
    await h.createSecret(ns.name, 'mtls', { 'ca.crt': pki.ca, 'tls.crt': pki.clientCert, 'tls.key': pki.clientKey });
    await setup({ address: `https://127.0.0.1:${secure.port}/mtls`, certSecretRef: { name: 'mtls' } });
    const got = await eventually('the mTLS delivery', () => secure.requests.find((r) => r.path === '/mtls'));
    assert.equal(got.clientCN, 'notification-controller');
  });

  it('GIVEN proxySecretRef with credentials WHEN events go to plain HTTP and HTTPS hosts only the proxy knows THEN both arrive, through the proxy', async () => {
    await h.createSecret(ns.name, 'proxy-auth', { address: authProxy.url, username: 'flux', password: 'proxy-pw' });
    // spec.proxy points nowhere: proxySecretRef must win over it.
    await setup({ address: `http://${proxiedHost}/via-proxy`, proxySecretRef: { name: 'proxy-auth' }, proxy: 'http://127.0.0.1:1' });
    await h.createSecret(ns.name, 'proxy-ca', { 'ca.crt': pki.ca });
    await setup({ address: `https://${proxiedHost}/via-tunnel`, proxySecretRef: { name: 'proxy-auth' }, certSecretRef: { name: 'proxy-ca' } });
    await plain.waitFor(1, (r) => r.path === '/via-proxy');
    await eventually('the delivery through the tunnel', () => secure.requests.find((r) => r.path === '/via-tunnel'));
    assert.ok(authProxy.log.includes(`POST http://${proxiedHost}/via-proxy`), authProxy.log.join('\n'));
    assert.ok(authProxy.log.includes(`CONNECT ${proxiedHost}:443`), authProxy.log.join('\n'));
  });

  it('GIVEN the deprecated spec.proxy WHEN an event is sent THEN it goes through that proxy; GIVEN wrong proxy credentials THEN a Warning event', async () => {
    await setup({ address: `http://${proxiedHost}/spec-proxy`, proxy: openProxy.url });
    await plain.waitFor(1, (r) => r.path === '/spec-proxy');
    assert.ok(openProxy.log.includes(`POST http://${proxiedHost}/spec-proxy`));
    await h.createSecret(ns.name, 'proxy-wrong', { address: authProxy.url, username: 'flux', password: 'wrong' });
    const denied = await setup({ address: `http://${proxiedHost}/denied`, proxySecretRef: { name: 'proxy-wrong' } });
    const warning = await dispatchFailure(denied);
    assert.match(warning!.message, /407/);
    assert.equal(plain.requests.filter((r) => r.path === '/denied').length, 0);
  });
});
