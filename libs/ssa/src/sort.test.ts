import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kindOrder, sortByApplyOrder } from './sort.ts';
import { Stage, stageOf } from './stages.ts';

describe('apply order', () => {
  it('GIVEN kinds WHEN ranked THEN definitions come first, unknown kinds in the middle and webhooks last', () => {
    assert.ok(kindOrder('CustomResourceDefinition') < kindOrder('Namespace'));
    assert.ok(kindOrder('ServiceAccount') < kindOrder('Deployment'));
    assert.ok(kindOrder('Deployment') < kindOrder('Widget'));
    assert.equal(kindOrder('Widget'), 0);
    assert.ok(kindOrder('MutatingWebhookConfiguration') < kindOrder('ValidatingWebhookConfiguration'));
    assert.ok(kindOrder('Widget') < kindOrder('MutatingWebhookConfiguration'));
  });

  it('GIVEN refs of the same kind WHEN sorted THEN group, namespace and name break ties in byte order', () => {
    const refs = [
      { group: 'b.io', kind: 'Widget', namespace: 'x', name: 'a' },
      { group: 'a.io', kind: 'Widget', namespace: 'y', name: 'b' },
      { group: 'a.io', kind: 'Widget', namespace: 'x', name: 'b' },
      { group: 'a.io', kind: 'Widget', namespace: 'x', name: 'B' },
    ];
    assert.deepEqual(
      sortByApplyOrder(refs, (r) => r).map((r) => `${r.group}/${r.namespace}/${r.name}`),
      ['a.io/x/B', 'a.io/x/b', 'a.io/y/b', 'b.io/x/a'],
    );
  });
});

describe('stages', () => {
  it('GIVEN kinds WHEN staged THEN CRDs, Namespaces and ClusterRoles are definitions and *Class kinds are classes', () => {
    assert.equal(stageOf({ group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' }), Stage.Definitions);
    assert.equal(stageOf({ group: '', kind: 'Namespace' }), Stage.Definitions);
    assert.equal(stageOf({ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }), Stage.Definitions);
    assert.equal(stageOf({ group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' }), Stage.Rest);
    assert.equal(stageOf({ group: 'storage.k8s.io', kind: 'StorageClass' }), Stage.Classes);
    assert.equal(stageOf({ group: 'cluster.x-k8s.io', kind: 'ClusterClass' }), Stage.Classes);
    assert.equal(stageOf({ group: 'example.com', kind: 'Namespace' }), Stage.Rest);
  });
});
