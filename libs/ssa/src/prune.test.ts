// Prune against the real API server: only owner-labelled stale objects go, in reverse apply order, and
// the prune: disabled / reconcile: disabled / ssa: Ignore policies on the live object are honoured.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { controlPlaneForSuite, eventually, freshNamespace, type TestNamespace } from '@conflux/testing';
import { isNotFound, type KubeClient, type KubeObject, PatchType } from '@conflux/runtime';
import { formatChangeSet } from './changeset.ts';
import { inventoryOfChangeSet, staleObjects } from './inventory.ts';
import { ResourceManager } from './resource-manager.ts';
import { clientFor, configMap, deployment, fieldManager, namespaceObject, ownerLabelsFor, service } from './testdata.ts';

const cmResource = { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true };
const nsResource = { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false };

let client: KubeClient;
let ns: TestNamespace;

before(async () => {
  const plane = await controlPlaneForSuite();
  client = clientFor(plane.kubeconfig);
  ns = await freshNamespace(plane.clients, 'ssa-prune');
});
after(async () => {
  await ns?.remove();
  client?.close();
});

const exists = async (namespace: string, name: string) =>
  client.get<KubeObject>(cmResource, namespace, name).then(
    () => true,
    (err: unknown) => (isNotFound(err) ? false : Promise.reject(err)),
  );

describe('prune', () => {
  it('GIVEN objects dropped from the set WHEN pruned THEN owned ones are deleted in reverse order and the rest skipped', async () => {
    const manager = new ResourceManager(client, { fieldManager, ownerLabels: ownerLabelsFor('prune-a') });
    // Named after the test namespace so the two sort in a known order.
    const extraNs = `${ns.name}-extra`;
    const first = await manager.applyAllStaged([
      namespaceObject(extraNs),
      configMap(extraNs, 'in-extra'),
      configMap(ns.name, 'keep'),
      configMap(ns.name, 'gone'),
      configMap(ns.name, 'protected', {}, { 'kustomize.toolkit.fluxcd.io/prune': 'disabled' }),
      configMap(ns.name, 'adopted'),
      service(ns.name, 'svc'),
      deployment(ns.name, 'web'),
    ]);
    // Another Kustomization took this one over: its owner labels no longer name us.
    await client.patch(cmResource, ns.name, 'adopted', { metadata: { labels: ownerLabelsFor('prune-b') } }, { type: PatchType.Merge });

    const second = await manager.applyAllStaged([configMap(ns.name, 'keep')]);
    const stale = staleObjects(inventoryOfChangeSet(first), inventoryOfChangeSet(second));
    const cs = await manager.prune(stale);

    assert.equal(
      formatChangeSet(cs, { includeUnchanged: true }),
      [
        `Deployment/${ns.name}/web deleted`,
        `Service/${ns.name}/svc deleted`,
        `ConfigMap/${extraNs}/in-extra deleted`,
        `ConfigMap/${ns.name}/protected skipped`,
        `ConfigMap/${ns.name}/gone deleted`,
        `ConfigMap/${ns.name}/adopted skipped`,
        `Namespace/${extraNs} deleted`,
      ].join('\n'),
    );
    assert.equal(await exists(ns.name, 'keep'), true);
    assert.equal(await exists(ns.name, 'gone'), false);
    assert.equal(await exists(ns.name, 'protected'), true);
    assert.equal(await exists(ns.name, 'adopted'), true);
    await eventually('the pruned namespace to go', async () => client.get(nsResource, undefined, extraNs).then(() => false, (err: unknown) => isNotFound(err)), { timeoutMs: 60_000 });
  });

  it('GIVEN stale objects already gone WHEN pruned THEN they count as deleted', async () => {
    const manager = new ResourceManager(client, { fieldManager, ownerLabels: ownerLabelsFor('prune-c') });
    const cs = await manager.prune([{ group: '', version: 'v1', kind: 'ConfigMap', namespace: ns.name, name: 'never-existed' }]);
    assert.equal(formatChangeSet(cs), `ConfigMap/${ns.name}/never-existed deleted`);
  });

  it('GIVEN a stale object whose kind is no longer served WHEN pruned THEN it counts as deleted', async () => {
    const manager = new ResourceManager(client, { fieldManager, ownerLabels: ownerLabelsFor('prune-d') });
    const cs = await manager.prune([{ group: 'gone.test.conflux.dev', version: 'v1', kind: 'Gizmo', namespace: ns.name, name: 'g' }]);
    assert.equal(formatChangeSet(cs), `Gizmo/${ns.name}/g deleted`);
  });

  it('GIVEN ssa: Ignore on a live owned object WHEN pruned THEN it is skipped', async () => {
    const manager = new ResourceManager(client, { fieldManager, ownerLabels: ownerLabelsFor('prune-e') });
    await manager.applyAllStaged([configMap(ns.name, 'ignored-later')]);
    await client.patch(cmResource, ns.name, 'ignored-later', { metadata: { annotations: { 'kustomize.toolkit.fluxcd.io/ssa': 'ignore' } } }, { type: PatchType.Merge });
    const cs = await manager.prune([{ group: '', version: 'v1', kind: 'ConfigMap', namespace: ns.name, name: 'ignored-later' }]);
    assert.equal(formatChangeSet(cs, { includeUnchanged: true }), `ConfigMap/${ns.name}/ignored-later skipped`);
    assert.equal(await exists(ns.name, 'ignored-later'), true);
  });
});
