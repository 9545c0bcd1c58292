import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChangeAction } from './changeset.ts';
import { inventoryOf, inventoryOfChangeSet, staleObjects } from './inventory.ts';

describe('inventoryOf', () => {
  it('GIVEN objects in any order WHEN inventoried THEN entries follow the stages, then the kind order, then namespace and name', () => {
    const entries = inventoryOf([
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'b' } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'b' } },
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'a' } },
      { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b' } },
      { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'a' } },
      { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'hook' } },
    ]);
    assert.deepEqual(entries, [
      { id: '_widgets.example.com_apiextensions.k8s.io_CustomResourceDefinition', v: 'v1' },
      { id: '_b__Namespace', v: 'v1' },
      { id: '_fast_storage.k8s.io_StorageClass', v: 'v1' },
      { id: 'a_cfg__ConfigMap', v: 'v1' },
      { id: 'b_web__Service', v: 'v1' },
      { id: 'b_web_apps_Deployment', v: 'v1' },
      { id: 'a_w_example.com_Widget', v: 'v1' },
      { id: '_hook_admissionregistration.k8s.io_ValidatingWebhookConfiguration', v: 'v1' },
    ]);
  });

  it('GIVEN a change set with skipped entries WHEN inventoried THEN every entry is kept, in order', () => {
    const ref = (name: string) => ({ group: '', version: 'v1', kind: 'ConfigMap', namespace: 'a', name });
    const cs = { entries: [ChangeAction.Created, ChangeAction.Skipped, ChangeAction.Unchanged].map((action, i) => ({ ref: ref(`c${i}`), subject: `ConfigMap/a/c${i}`, action })) };
    assert.deepEqual(inventoryOfChangeSet(cs).map((e) => e.id), ['a_c0__ConfigMap', 'a_c1__ConfigMap', 'a_c2__ConfigMap']);
  });
});

describe('staleObjects', () => {
  it('GIVEN an old and a new inventory WHEN compared THEN what left is stale, at the old version', () => {
    const previous = [
      { id: 'a_cfg__ConfigMap', v: 'v1' },
      { id: 'a_web_apps_Deployment', v: 'v1' },
      { id: 'a_hpa_autoscaling_HorizontalPodAutoscaler', v: 'v2beta2' },
    ];
    const current = [
      { id: 'a_cfg__ConfigMap', v: 'v1' },
      { id: 'a_hpa_autoscaling_HorizontalPodAutoscaler', v: 'v2' },
    ];
    assert.deepEqual(staleObjects(previous, current), [{ namespace: 'a', name: 'web', group: 'apps', kind: 'Deployment', version: 'v1' }]);
  });

  it('GIVEN the same inventory WHEN compared THEN nothing is stale', () => {
    const inv = [{ id: 'a_cfg__ConfigMap', v: 'v1' }];
    assert.deepEqual(staleObjects(inv, inv), []);
  });
});
