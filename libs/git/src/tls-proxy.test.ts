import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import * as http from 'node:http';
import * as https from 'node:https';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { type GitRepository, type GitServer, startGitServer } from '@conflux/testing';
import { authFromSecret } from './auth.ts';
import { checkout } from './checkout.ts';
import { isGitError } from './errors.ts';
import { proxyFromSecret } from './proxy.ts';
import { scratch } from './test-helpers.ts';

const exec = promisify(execFile);

interface Pki {
  ca: Buffer;
  serverCert: Buffer;
  serverKey: Buffer;
  clientCert: Buffer;
  clientKey: Buffer;
}

/** A throwaway CA with a server certificate for 127.0.0.1 and a client certificate, made with openssl. */
async function makePki(dir: string): Promise<Pki> {
  const openssl = (...args: string[]) => exec('openssl', args, { cwd: dir });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=conflux-test-ca');
  await writeFile(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\n');
  await writeFile(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const name of ['server', 'client']) {
    await openssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
    await openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '1', '-extfile', `${name}.ext`);
  }
  const read = (f: string) => readFile(join(dir, f));
  return { ca: await read('ca.crt'), serverCert: await read('server.crt'), serverKey: await read('server.key'), clientCert: await read('client.crt'), clientKey: await read('client.key') };
}

