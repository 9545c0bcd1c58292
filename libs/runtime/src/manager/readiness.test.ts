import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Condition } from '../reconcile/conditions.ts';
import type { Status } from '../reconcile/status-patch.ts';
import { readinessChanged, readinessEventFor } from './readiness.ts';

// Dynamic, as the manager loads the bus: a static import would defeat that lazy load for Nx's boundary check.
const { decodeReadiness, encodeReadiness } = await import('@conflux/bus');

const resource = { group: 'source.toolkit.fluxcd.io', version: 'v1', kind: 'GitRepository', plural: 'gitrepositories', namespaced: true };
const ready = (status: Condition['status'], reason = 'Succeeded', message = 'stored artifact'): Condition => ({
  type: 'Ready',
  status,
  reason,
  message,
  lastTransitionTime: '2026-01-01T00:00:00Z',
});
const artifact = {
  path: 'gitrepository/flux-system/podinfo/abc.tar.gz',
  url: 'http://source-controller/gitrepository/flux-system/podinfo/abc.tar.gz',
  revision: 'main@sha1:abc',
  digest: 'sha256:0123',
  size: 42,
  lastUpdateTime: '2026-01-01T00:00:00Z',
};
const object = { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: { name: 'podinfo.v2', namespace: 'flux-system', uid: 'u-1', generation: 3 } };

describe('readiness events', () => {
  it('GIVEN a status whose only change is a timestamp elsewhere WHEN compared THEN nothing worth announcing changed', () => {
    const before: Status = { conditions: [ready('True')], artifact, lastHandledReconcileAt: 'a' };
    const after: Status = { conditions: [{ ...ready('True'), lastTransitionTime: '2026-02-02T00:00:00Z' }], artifact, lastHandledReconcileAt: 'b' };
    assert.equal(readinessChanged(before, after), false);
  });

  it('GIVEN Ready flips, its reason or message changes, a new artifact or a new applied revision WHEN compared THEN each is a change', () => {
    const base: Status = { conditions: [ready('True')], artifact, lastAppliedRevision: 'r1' };
    assert.equal(readinessChanged({}, base), true, 'first Ready');
    assert.equal(readinessChanged(base, { ...base, conditions: [ready('False', 'GitOperationFailed')] }), true, 'status');
    assert.equal(readinessChanged(base, { ...base, conditions: [ready('True', 'Succeeded', 'other')] }), true, 'message');
    assert.equal(readinessChanged(base, { ...base, artifact: { ...artifact, digest: 'sha256:9999' } }), true, 'digest');
    assert.equal(readinessChanged(base, { ...base, artifact: { ...artifact, revision: 'main@sha1:def' } }), true, 'revision');
    assert.equal(readinessChanged(base, { ...base, lastAppliedRevision: 'r2' }), true, 'applied revision');
  });

  it('GIVEN a Ready source with an artifact WHEN described THEN the event carries condition, artifact and revision, and passes the bus schema', () => {
    const event = readinessEventFor(object, resource, { conditions: [ready('True')], artifact, observedGeneration: 3 }, new Date('2026-03-01T10:00:00Z'));
    assert.ok(event);
    assert.deepEqual(event.ready, { status: 'True', reason: 'Succeeded', message: 'stored artifact' });
    assert.equal(event.revision, 'main@sha1:abc');
    assert.equal(event.observedGeneration, 3);
    assert.deepEqual(event.artifact, artifact);
    const decoded = decodeReadiness(encodeReadiness(event));
    assert.ok(decoded.ok);
    assert.equal(decoded.value.name, 'podinfo.v2');
  });

  it('GIVEN an applier WHEN described THEN its lastAppliedRevision is the revision', () => {
    const event = readinessEventFor(object, resource, { conditions: [ready('False', 'BuildFailed', 'bad')], lastAppliedRevision: 'main@sha1:abc' });
    assert.equal(event?.revision, 'main@sha1:abc');
    assert.equal(event?.lastAppliedRevision, 'main@sha1:abc');
    assert.equal(event?.artifact, undefined);
  });

  it('GIVEN no Ready condition, or an incomplete artifact WHEN described THEN there is no event, or no artifact in it', () => {
    assert.equal(readinessEventFor(object, resource, {}), undefined);
    const event = readinessEventFor(object, resource, { conditions: [ready('True')], artifact: { revision: 'x' } });
    assert.equal(event?.artifact, undefined);
    assert.equal(event?.revision, undefined);
  });
});
