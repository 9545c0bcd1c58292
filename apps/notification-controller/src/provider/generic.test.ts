import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { commitSHA, processedEvent, settings } from '../test-events.ts';
import { genericHmacRequest, genericRequest } from './generic.ts';

describe('generic', () => {
  it('GIVEN the worked example WHEN built THEN it is the POST of reference §8.1: upstream’s key order, sorted metadata, Gotk-Component and the Secret headers', () => {
    const req = genericRequest(processedEvent(), settings({ headers: { 'X-Team': 'platform' } }));
    assert.equal(req.method, 'POST');
    assert.equal(req.url, 'https://hooks.example.com/flux');
    assert.deepEqual(req.headers, { 'Content-Type': 'application/json', 'Gotk-Component': 'kustomize-controller', 'X-Team': 'platform' });
    assert.equal(
      req.body,
      '{"involvedObject":{"kind":"Kustomization","namespace":"apps","name":"webapp","uid":"7d0c4a2e-1111-2222-3333-444455556666","apiVersion":"kustomize.toolkit.fluxcd.io/v1","resourceVersion":"1234"},' +
        '"severity":"error","timestamp":"2022-10-28T07:26:19Z","message":"Health check failed","reason":"HealthCheckFailed",' +
        `"metadata":{"env":"prod-eu","revision":"main@sha1:${commitSHA}","summary":"prod"},` +
        '"reportingController":"kustomize-controller","reportingInstance":"kustomize-controller-7c7b47f5f-8bhrp"}',
    );
  });

  it('GIVEN an address that is not an absolute URL WHEN built THEN it fails saying so', () => {
    assert.throws(() => genericRequest(processedEvent(), settings({ address: 'hooks.example.com/flux' })), /not an absolute http\(s\) URL/);
  });
});

describe('generic-hmac', () => {
  it('GIVEN a token WHEN built THEN X-Signature is sha256=<hex HMAC of the exact body>', () => {
    const req = genericHmacRequest(processedEvent(), settings({ type: 'generic-hmac', token: 's3cret' }));
    const expected = createHmac('sha256', 's3cret').update(req.body as string).digest('hex');
    assert.equal(req.headers['X-Signature'], `sha256=${expected}`);
    assert.equal(req.headers['Gotk-Component'], 'kustomize-controller');
  });

  it('GIVEN no token WHEN built THEN it fails: HMAC key is empty', () => {
    assert.throws(() => genericHmacRequest(processedEvent(), settings({ type: 'generic-hmac' })), /HMAC key is empty/);
  });
});
