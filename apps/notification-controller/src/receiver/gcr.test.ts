// The gcr rules one by one, against a real local JWKS server and tokens signed with a local RSA key.
import assert from 'node:assert/strict';
import type { KeyObject } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { validateGcr } from './gcr.ts';
import { jwksKeySource, type KeySource } from './jwks.ts';
import { type GoogleIssuer, pubsubPush, startGoogleIssuer } from './test-google-tokens.ts';

const audience = 'https://flux.example.com/hook/abc';
const email = 'pusher@project.iam.gserviceaccount.com';
const secret = { audience, email };
const body = Buffer.from(pubsubPush({ action: 'INSERT', digest: 'gcr.io/p/app@sha256:0f', tag: 'gcr.io/p/app:1.2.3' }));
let issuer: GoogleIssuer;
let keys: KeySource;

before(async () => {
  issuer = await startGoogleIssuer();
  keys = jwksKeySource({ url: issuer.certsURL });
});
after(() => issuer?.close());

const call = (authorization: string | undefined, payload: Buffer = body, s: { audience?: string; email?: string } = secret) =>
  validateGcr({ headers: authorization === undefined ? {} : { authorization }, body: payload }, s, keys);
const bearer = (overrides: Record<string, unknown> = {}, extra: { kid?: string; key?: KeyObject } = {}) =>
  `Bearer ${issuer.token({ audience, email, overrides, ...extra })}`;

describe('gcr authentication', () => {
  test('GIVEN a Google-signed token for the Secret\'s audience and email WHEN validated THEN accepted, with the decoded registry notification as req', async () => {
    const result = await call(bearer());
    assert.deepEqual(result, { ok: true, event: 'INSERT', req: { action: 'INSERT', digest: 'gcr.io/p/app@sha256:0f', tag: 'gcr.io/p/app:1.2.3' } });
  });

  test('GIVEN the issuer without the https scheme WHEN validated THEN accepted too, as Google issues both', async () => {
    assert.equal((await call(bearer({ iss: 'accounts.google.com' }))).ok, true);
  });

  const rejected: Array<[string, () => Promise<{ ok: boolean; message?: string }>, RegExp]> = [
    ['another audience', () => call(bearer({ aud: 'https://elsewhere.example.com' })), /audience/],
    ['another email', () => call(bearer({ email: 'intruder@project.iam.gserviceaccount.com' })), /email does not match/],
    ['an unverified email', () => call(bearer({ email_verified: false })), /not verified/],
    ['an expired token', () => call(bearer({ exp: Math.floor(Date.now() / 1000) - 3600 })), /expired/],
    ['a token issued in the future', () => call(bearer({ iat: Math.floor(Date.now() / 1000) + 3600 })), /future/],
    ['another issuer', () => call(bearer({ iss: 'https://evil.example.com' })), /issuer/],
    ['a signature by a key Google never published, under Google\'s kid', () => call(bearer({}, { key: issuer.strangerKey })), /signature is invalid/],
    ['an unknown kid', () => call(bearer({}, { kid: 'rotated-away' })), /not one of Google's/],
    ['no Authorization header', () => call(undefined), /missing/],
    ['a Basic Authorization header', () => call('Basic dXNlcjpwYXNz'), /Bearer/],
    ['a bearer that is not a JWT', () => call('Bearer abc.def'), /not a JWT/],
    ['alg none', () => call(`Bearer ${Buffer.from('{"alg":"none","kid":"x"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.c2ln`), /key 'x'|signature/],
    ['a Secret without email', () => call(bearer(), body, { audience }), /require the fields/],
    ['a Secret without audience', () => call(bearer(), body, { email }), /require the fields/],
    ['a body that is not a Pub/Sub push', () => call(bearer(), Buffer.from('{"action":"INSERT"}')), /Pub\/Sub/],
    ['Pub/Sub data that is not JSON', () => call(bearer(), Buffer.from(JSON.stringify({ message: { data: Buffer.from('nope').toString('base64') } }))), /Pub\/Sub/],
    ['a notification whose tag is not a string', () => call(bearer(), Buffer.from(pubsubPush({ action: 'INSERT', tag: 7 }))), /Pub\/Sub/],
  ];
  for (const [what, run, message] of rejected) {
    test(`GIVEN ${what} WHEN validated THEN rejected with a message saying why`, async () => {
      const result = await run();
      assert.equal(result.ok, false);
      assert.match(result.message ?? '', message);
    });
  }
});