async function listen(server: http.Server | https.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

function forward(target: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  const upstream = http.request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
}

/** HTTPS in front of the plain-HTTP git server, optionally demanding a client certificate. */
async function httpsFront(pki: Pki, git: GitServer, mtls: boolean): Promise<{ url: string; server: https.Server }> {
  const server = https.createServer(
    { key: pki.serverKey, cert: pki.serverCert, ca: pki.ca, requestCert: mtls, rejectUnauthorized: mtls },
    (req, res) => forward(git.url, req, res),
  );
  return { url: `https://127.0.0.1:${await listen(server)}`, server };
}

/** An HTTP proxy with basic auth: CONNECT tunnels and absolute-form forwarding, each recorded. */
async function startProxy(credentials: string): Promise<{ url: string; seen: string[]; server: http.Server }> {
  const seen: string[] = [];
  const expected = `Basic ${Buffer.from(credentials).toString('base64')}`;
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (req.headers['proxy-authorization'] !== expected) {
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="proxy"' }).end();
      return;
    }
    forward(new URL(req.url ?? '/').origin, req, res);
  });
  server.on('connect', (req: http.IncomingMessage, client: Socket) => {
    seen.push(`CONNECT ${req.url}`);
    if (req.headers['proxy-authorization'] !== expected) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host as string, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return { url: `http://127.0.0.1:${await listen(server)}`, seen, server };
}

let tmp: Awaited<ReturnType<typeof scratch>>;
let git: GitServer;
let repo: GitRepository;
let head: string;
let pki: Pki;
const closers: (() => void)[] = [];

before(async () => {
  tmp = await scratch();
  pki = await makePki(tmp.root);
  git = await startGitServer({ mode: 'basic', username: 'flux', password: 'pw' });
  repo = await git.createRepository('tls');
  head = await repo.commit({ 'a.txt': 'over tls' }, 'one');
});
after(async () => {
  for (const close of closers) close();
  await git.close();
  await tmp.cleanup();
});

function track<T extends http.Server>(server: T): T {
  closers.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return server;
}

describe('HTTPS with a custom CA and client certificates', () => {
  it('GIVEN a server certificate from a private CA WHEN ca.crt is in the Secret THEN the checkout succeeds, and without it the TLS error is clear', async () => {
    const front = await httpsFront(pki, git, false);
    track(front.server);
    const url = `${front.url}/tls.git`;
    const withCA = authFromSecret({ username: 'flux', password: 'pw', 'ca.crt': pki.ca });
    const result = await checkout({ url, auth: withCA, ref: { branch: 'main' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') });
    assert.equal(result.revision, `main@sha1:${head}`);

    await assert.rejects(
      checkout({ url, auth: authFromSecret({ username: 'flux', password: 'pw' }), ref: { branch: 'main' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') }),
      (err) => isGitError(err, 'Unreachable') && err.reason === 'GitOperationFailed' && err.message.includes(url) && /certificate/i.test(err.message),
    );
  });

  it('GIVEN a server that demands a client certificate WHEN tls.crt and tls.key are given THEN the checkout succeeds, and fails without them', async () => {
    const front = await httpsFront(pki, git, true);
    track(front.server);
    const url = `${front.url}/tls.git`;
    const mtls = authFromSecret({ username: 'flux', password: 'pw', 'ca.crt': pki.ca, 'tls.crt': pki.clientCert, 'tls.key': pki.clientKey });
    const result = await checkout({ url, auth: mtls, ref: { branch: 'main' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') });
    assert.equal(result.revision, `main@sha1:${head}`);

    const noClientCert = authFromSecret({ username: 'flux', password: 'pw', 'ca.crt': pki.ca });
    await assert.rejects(
      checkout({ url, auth: noClientCert, ref: { branch: 'main' }, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') }),
      (err) => isGitError(err) && err.message.includes(url) && !err.message.includes('pw'),
    );
  });
});

describe('proxySecretRef', () => {
  it('GIVEN an HTTPS remote and an authenticating proxy WHEN checked out THEN the traffic goes through a CONNECT tunnel', async () => {
    const front = await httpsFront(pki, git, false);
    track(front.server);
    const proxy = await startProxy('proxyuser:proxypass');
    track(proxy.server);
    const url = `${front.url}/tls.git`;
    const result = await checkout({
      url,
      auth: authFromSecret({ username: 'flux', password: 'pw', 'ca.crt': pki.ca }),
      proxy: proxyFromSecret({ address: proxy.url, username: 'proxyuser', password: 'proxypass' }),
      ref: { branch: 'main' },
      cacheDir: tmp.dir('cache'),
      dir: tmp.dir('work'),
    });
    assert.equal(result.revision, `main@sha1:${head}`);
    assert.ok(proxy.seen.length >= 2);
    assert.ok(proxy.seen.every((line) => line === `CONNECT ${new URL(front.url).host}`));
  });

  it('GIVEN a plain-HTTP remote and the proxy WHEN checked out THEN requests are forwarded in absolute form', async () => {
    const proxy = await startProxy('proxyuser:proxypass');
    track(proxy.server);
    const result = await checkout({
      url: repo.url,
      auth: authFromSecret({ username: 'flux', password: 'pw' }),
      proxy: proxyFromSecret({ address: proxy.url, username: 'proxyuser', password: 'proxypass' }),
      ref: { branch: 'main' },
      cacheDir: tmp.dir('cache'),
      dir: tmp.dir('work'),
    });
    assert.equal(result.revision, `main@sha1:${head}`);
    assert.ok(proxy.seen.includes(`GET ${repo.url}/info/refs?service=git-upload-pack`));
    assert.ok(proxy.seen.includes(`POST ${repo.url}/git-upload-pack`));
  });

  it('GIVEN wrong proxy credentials WHEN checked out THEN AuthenticationFailed without the proxy password', async () => {
    const front = await httpsFront(pki, git, false);
    track(front.server);
    const proxy = await startProxy('proxyuser:proxypass');
    track(proxy.server);
    const options = {
      auth: authFromSecret({ username: 'flux', password: 'pw', 'ca.crt': pki.ca }),
      proxy: proxyFromSecret({ address: proxy.url, username: 'proxyuser', password: 'bad-proxy-pass' }),
      ref: { branch: 'main' },
    };
    for (const url of [`${front.url}/tls.git`, repo.url]) {
      await assert.rejects(
        checkout({ ...options, url, cacheDir: tmp.dir('cache'), dir: tmp.dir('work') }),
        (err) => isGitError(err, 'AuthenticationFailed') && !err.message.includes('bad-proxy-pass'),
      );
    }
  });
});
