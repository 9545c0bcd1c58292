import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { kustomizationEvent } from '../test-events.ts';
import { eventKey } from './key.ts';
import { cleanupMetadata } from './metadata.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('eventKey', () => {
  it('GIVEN the worked example of reference §8.1 WHEN keyed THEN it is the SHA-256 of upstream’s slash-joined list, token included', () => {
    const key = eventKey(cleanupMetadata(kustomizationEvent()));
    assert.equal(key, sha256('event/name=webapp/namespace=apps/kind=Kustomization/message=Health check failed/revision=main@sha1:731f7eaddfb6af01cb2173e18f0f75b0ba780ef1/token=abc'));
  });

  it('GIVEN two events differing only in severity, reason, timestamp and reporter WHEN keyed THEN the keys are equal', () => {
    const a = kustomizationEvent();
    const b = kustomizationEvent({ severity: 'info', reason: 'Other', timestamp: '2030-01-01T00:00:00Z', reportingController: 'x', reportingInstance: 'y' });
    assert.equal(eventKey(a), eventKey(b));
  });

  it('GIVEN an originRevision, a different message or another token WHEN keyed THEN the key changes', () => {
    const base = kustomizationEvent({ metadata: {} });
    const keys = new Set([
      eventKey(base),
      eventKey(kustomizationEvent({ metadata: { 'kustomize.toolkit.fluxcd.io/originRevision': 'o' } })),
      eventKey(kustomizationEvent({ metadata: { 'kustomize.toolkit.fluxcd.io/token': 't' } })),
      eventKey(kustomizationEvent({ metadata: {}, message: 'other' })),
    ]);
    assert.equal(keys.size, 4);
    assert.equal(eventKey(base), sha256('event/name=webapp/namespace=apps/kind=Kustomization/message=Health check failed'));
  });

  it('GIVEN metadata other than revision, originRevision and token WHEN keyed THEN it does not count', () => {
    assert.equal(eventKey(kustomizationEvent({ metadata: {} })), eventKey(kustomizationEvent({ metadata: { 'kustomize.toolkit.fluxcd.io/commit': 'c' } })));
  });
});
