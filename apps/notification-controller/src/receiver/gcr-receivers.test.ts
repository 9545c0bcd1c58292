// e2e: gcr Receivers against the real control plane, called over real HTTP the way a Pub/Sub push
// subscription calls them, with ID tokens checked against a real local JWKS server standing in for Google.
import assert from 'node:assert/strict';
import type { KeyObject } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { freshNamespace, type TestNamespace } from '@conflux/testing';
import { type ReceiverHarness, startReceiverHarness } from './test-harness.ts';
import { type GoogleIssuer, pubsubPush, startGoogleIssuer } from './test-google-tokens.ts';

let h: ReceiverHarness;
let ns: TestNamespace;
let issuer: GoogleIssuer;

before(async () => {
  issuer = await startGoogleIssuer();
  h = await startReceiverHarness('gcr-e2e', { googleCertsURL: issuer.certsURL });
  ns = await freshNamespace(h.plane.clients, 'gcr');
});

after(async () => {
  await ns?.remove();
  await h?.stop();
  await issuer?.close();
});

const email = 'flux-push@project.iam.gserviceaccount.com';
const push = pubsubPush({ action: 'INSERT', digest: 'europe-docker.pkg.dev/p/r/app@sha256:0f4b', tag: 'europe-docker.pkg.dev/p/r/app:1.2.3' });

let counter = 0;
/** A gcr Receiver whose Secret names `audience` and `email`, triggering a fresh GitRepository, once Ready. */
async function setup(extra: { resourceFilter?: string } = {}) {
  const id = `gcr-${++counter}`;
  const audience = `https://flux.example.com/${id}`;
  await h.createSecret(ns.name, `${id}-token`, `token-${id}`, undefined, { audience, email });
  await h.createGitRepository(ns.name, `${id}-repo`);
  await h.createReceiver(ns.name, id, { type: 'gcr', secretRef: { name: `${id}-token` }, resources: [{ kind: 'GitRepository', name: `${id}-repo` }], ...extra });
  const ready = await h.waitReady(ns.name, id);
  return { id, audience, repo: `${id}-repo`, path: ready.status!.webhookPath! };
}

const call = (path: string, token: string, body = push) =>
  fetch(`${h.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });

describe('a gcr Receiver', () => {
  test('GIVEN a Google-signed token for the Secret\'s audience and email WHEN Pub/Sub pushes a registry notification THEN 200 and the target is annotated', async () => {
    const r = await setup();
    const res = await call(r.path, issuer.token({ audience: r.audience, email }));
    assert.equal(res.status, 200, await res.text());
    assert.ok(await h.requestedAtOf(ns.name, r.repo));
  });

  test('GIVEN a resourceFilter on the registry notification WHEN the pushed tag matches THEN the target is annotated, because req is the decoded Pub/Sub data', async () => {
    const r = await setup({ resourceFilter: "req.action == 'INSERT' && req.tag.endsWith(':1.2.3')" });
    const res = await call(r.path, issuer.token({ audience: r.audience, email }));
    assert.equal(res.status, 200, await res.text());
    assert.ok(await h.requestedAtOf(ns.name, r.repo));
  });

  const forged: Array<[string, (audience: string) => { overrides?: Record<string, unknown>; kid?: string; key?: KeyObject; audience?: string }]> = [
    ['a token for another audience', () => ({ audience: 'https://flux.example.com/someone-else' })],
    ['a token for another service account', () => ({ overrides: { email: 'intruder@other.iam.gserviceaccount.com' } })],
    ['an expired token', () => ({ overrides: { exp: Math.floor(Date.now() / 1000) - 600, iat: Math.floor(Date.now() / 1000) - 4200 } })],
    ['a token signed by a key Google never published', () => ({ key: issuer.strangerKey })],
    ['a token naming an unknown key id', () => ({ kid: 'not-a-google-key' })],
  ];
  for (const [what, make] of forged) {
    test(`GIVEN ${what} WHEN Pub/Sub pushes THEN 400 and nothing is annotated`, async () => {
      const r = await setup();
      const options = make(r.audience);
      const token = issuer.token({ email, ...options, audience: options.audience ?? r.audience });
      const res = await call(r.path, token);
      assert.equal(res.status, 400, await res.text());
      assert.equal(await h.requestedAtOf(ns.name, r.repo), undefined);
    });
  }
});
