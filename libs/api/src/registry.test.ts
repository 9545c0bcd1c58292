import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiResources, fluxKinds, isFluxKind, resourcePath } from './registry.ts';

describe('the API registry', () => {
  test('GIVEN a kind WHEN looked up THEN it gives the group, storage version, plural and scope', () => {
    assert.deepEqual(apiResources.Kustomization, {
      group: 'kustomize.toolkit.fluxcd.io',
      version: 'v1',
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      plural: 'kustomizations',
      namespaced: true,
    });
    assert.equal(apiResources.HelmRelease.apiVersion, 'helm.toolkit.fluxcd.io/v2');
    assert.equal(apiResources.Alert.apiVersion, 'notification.toolkit.fluxcd.io/v1beta3');
    assert.equal(apiResources.Receiver.apiVersion, 'notification.toolkit.fluxcd.io/v1');
    assert.equal(apiResources.OCIRepository.plural, 'ocirepositories');
  });

  test('GIVEN all kinds THEN eleven are registered and isFluxKind recognises only them', () => {
    assert.equal(fluxKinds.length, 11);
    assert.ok(isFluxKind('GitRepository'));
    assert.ok(!isFluxKind('Deployment'));
    assert.ok(!isFluxKind('toString'), 'prototype keys are not kinds');
  });

  test('GIVEN a namespace and a name WHEN a path is built THEN it is the REST path of the object', () => {
    assert.equal(resourcePath('GitRepository', { namespace: 'flux-system', name: 'podinfo' }), '/apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories/podinfo');
    assert.equal(resourcePath('HelmRelease', { namespace: 'apps', name: 'web', subresource: 'status' }), '/apis/helm.toolkit.fluxcd.io/v2/namespaces/apps/helmreleases/web/status');
  });

  test('GIVEN no namespace WHEN a path is built THEN it is the cluster-wide collection a watch uses', () => {
    assert.equal(resourcePath('Kustomization'), '/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations');
  });

  test('GIVEN a name without a namespace, or a subresource without a name, THEN building the path fails', () => {
    assert.throws(() => resourcePath('Bucket', { name: 'b' }), /namespaced/);
    assert.throws(() => resourcePath('Bucket', { namespace: 'ns', subresource: 'status' }), /needs an object name/);
  });
});
