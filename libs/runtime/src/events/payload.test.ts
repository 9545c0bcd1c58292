import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventMetadata, eventTimestamp, isForwardable, kubernetesEventType, severityOf, toolkitEvent } from './payload.ts';

const repo = {
  apiVersion: 'source.toolkit.fluxcd.io/v1',
  kind: 'GitRepository',
  metadata: {
    name: 'flux-system',
    namespace: 'flux-system',
    uid: '1b2c',
    resourceVersion: '42',
    annotations: { 'event.toolkit.fluxcd.io/summary': 'prod', 'example.com/other': 'x' },
  },
};

describe('event payload', () => {
  it('GIVEN each event type THEN severity and Kubernetes type follow upstream (Trace stays Normal in the cluster)', () => {
    assert.deepEqual(['Normal', 'Warning', 'Trace', 'Odd'].map(severityOf), ['info', 'error', 'trace', 'info']);
    assert.deepEqual(['Normal', 'Warning', 'Trace'].map(kubernetesEventType), ['Normal', 'Warning', 'Normal']);
  });

  it('GIVEN Trace events or incomplete references THEN they are not forwarded', () => {
    const ref = { kind: 'GitRepository', name: 'a', namespace: 'b' };
    assert.equal(isForwardable('Normal', ref), true);
    assert.equal(isForwardable('Warning', ref), true);
    assert.equal(isForwardable('Trace', ref), false);
    assert.equal(isForwardable('Normal', { ...ref, namespace: '' }), false);
    assert.equal(isForwardable('Normal', { ...ref, name: undefined }), false);
    assert.equal(isForwardable('Normal', { ...ref, kind: '' }), false);
  });

  it('GIVEN object annotations WHEN metadata is merged THEN only event.toolkit.fluxcd.io/ keys join, sorted like Go maps', () => {
    const merged = eventMetadata(repo, { 'source.toolkit.fluxcd.io/revision': 'main@sha1:abc', 'source.toolkit.fluxcd.io/digest': 'sha256:1' });
    assert.deepEqual(Object.entries(merged), [
      ['event.toolkit.fluxcd.io/summary', 'prod'],
      ['source.toolkit.fluxcd.io/digest', 'sha256:1'],
      ['source.toolkit.fluxcd.io/revision', 'main@sha1:abc'],
    ]);
  });

  it('GIVEN a time with milliseconds THEN the timestamp is RFC 3339 UTC at second precision', () => {
    assert.equal(eventTimestamp(new Date('2026-07-02T10:00:00.987Z')), '2026-07-02T10:00:00Z');
  });

  it('GIVEN an event WHEN serialised THEN keys follow the upstream struct order and empty optionals are omitted', () => {
    const at = new Date('2026-07-02T10:00:00.5Z');
    const full = toolkitEvent({
      object: repo,
      type: 'Normal',
      reason: 'NewArtifact',
      message: "stored artifact for commit 'x'",
      metadata: { 'source.toolkit.fluxcd.io/revision': 'main@sha1:abc' },
      controller: 'source-controller',
      instance: 'source-controller-abc',
      at,
    });
    assert.equal(
      JSON.stringify(full),
      '{"involvedObject":{"kind":"GitRepository","namespace":"flux-system","name":"flux-system","uid":"1b2c",' +
        '"apiVersion":"source.toolkit.fluxcd.io/v1","resourceVersion":"42"},"severity":"info","timestamp":"2026-07-02T10:00:00Z",' +
        '"message":"stored artifact for commit \'x\'","reason":"NewArtifact","metadata":{"event.toolkit.fluxcd.io/summary":"prod",' +
        '"source.toolkit.fluxcd.io/revision":"main@sha1:abc"},"reportingController":"source-controller",' +
        '"reportingInstance":"source-controller-abc"}',
    );

    const bare = toolkitEvent({
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' } },
      type: 'Warning',
      reason: 'Failed',
      message: '',
      controller: 'kustomize-controller',
      at,
    });
    assert.deepEqual(Object.keys(bare), ['involvedObject', 'severity', 'timestamp', 'message', 'reason', 'reportingController']);
    assert.deepEqual(bare.involvedObject, { kind: 'ConfigMap', namespace: 'n', name: 'c', apiVersion: 'v1' });
    assert.equal(bare.severity, 'error');
  });
});
