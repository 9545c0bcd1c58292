import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '@conflux/runtime';
import { hasDrifted } from './drift.ts';

const live = (): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'c', namespace: 'a', resourceVersion: '10', uid: 'u1', generation: 1, labels: { app: 'x' }, managedFields: [{ manager: 'kustomize-controller' }] },
  data: { key: 'value' },
});

describe('hasDrifted', () => {
  it('GIVEN a dry-run equal to the live object apart from bookkeeping metadata WHEN compared THEN it has not drifted', () => {
    const dryRun = live();
    dryRun.metadata = { ...dryRun.metadata, resourceVersion: '11', generation: 2, managedFields: [], creationTimestamp: '2026-01-01T00:00:00Z', finalizers: ['x'] };
    assert.equal(hasDrifted(dryRun, live()), false);
  });

  it('GIVEN a dry-run without resourceVersion or no live object WHEN compared THEN it would be created', () => {
    const dryRun = live();
    delete dryRun.metadata.resourceVersion;
    assert.equal(hasDrifted(dryRun, live()), true);
    assert.equal(hasDrifted(live(), undefined), true);
  });

  it('GIVEN a label, an annotation or a data change WHEN compared THEN it has drifted', () => {
    const labels = live();
    labels.metadata.labels = { app: 'y' };
    assert.equal(hasDrifted(labels, live()), true);
    const annotations = live();
    annotations.metadata.annotations = { note: 'n' };
    assert.equal(hasDrifted(annotations, live()), true);
    const data = live();
    data['data'] = { key: 'other' };
    assert.equal(hasDrifted(data, live()), true);
  });

  it('GIVEN only the status or an empty map versus a missing one WHEN compared THEN it has not drifted', () => {
    const dryRun = live();
    dryRun.status = { phase: 'Other' };
    dryRun.metadata.annotations = {};
    assert.equal(hasDrifted(dryRun, live()), false);
  });
});
