import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as api from './index.ts';
import type { GitRepository, HelmRelease } from './index.ts';

test('GIVEN the public door WHEN imported THEN the registry, vocabulary and CRDs are reachable and the types describe real objects', () => {
  const repo: GitRepository = {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name: 'podinfo', namespace: 'flux-system', annotations: { [api.ReconcileAnnotations.requestedAt]: 'now' } },
    spec: { url: 'https://github.com/stefanprodan/podinfo', interval: '5m', ref: { branch: 'master' } },
    status: { observedGeneration: -1 },
  };
  const release: HelmRelease = {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: 'podinfo' },
    spec: { interval: '10m', chartRef: { kind: 'OCIRepository', name: 'podinfo' }, values: { replicaCount: 2 } },
  };
  assert.equal(repo.apiVersion, api.apiResources.GitRepository.apiVersion);
  assert.equal(release.apiVersion, api.apiResources.HelmRelease.apiVersion);
  assert.equal(api.crdManifests().length, api.fluxKinds.length);
  assert.equal(api.ConditionType.Ready, 'Ready');
  assert.equal(api.Finalizer, 'finalizers.fluxcd.io');
});
