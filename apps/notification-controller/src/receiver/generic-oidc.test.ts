// The generic-oidc rules one by one, against a real local OIDC issuer (discovery and JWKS over HTTP) and
// tokens signed with its keys.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OIDCProvider } from '@conflux/api';
import { validateGenericOidc } from './generic-oidc.ts';
import { type OidcKeySources, oidcKeySources } from './oidc-discovery.ts';
import { type OidcIssuer, startOidcIssuer } from './test-oidc-issuer.ts';

let issuer: OidcIssuer;
let other: OidcIssuer;
let keys: OidcKeySources;
let providers: OIDCProvider[];

before(async () => {
  issuer = await startOidcIssuer();
  other = await startOidcIssuer('/elsewhere');
  keys = oidcKeySources();
  providers = [
    {
      issuerURL: issuer.url,
      variables: [
        { name: 'parts', expression: "claims.sub.split(':')" },
        { name: 'repo', expression: 'vars.parts[1]' },
      ],
      validations: [
        { expression: "vars.repo == 'org/app'", message: 'only org/app may trigger' },
        { expression: "claims.ref == 'refs/heads/main'", message: 'only main may trigger' },
      ],
    },
  ];
});
after(async () => {
  await issuer?.close();
  await other?.close();
});

const body = Buffer.from('{"ref":"refs/heads/main"}');
const call = (token: string | undefined, list: OIDCProvider[] = providers) =>
  validateGenericOidc({ headers: token === undefined ? {} : { authorization: `Bearer ${token}` }, body }, list, keys);
const good = { ref: 'refs/heads/main' };

describe('generic-oidc authentication', () => {
  test('GIVEN a token from the listed issuer passing every validation WHEN validated THEN accepted, with its claims for resource filters', async () => {
    const result = await call(issuer.token(good));
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal((result as { claims: Record<string, unknown> }).claims['sub'], 'repo:org/app:ref:refs/heads/main');
  });

  test('GIVEN an ES256 token WHEN validated THEN accepted too, as issuers sign with EC keys as well', async () => {
    assert.equal((await call(issuer.token(good, { alg: 'ES256' }))).ok, true);
  });

  test('GIVEN an entry with its own audience WHEN a token names it THEN accepted, and the default audience is then refused', async () => {
    const custom = [{ ...providers[0]!, audience: 'https://flux.example.com' }];
    assert.equal((await call(issuer.token({ ...good, aud: ['x', 'https://flux.example.com'] }), custom)).ok, true);
    assert.equal((await call(issuer.token(good), custom)).ok, false);
  });

  test('GIVEN several calls WHEN validated THEN discovery and the JWKS were fetched once', async () => {
    await call(issuer.token(good));
    await call(issuer.token(good));
    assert.deepEqual(issuer.fetches(), { discovery: 1, jwks: 1 });
  });

  const rejected: Array<[string, () => string | undefined, RegExp]> = [
    ['no Authorization header', () => undefined, /missing/],
    ['a bearer that is not a JWT', () => 'abc.def', /not a JWT/],
    ['a token from an issuer the Receiver does not list', () => other.token(good), /not one of the receiver's oidcProviders/],
    ['a token signed by a key the issuer never published', () => issuer.token(good, { key: issuer.strangerKey }), /signature is invalid/],
    ['a token naming a key id the issuer does not publish', () => issuer.token(good, { kid: 'gone' }), /not one of the issuer's/],
    ['an expired token', () => issuer.token({ ...good, exp: Math.floor(Date.now() / 1000) - 600 }), /expired/],
    ['a token for another audience', () => issuer.token({ ...good, aud: 'someone-else' }), /audience/],
    ['a token failing a validation', () => issuer.token({ ref: 'refs/heads/feature' }), /validation failed: only main may trigger/],
    ['a token whose variables fail on its claims', () => issuer.token({ ...good, sub: 'no-colons' }), /validation failed/],
    ['a token without a claim a validation reads', () => issuer.token({}), /validation failed/],
    [
      'alg none',
      () => `${Buffer.from('{"alg":"none","kid":"rsa-1"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: issuer.url, aud: 'notification-controller', exp: 2e9, ...good })).toString('base64url')}.c2ln`,
      /signature is invalid/,
    ],
  ];
  for (const [what, token, message] of rejected) {
    test(`GIVEN ${what} WHEN validated THEN rejected with a message saying why`, async () => {
      const result = await call(token());
      assert.equal(result.ok, false);
      assert.match((result as { message: string }).message, message);
    });
  }
});
