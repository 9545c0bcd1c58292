import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '@conflux/runtime';
import { ignoredPaths, preserveIgnored, selectorMatches, withoutPaths } from './ignore.ts';

const dep = (replicas: number, managedFields: KubeObject['metadata']['managedFields'] = []): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'prod', labels: { tier: 'front' }, managedFields },
  spec: { replicas, paused: false },
});

describe('ignore rules', () => {
  it('GIVEN rules with and without targets WHEN matched THEN only the selected objects get the paths', () => {
    const rules = [
      { paths: ['/spec/replicas'], target: { kind: 'Deployment', namespace: 'pro.*' } },
      { paths: ['/metadata/annotations/a~1b'] },
      { paths: ['/spec/paused'], target: { kind: 'StatefulSet' } },
      { paths: ['/spec/x'], target: { labelSelector: 'tier in (front,back),!canary' } },
    ];
    assert.deepEqual(ignoredPaths(rules, dep(1)), [['spec', 'replicas'], ['metadata', 'annotations', 'a/b'], ['spec', 'x']]);
  });

  it('GIVEN paths WHEN removed THEN a copy lacks them and the original is untouched', () => {
    const o = dep(3);
    const stripped = withoutPaths(o, [['spec', 'replicas']]);
    assert.equal(stripped.spec?.['replicas'], undefined);
    assert.equal(o.spec?.['replicas'], 3);
  });

  it('GIVEN a live value that differs WHEN nobody else applied it THEN the payload adopts the live value', () => {
    assert.equal(preserveIgnored(dep(1), dep(4), [['spec', 'replicas']], 'kustomize-controller').spec?.['replicas'], 4);
  });

  it('GIVEN a live value another server-side applier owns WHEN preserved THEN the payload drops the field', () => {
    const live = dep(4, [{ manager: 'autoscaler', operation: 'Apply', fieldsV1: { 'f:spec': { 'f:replicas': {} } } }]);
    const payload = preserveIgnored(dep(1), live, [['spec', 'replicas']], 'kustomize-controller');
    assert.equal('replicas' in (payload.spec ?? {}), false);
  });

  it('GIVEN label selectors WHEN evaluated THEN equality, sets and existence work as in Kubernetes', () => {
    const labels = { app: 'web', tier: 'front' };
    assert.equal(selectorMatches('app=web,tier!=back', labels), true);
    assert.equal(selectorMatches('app==api', labels), false);
    assert.equal(selectorMatches('tier notin (front)', labels), false);
    assert.equal(selectorMatches('app,!canary', labels), true);
    assert.equal(selectorMatches('canary', labels), false);
  });
});
