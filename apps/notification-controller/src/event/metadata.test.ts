import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kustomizationEvent } from '../test-events.ts';
import { cleanupMetadata, combineEventMetadata, excludeInternalMetadata } from './metadata.ts';

describe('cleanupMetadata', () => {
  it('GIVEN the worked example of reference §8.1 WHEN cleaned THEN the digest and foreign keys go, the rest stays', () => {
    const cleaned = cleanupMetadata(kustomizationEvent());
    assert.deepEqual(cleaned.metadata, {
      'kustomize.toolkit.fluxcd.io/revision': 'main@sha1:731f7eaddfb6af01cb2173e18f0f75b0ba780ef1',
      'kustomize.toolkit.fluxcd.io/token': 'abc',
      'event.toolkit.fluxcd.io/summary': 'prod',
    });
  });

  it('GIVEN checksum and digest keys in another case WHEN cleaned THEN they are dropped all the same', () => {
    const cleaned = cleanupMetadata(kustomizationEvent({ metadata: { 'kustomize.toolkit.fluxcd.io/Checksum': 'a', 'kustomize.toolkit.fluxcd.io/DIGEST': 'b' } }));
    assert.equal(cleaned.metadata, undefined);
  });

  it('GIVEN a key of another Flux group WHEN cleaned THEN it is dropped, because only the object’s group may speak', () => {
    const cleaned = cleanupMetadata(kustomizationEvent({ metadata: { 'helm.toolkit.fluxcd.io/revision': '1.0.0' } }));
    assert.equal(cleaned.metadata, undefined);
  });
});

describe('excludeInternalMetadata', () => {
  it('GIVEN a token key WHEN excluded THEN only the token goes', () => {
    const out = excludeInternalMetadata(cleanupMetadata(kustomizationEvent()));
    assert.deepEqual(Object.keys(out.metadata ?? {}).sort(), ['event.toolkit.fluxcd.io/summary', 'kustomize.toolkit.fluxcd.io/revision']);
  });
});

describe('combineEventMetadata', () => {
  it('GIVEN the worked example and an Alert with eventMetadata WHEN merged THEN providers see un-prefixed keys', () => {
    const event = excludeInternalMetadata(cleanupMetadata(kustomizationEvent()));
    const { event: merged, conflicts } = combineEventMetadata(event, { eventMetadata: { env: 'prod-eu' } });
    assert.deepEqual(merged.metadata, { summary: 'prod', env: 'prod-eu', revision: 'main@sha1:731f7eaddfb6af01cb2173e18f0f75b0ba780ef1' });
    assert.deepEqual(conflicts, []);
  });

  it('GIVEN the same key from every source WHEN merged THEN the controller wins over the summary, which wins over eventMetadata, which wins over annotations', () => {
    const event = kustomizationEvent({ metadata: { 'event.toolkit.fluxcd.io/summary': 'from-annotation' } });
    const a = combineEventMetadata(event, { eventMetadata: { summary: 'from-alert-metadata' } });
    assert.equal(a.event.metadata?.['summary'], 'from-alert-metadata');
    const b = combineEventMetadata(event, { eventMetadata: { summary: 'from-alert-metadata' }, summary: 'from-summary' });
    assert.equal(b.event.metadata?.['summary'], 'from-summary');
    assert.equal(b.conflicts.length, 2);
    const c = combineEventMetadata(kustomizationEvent({ metadata: { 'kustomize.toolkit.fluxcd.io/summary': 'from-controller' } }), { summary: 'from-summary' });
    assert.equal(c.event.metadata?.['summary'], 'from-controller');
    assert.deepEqual(c.conflicts, ['summary (kustomize.toolkit.fluxcd.io controller)']);
  });

  it('GIVEN no metadata anywhere WHEN merged THEN the event carries no metadata key, as Go omits an empty map', () => {
    const { event } = combineEventMetadata(kustomizationEvent({ metadata: {} }), {});
    assert.equal('metadata' in event, false);
  });
});
