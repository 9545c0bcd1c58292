// The key cache against a real local JWKS server: one fetch serves many calls, an unknown kid refetches
// at most once per interval, the cache lifetime ends, and known keys outlive the server going away.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { jwksKeySource } from './jwks.ts';
import { type GoogleIssuer, startGoogleIssuer } from './test-google-tokens.ts';

let issuer: GoogleIssuer;
before(async () => {
  issuer = await startGoogleIssuer();
});
after(() => issuer?.close());

describe('the JWKS key source', () => {
  test('GIVEN a fresh key set WHEN the same kid is asked for twice THEN the set is fetched once and the key is an RSA key', async () => {
    let clock = 0;
    const keys = jwksKeySource({ url: issuer.certsURL, now: () => clock });
    const before = issuer.fetches();
    const key = await keys.key(issuer.kid);
    assert.equal(key?.asymmetricKeyType, 'rsa');
    clock += 1000;
    await keys.key(issuer.kid);
    assert.equal(issuer.fetches() - before, 1);
  });

  test('GIVEN an unknown kid WHEN asked twice within the refresh interval, then after it THEN one refetch per interval, and undefined', async () => {
    let clock = 0;
    const keys = jwksKeySource({ url: issuer.certsURL, now: () => clock, minRefreshMs: 30_000 });
    const before = issuer.fetches();
    assert.equal(await keys.key('unknown'), undefined);
    assert.equal(await keys.key('unknown'), undefined);
    assert.equal(issuer.fetches() - before, 1, 'the first fetch was just now: no refetch');
    clock += 30_000;
    assert.equal(await keys.key('unknown'), undefined);
    assert.equal(issuer.fetches() - before, 2);
  });

  test('GIVEN the max-age of the response WHEN it passes THEN the set is fetched again', async () => {
    let clock = 0;
    const keys = jwksKeySource({ url: issuer.certsURL, now: () => clock, ttlMs: 1 });
    const before = issuer.fetches();
    await keys.key(issuer.kid);
    clock += 3_599_000;
    await keys.key(issuer.kid);
    assert.equal(issuer.fetches() - before, 1, 'max-age=3600 overrides the 1 ms default');
    clock += 2_000;
    await keys.key(issuer.kid);
    assert.equal(issuer.fetches() - before, 2);
  });

  test('GIVEN keys already fetched WHEN the server is gone and the cache expired THEN the known keys still serve; a source that never fetched rejects', async () => {
    const other = await startGoogleIssuer();
    let clock = 0;
    const keys = jwksKeySource({ url: other.certsURL, now: () => clock, timeoutMs: 2000 });
    assert.ok(await keys.key(other.kid));
    await other.close();
    clock += 7_200_000;
    assert.ok(await keys.key(other.kid));
    await assert.rejects(jwksKeySource({ url: other.certsURL, timeoutMs: 2000 }).key(other.kid));
  });
});
