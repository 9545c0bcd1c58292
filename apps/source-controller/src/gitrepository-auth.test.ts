// GIVEN a Git server that wants a bearer token, or speaks HTTPS with a private CA, or is reachable only
// through an HTTP proxy, WHEN a GitRepository carries the matching Secret THEN it reaches Ready; WHEN the
// Secret is wrong or incomplete THEN a condition says which part failed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freshNamespace, type GitServer, startGitServer, type TestNamespace } from '@conflux/testing';
import { type Front, httpsFront, makePki, type Pki, proxiedHost, type RecordingProxy, startRecordingProxy } from './network-support.ts';
import { condition, downloadFiles, type Harness, isReady, startHarness } from './test-support.ts';

describe('GitRepository authentication paths', () => {
  let h: Harness;
  let bearer: GitServer;
  let basic: GitServer;
  let ns: TestNamespace;
  let pki: Pki;
  let front: Front;
  const closers: (() => Promise<void>)[] = [];

  before(async () => {
    h = await startHarness('auth');
    ns = await freshNamespace(h.plane.clients, 'gitrepo-auth');
    bearer = await startGitServer({ mode: 'bearer', token: 'gitea-token-e2e' });
    await (await bearer.createRepository('app')).commit({ 'app.yaml': 'auth: bearer\n' }, 'first');
    basic = await startGitServer({ mode: 'basic', username: 'flux', password: 'pw' });
    await (await basic.createRepository('app')).commit({ 'app.yaml': 'auth: basic\n' }, 'first');
    pki = await makePki();
    front = await httpsFront(pki, basic.url);
  });

  after(async () => {
    for (const close of closers) await close();
    await front?.close();
    await ns?.remove();
    await h?.stop();
    await bearer?.close();
    await basic?.close();
  });

  const secret = (name: string, stringData: Record<string, string>) =>
    h.plane.clients.core.createNamespacedSecret({ namespace: ns.name, body: { metadata: { name }, stringData } });

  const failedWith = (reason: string) => (o: Parameters<typeof isReady>[0]) =>
    condition(o, 'FetchFailed')?.status === 'True' && condition(o, 'FetchFailed')?.reason === reason && condition(o, 'Ready')?.status === 'False';

  it('GIVEN a bearerToken Secret WHEN the server wants that token THEN Ready; WHEN the token is wrong THEN AuthenticationFailed', async () => {
    await secret('token', { bearerToken: 'gitea-token-e2e' });
    await secret('bad-token', { bearerToken: 'not-the-token' });
    await h.create(ns.name, 'bearer', { url: `${bearer.url}/app.git`, ref: { branch: 'main' }, secretRef: { name: 'token' } });
    await h.create(ns.name, 'bearer-wrong', { url: `${bearer.url}/app.git`, ref: { branch: 'main' }, secretRef: { name: 'bad-token' } });

    const good = await h.waitFor(ns.name, 'bearer', 'Ready', isReady);
    assert.deepEqual(await downloadFiles(good.status!.artifact!), ['app.yaml']);

    const bad = await h.waitFor(ns.name, 'bearer-wrong', 'AuthenticationFailed', failedWith('AuthenticationFailed'));
    assert.equal(condition(bad, 'Ready')?.reason, 'AuthenticationFailed');
    assert.match(condition(bad, 'Ready')!.message, /authentication failed \(HTTP 401\)/);
    assert.doesNotMatch(condition(bad, 'Ready')!.message, /not-the-token/);
    assert.equal(bad.status?.artifact, undefined);
  });

  it('GIVEN HTTPS with a certificate from a private CA WHEN ca.crt is in the Secret THEN Ready; WHEN it is missing THEN a certificate failure', async () => {
    await secret('with-ca', { username: 'flux', password: 'pw', 'ca.crt': pki.ca.toString() });
    await secret('without-ca', { username: 'flux', password: 'pw' });
    await h.create(ns.name, 'tls', { url: `${front.url}/app.git`, ref: { branch: 'main' }, secretRef: { name: 'with-ca' } });
    await h.create(ns.name, 'tls-untrusted', { url: `${front.url}/app.git`, ref: { branch: 'main' }, secretRef: { name: 'without-ca' } });

    const good = await h.waitFor(ns.name, 'tls', 'Ready', isReady);
    assert.match(good.status!.artifact!.revision, /^main@sha1:[0-9a-f]{40}$/);
    assert.deepEqual(await downloadFiles(good.status!.artifact!), ['app.yaml']);

    const bad = await h.waitFor(ns.name, 'tls-untrusted', 'FetchFailed', failedWith('GitOperationFailed'));
    const message = condition(bad, 'Ready')!.message;
    assert.match(message, /certificate/i);
    assert.ok(message.includes(`${front.url}/app.git`), message);
  });

  it('GIVEN provider github WHEN reconciled THEN Stalled with a message saying it is not supported yet; WHEN switched to generic THEN Ready', async () => {
    await secret('token-for-provider', { bearerToken: 'gitea-token-e2e' });
    await h.create(ns.name, 'provider', { url: `${bearer.url}/app.git`, ref: { branch: 'main' }, provider: 'github', secretRef: { name: 'token-for-provider' } });
    const stalled = await h.waitFor(ns.name, 'provider', 'Stalled', (o) => condition(o, 'Stalled')?.status === 'True');
    assert.equal(condition(stalled, 'Stalled')?.reason, 'GitOperationFailed');
    assert.match(condition(stalled, 'Ready')!.message, /^provider 'github' is not supported yet \(GitHub App authentication\)/);
    assert.equal(condition(stalled, 'FetchFailed')?.status, 'True');
    assert.equal(stalled.status?.observedGeneration, stalled.metadata?.generation);

    await h.patch(ns.name, 'provider', { spec: { provider: 'generic' } });
    const ready = await h.waitFor(ns.name, 'provider', 'Ready', isReady);
    assert.equal(condition(ready, 'Stalled'), undefined);
    assert.equal(condition(ready, 'FetchFailed'), undefined);
  });

  describe('proxySecretRef', () => {
    let proxy: RecordingProxy;

    before(async () => {
      // The .invalid host exists only inside the proxy: a GitRepository pointed at it can only succeed
      // by going through the proxy.
      proxy = await startRecordingProxy(
        { username: 'proxyuser', password: 'proxypass' },
        { [proxiedHost]: new URL(basic.url).host, [`${proxiedHost}:443`]: `127.0.0.1:${front.port}` },
      );
      closers.push(() => proxy.close());
      await secret('proxy', { address: proxy.url, username: 'proxyuser', password: 'proxypass' });
      await secret('basic', { username: 'flux', password: 'pw' });
    });

    it('GIVEN a plain-HTTP remote only the proxy can reach WHEN proxySecretRef names the proxy THEN Ready, and the proxy log shows the Git requests', async () => {
      const url = `http://${proxiedHost}/app.git`;
      await h.create(ns.name, 'via-proxy', { url, ref: { branch: 'main' }, secretRef: { name: 'basic' }, proxySecretRef: { name: 'proxy' } });
      const o = await h.waitFor(ns.name, 'via-proxy', 'Ready', isReady);
      assert.deepEqual(await downloadFiles(o.status!.artifact!), ['app.yaml']);
      assert.ok(proxy.log.includes(`GET ${url}/info/refs?service=git-upload-pack`), proxy.log.join('\n'));
      assert.ok(proxy.log.includes(`POST ${url}/git-upload-pack`), proxy.log.join('\n'));
    });

    it('GIVEN an HTTPS remote only the proxy can reach WHEN proxySecretRef and ca.crt are set THEN Ready through a CONNECT tunnel', async () => {
      await secret('basic-ca', { username: 'flux', password: 'pw', 'ca.crt': pki.ca.toString() });
      const before = proxy.log.length;
      await h.create(ns.name, 'via-tunnel', { url: `https://${proxiedHost}/app.git`, ref: { branch: 'main' }, secretRef: { name: 'basic-ca' }, proxySecretRef: { name: 'proxy' } });
      await h.waitFor(ns.name, 'via-tunnel', 'Ready', isReady);
      const lines = proxy.log.slice(before);
      assert.ok(lines.length >= 1 && lines.every((l) => l === `CONNECT ${proxiedHost}:443`), lines.join('\n'));
    });

    it('GIVEN the proxy without proxySecretRef WHEN the host resolves nowhere THEN the fetch fails, proving the success above came through the proxy', async () => {
      await h.create(ns.name, 'no-proxy', { url: `http://${proxiedHost}/app.git`, ref: { branch: 'main' }, secretRef: { name: 'basic' } });
      const o = await h.waitFor(ns.name, 'no-proxy', 'FetchFailed', failedWith('GitOperationFailed'));
      assert.match(condition(o, 'Ready')!.message, /ENOTFOUND|EAI_AGAIN/);
    });
  });
});
