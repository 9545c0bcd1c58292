// OIDC discovery against real local HTTP servers: the jwks_uri is taken from a document that names the
// same issuer, and refused from one that names another.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { fetchJwksURI, oidcKeySources } from './oidc-discovery.ts';
import { type OidcIssuer, startOidcIssuer } from './test-oidc-issuer.ts';

let issuer: OidcIssuer;
before(async () => {
  issuer = await startOidcIssuer();
});
after(() => issuer?.close());

describe('OIDC discovery', () => {
  test('GIVEN an issuer WHEN discovered THEN its jwks_uri, and its keys are found by kid through it', async () => {
    assert.equal(await fetchJwksURI(issuer.url), `${issuer.url}/keys`);
    const key = await oidcKeySources()(issuer.url).key('ec-1');
    assert.equal(key?.asymmetricKeyType, 'ec');
  });

  test('GIVEN a discovery document naming another issuer WHEN discovered THEN refused, since its keys would vouch for someone else', async () => {
    const impostor = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer: issuer.url, jwks_uri: `${issuer.url}/keys` })));
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(impostor.address() as { port: number }).port}`;
      await assert.rejects(fetchJwksURI(url), /names the issuer/);
      await assert.rejects(oidcKeySources()(url).key('rsa-1'), /names the issuer/);
    } finally {
      impostor.close();
    }
  });

  test('GIVEN an issuer with no discovery document WHEN discovered THEN the error says HTTP 404', async () => {
    await assert.rejects(fetchJwksURI(`${issuer.url}/nothing-here`), /HTTP 404/);
  });
});
