// e2e: generic-oidc Receivers against the real control plane, called over real HTTP with tokens from a
// real local OIDC issuer (discovery and JWKS over HTTP), the way a CI job would call them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ReceiverSpec } from '@conflux/api';
import { eventually, freshNamespace, statusCode, type TestNamespace } from '@conflux/testing';
import { type OidcIssuer, startOidcIssuer } from './test-oidc-issuer.ts';
import { type ReceiverHarness, startReceiverHarness } from './test-harness.ts';
import { webhookPath } from './webhook-path.ts';

let h: ReceiverHarness;
let ns: TestNamespace;
let issuer: OidcIssuer;
let stranger: OidcIssuer;

before(async () => {
  issuer = await startOidcIssuer();
  stranger = await startOidcIssuer('/stranger');
  h = await startReceiverHarness('oidc-e2e');
  ns = await freshNamespace(h.plane.clients, 'oidc');
});

after(async () => {
  await ns?.remove();
  await h?.stop();
  await issuer?.close();
  await stranger?.close();
});

let counter = 0;
/** A generic-oidc Receiver trusting the local issuer for org/app on main, triggering a fresh GitRepository, once Ready. */
async function setup(extra: Partial<ReceiverSpec> = {}) {
  const id = `oidc-${++counter}`;
  await h.createGitRepository(ns.name, `${id}-repo`);
  await h.createReceiver(ns.name, id, {
    type: 'generic-oidc',
    resources: [{ kind: 'GitRepository', name: `${id}-repo` }],
    oidcProviders: [
      {
        issuerURL: issuer.url,
        variables: [{ name: 'repo', expression: "claims.sub.split(':')[1]" }],
        validations: [{ expression: "vars.repo == 'org/app'", message: 'only org/app may trigger' }],
      },
    ],
    ...extra,
  });
  const ready = await h.waitReady(ns.name, id);
  return { id, repo: `${id}-repo`, path: ready.status!.webhookPath! };
}

const call = (path: string, token: string, body = '{"ref":"refs/heads/main"}') =>
  fetch(`${h.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });

describe('a generic-oidc Receiver', () => {
  test('GIVEN a generic-oidc Receiver WHEN reconciled THEN Ready, with the path sha256(name + namespace), as there is no token', async () => {
    const r = await setup();
    assert.equal(r.path, webhookPath('', r.id, ns.name));
  });

  test('GIVEN a token from the trusted issuer passing the validations WHEN a CI job calls THEN 200 and the target is annotated', async () => {
    const r = await setup();
    const res = await call(r.path, issuer.token());
    assert.equal(res.status, 200, await res.text());
    assert.ok(await h.requestedAtOf(ns.name, r.repo));
  });

  test('GIVEN a resourceFilter over claims WHEN tokens for main and for a branch call THEN only the main one annotates', async () => {
    const r = await setup({ resourceFilter: "claims.sub.endsWith(':ref:refs/heads/main') && req.ref == 'refs/heads/main'" });
    const branch = await call(r.path, issuer.token({ sub: 'repo:org/app:ref:refs/heads/feature' }));
    assert.equal(branch.status, 200, await branch.text());
    assert.equal(await h.requestedAtOf(ns.name, r.repo), undefined);
    const main = await call(r.path, issuer.token());
    assert.equal(main.status, 200, await main.text());
    assert.ok(await h.requestedAtOf(ns.name, r.repo));
  });

  const refused: Array<[string, () => string]> = [
    ['a token signed by a key the issuer never published', () => issuer.token({}, { key: issuer.strangerKey })],
    ['an expired token', () => issuer.token({ exp: Math.floor(Date.now() / 1000) - 600, iat: Math.floor(Date.now() / 1000) - 4200 })],
    ['a token for another audience', () => issuer.token({ aud: 'someone-else' })],
    ['a token from an issuer the Receiver does not list', () => stranger.token()],
    ['a token failing a validation', () => issuer.token({ sub: 'repo:org/intruder:ref:refs/heads/main' })],
  ];
  for (const [what, token] of refused) {
    test(`GIVEN ${what} WHEN it calls THEN 400 and nothing is annotated`, async () => {
      const r = await setup();
      const res = await call(r.path, token());
      assert.equal(res.status, 400, await res.text());
      assert.equal(await h.requestedAtOf(ns.name, r.repo), undefined);
    });
  }

  test('GIVEN a validation that is not valid CEL WHEN reconciled THEN Stalled with InvalidCELExpression and no path', async () => {
    await h.createReceiver(ns.name, 'bad-cel', {
      type: 'generic-oidc',
      resources: [{ kind: 'GitRepository', name: 'none' }],
      oidcProviders: [{ issuerURL: issuer.url, validations: [{ expression: 'claims.sub ==', message: 'broken' }] }],
    });
    const stalled = await eventually('generic-oidc Receiver to stall', async () => {
      const r = await h.getReceiver(ns.name, 'bad-cel');
      const condition = r.status?.conditions?.find((c) => c.type === 'Stalled' && c.status === 'True');
      return condition?.reason === 'InvalidCELExpression' && r.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'False' ? r : undefined;
    });
    assert.equal(stalled.status?.webhookPath, undefined);
  });

  test('GIVEN a generic-oidc Receiver with a secretRef WHEN created THEN the API server refuses it, per the CRD', async () => {
    await assert.rejects(
      h.createReceiver(ns.name, 'with-secret', {
        type: 'generic-oidc',
        secretRef: { name: 'token' },
        resources: [{ kind: 'GitRepository', name: 'none' }],
        oidcProviders: [{ issuerURL: issuer.url, validations: [{ expression: 'true', message: 'x' }] }],
      }),
      (err: unknown) => statusCode(err) === 422,
    );
  });
});
