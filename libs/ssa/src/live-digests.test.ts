import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '@conflux/runtime';
import { driftDigest, LiveDigests } from './live-digests.ts';

const cm = (rv: string, data: Record<string, string>, extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'c', namespace: 'n', uid: 'uid-1', resourceVersion: rv, labels: { app: 'a' }, ...extra },
  data,
});

describe('LiveDigests', () => {
  it('GIVEN an object seen at a resourceVersion WHEN a dry run at that version shows the same content THEN it is unchanged', () => {
    const digests = new LiveDigests();
    digests.record(cm('7', { k: 'v' }));
    assert.equal(digests.unchanged(cm('7', { k: 'v' })), true);
  });

  it('GIVEN an object seen at a resourceVersion WHEN a dry run at that version shows other content THEN it would change', () => {
    const digests = new LiveDigests();
    digests.record(cm('7', { k: 'v' }));
    assert.equal(digests.unchanged(cm('7', { k: 'w' })), false);
    assert.equal(digests.unchanged(cm('7', { k: 'v' }, { labels: { app: 'b' } })), false);
  });

  it('GIVEN an object written since (another resourceVersion) or never seen WHEN asked THEN the answer is unknown, so it is read', () => {
    const digests = new LiveDigests();
    digests.record(cm('7', { k: 'v' }));
    assert.equal(digests.unchanged(cm('8', { k: 'v' })), undefined);
    assert.equal(digests.unchanged(cm('7', { k: 'v' }, { uid: 'uid-2' })), undefined);
  });

  it('GIVEN a recreated object WHEN its old uid is forgotten THEN nothing is known of it', () => {
    const digests = new LiveDigests();
    digests.record(cm('7', { k: 'v' }));
    digests.forget('uid-1');
    assert.equal(digests.unchanged(cm('7', { k: 'v' })), undefined);
  });

  it('GIVEN more objects than the bound WHEN recorded THEN the least recently recorded is dropped first', () => {
    const digests = new LiveDigests(2);
    digests.record(cm('1', {}, { uid: 'a' }));
    digests.record(cm('1', {}, { uid: 'b' }));
    digests.record(cm('1', {}, { uid: 'a' }));
    digests.record(cm('1', {}, { uid: 'c' }));
    assert.equal(digests.size, 2);
    assert.equal(digests.unchanged(cm('1', {}, { uid: 'b' })), undefined);
    assert.equal(digests.unchanged(cm('1', {}, { uid: 'a' })), true);
  });

  it('GIVEN an object without uid or resourceVersion (a dry-run create) WHEN recorded THEN nothing is kept', () => {
    const digests = new LiveDigests();
    digests.record(cm('', { k: 'v' }));
    assert.equal(digests.size, 0);
  });
});

describe('driftDigest', () => {
  it('GIVEN objects hasDrifted calls equal WHEN digested THEN the digests match: status, managedFields, versions and key order do not count', () => {
    const a = { ...cm('1', { x: '1', y: '2' }), status: { phase: 'A' } };
    const b = {
      ...cm('2', { y: '2', x: '1' }, { managedFields: [{ manager: 'm' }], generation: 4, creationTimestamp: '2026-11-26T00:00:00Z' }),
      status: { phase: 'B' },
    };
    assert.equal(driftDigest(a), driftDigest(b));
  });

  it('GIVEN empty and absent values WHEN digested THEN they are the same, as semanticEqual has them', () => {
    assert.equal(driftDigest(cm('1', {}, { annotations: {} })), driftDigest(cm('1', {})));
    assert.equal(driftDigest({ ...cm('1', {}), spec: { list: [] } } as KubeObject), driftDigest(cm('1', {})));
  });

  it('GIVEN a changed label, annotation or field WHEN digested THEN the digest differs', () => {
    const base = driftDigest(cm('1', { k: 'v' }));
    assert.notEqual(driftDigest(cm('1', { k: 'w' })), base);
    assert.notEqual(driftDigest(cm('1', { k: 'v' }, { labels: { app: 'z' } })), base);
    assert.notEqual(driftDigest(cm('1', { k: 'v' }, { annotations: { note: 'x' } })), base);
  });
});
