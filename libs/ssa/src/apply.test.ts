// Staged server-side apply against the real API server: create, no-op, update, staging of CRDs and
// Namespaces, immutable fields, the ssa/reconcile policies, drift ignore rules and clear errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { controlPlaneForSuite, freshNamespace, type TestNamespace } from '@conflux/testing';
import { KubeClient, type KubeObject, PatchType, type ResourceType } from '@conflux/runtime';
import { ChangeAction, type ChangeSet } from './changeset.ts';
import { ApplyError } from './errors.ts';
import { LiveDigests } from './live-digests.ts';
import { ResourceManager } from './resource-manager.ts';
import { clientFor, configMap, deployment, fieldManager, gizmoCRD, namespaceObject, ownerLabelsFor, service, uniqueSuffix } from './testdata.ts';

const cmResource = { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true };
const deployResource = { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true };
const nsResource = { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false };

let client: KubeClient;
let ns: TestNamespace;
let manager: ResourceManager;
const owner = ownerLabelsFor('apps');

const actions = (cs: ChangeSet) => Object.fromEntries(cs.entries.map((e) => [e.subject, e.action]));

before(async () => {
  const plane = await controlPlaneForSuite();
  client = clientFor(plane.kubeconfig);
  ns = await freshNamespace(plane.clients, 'ssa-apply');
  manager = new ResourceManager(client, { fieldManager, ownerLabels: owner });
});
after(async () => {
  await ns?.remove();
  client?.close();
});

describe('applyAllStaged: create, no-op, update', () => {
  const objects = () => [deployment(ns.name, 'podinfo'), service(ns.name, 'podinfo'), configMap(ns.name, 'podinfo-config')];

  it('GIVEN objects that do not exist WHEN applied THEN each is created, owner-labelled, in apply order', async () => {
    const cs = await manager.applyAllStaged(objects());
    assert.deepEqual(
      cs.entries.map((e) => `${e.subject} ${e.action}`),
      [`ConfigMap/${ns.name}/podinfo-config created`, `Service/${ns.name}/podinfo created`, `Deployment/${ns.name}/podinfo created`],
    );
    const live = await client.get<KubeObject>(deployResource, ns.name, 'podinfo');
    assert.deepEqual({ ...live.metadata.labels }, owner);
    assert.ok(live.metadata.managedFields?.some((f) => f.manager === fieldManager && f.operation === 'Apply'));
  });

  it('GIVEN the same objects already applied WHEN applied again THEN all are unchanged and nothing is written', async () => {
    const before = await client.get<KubeObject>(deployResource, ns.name, 'podinfo');
    const cs = await manager.applyAllStaged(objects());
    assert.deepEqual(new Set(cs.entries.map((e) => e.action)), new Set([ChangeAction.Unchanged]));
    const after = await client.get<KubeObject>(deployResource, ns.name, 'podinfo');
    assert.equal(after.metadata.resourceVersion, before.metadata.resourceVersion);
  });

  it('GIVEN a changed replica count WHEN applied THEN only the Deployment is configured', async () => {
    const changed = objects();
    (changed[0]!.spec as Record<string, unknown>)['replicas'] = 3;
    const cs = await manager.applyAllStaged(changed);
    assert.deepEqual(actions(cs), {
      [`ConfigMap/${ns.name}/podinfo-config`]: 'unchanged',
      [`Service/${ns.name}/podinfo`]: 'unchanged',
      [`Deployment/${ns.name}/podinfo`]: 'configured',
    });
    const live = await client.get<KubeObject>(deployResource, ns.name, 'podinfo');
    assert.equal(live.spec?.['replicas'], 3);
  });

  it('GIVEN a Secret with stringData WHEN applied twice THEN the second apply is unchanged', async () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: ns.name }, stringData: { password: 's3cret' } };
    assert.equal((await manager.applyAllStaged([secret])).entries[0]?.action, 'created');
    assert.equal((await manager.applyAllStaged([secret])).entries[0]?.action, 'unchanged');
  });
});

describe('applyAllStaged: staging', () => {
  it('GIVEN a CRD and a custom resource of it in one call WHEN applied THEN the CRD is established first and both are created', async () => {
    const group = `ssa${uniqueSuffix()}.test.conflux.dev`;
    const crd = gizmoCRD(group);
    const gizmo = { apiVersion: `${group}/v1`, kind: 'Gizmo', metadata: { name: 'g1', namespace: ns.name }, spec: { size: 3 } };
    const cs = await manager.applyAllStaged([gizmo, crd]);
    assert.deepEqual(
      cs.entries.map((e) => `${e.subject} ${e.action}`),
      [`CustomResourceDefinition/gizmos.${group} created`, `Gizmo/${ns.name}/g1 created`],
    );
    assert.equal((await manager.applyAllStaged([gizmo, crd])).entries.every((e) => e.action === 'unchanged'), true);
  });

  it('GIVEN a Namespace and objects in it WHEN applied together THEN the Namespace is created first', async () => {
    const name = `ssa-staged-${uniqueSuffix()}`;
    try {
      const cs = await manager.applyAllStaged([configMap(name, 'inside'), namespaceObject(name)]);
      assert.deepEqual(cs.entries.map((e) => `${e.subject} ${e.action}`), [`Namespace/${name} created`, `ConfigMap/${name}/inside created`]);
      assert.equal(cs.entries[0]?.ref.namespace, '');
    } finally {
      await client.delete(nsResource, undefined, name).catch(() => undefined);
    }
  });

  it('GIVEN a cluster-scoped object with a namespace set WHEN applied THEN the namespace is dropped from its identity', async () => {
    const name = `ssa-cr-${uniqueSuffix()}`;
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, namespace: ns.name }, rules: [] };
    try {
      const cs = await manager.applyAllStaged([role]);
      assert.deepEqual(cs.entries.map((e) => e.subject), [`ClusterRole/${name}`]);
    } finally {
      await client.delete({ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole', plural: 'clusterroles', namespaced: false }, undefined, name).catch(() => undefined);
    }
  });
});

describe('applyAllStaged: errors', () => {
  it('GIVEN an object of a kind no CRD defines WHEN applied THEN an ApplyError says there is no match for the kind', async () => {
    const gizmo = { apiVersion: 'nowhere.test.conflux.dev/v1', kind: 'Gizmo', metadata: { name: 'g', namespace: ns.name } };
    await assert.rejects(manager.applyAllStaged([configMap(ns.name, 'fine'), gizmo]), (err: unknown) => {
      assert.ok(err instanceof ApplyError);
      assert.match(err.message, /Gizmo\/.*\/g dry-run failed: no matches for kind "Gizmo" in version "nowhere.test.conflux.dev\/v1"/);
      assert.equal(err.reason, 'ReconciliationFailed');
      return true;
    });
  });

  it('GIVEN a namespaced object without a namespace WHEN applied THEN an ApplyError names it', async () => {
    await assert.rejects(manager.applyAllStaged([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'homeless' } }]), /ConfigMap\/homeless namespace not specified/);
  });

  it('GIVEN an object the API server rejects WHEN applied after others THEN the error carries what was applied before', async () => {
    const bad = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'bad', namespace: ns.name }, spec: { ports: [{ port: 'not-a-number' }] } };
    const name = `ssa-partial-${uniqueSuffix()}`;
    try {
      await assert.rejects(manager.applyAllStaged([namespaceObject(name), bad]), (err: unknown) => {
        assert.ok(err instanceof ApplyError);
        assert.match(err.message, new RegExp(`Service/${ns.name}/bad dry-run failed`));
        assert.deepEqual(err.changeSet.entries.map((e) => `${e.subject} ${e.action}`), [`Namespace/${name} created`]);
        return true;
      });
    } finally {
      await client.delete(nsResource, undefined, name).catch(() => undefined);
    }
  });
});

describe('applyAllStaged: immutable fields', () => {
  it('GIVEN a Deployment whose selector changes WHEN applied without force THEN an ApplyError names it and the live object is kept', async () => {
    await manager.applyAllStaged([deployment(ns.name, 'immutable', { app: 'one' })]);
    const before = await client.get<KubeObject>(deployResource, ns.name, 'immutable');
    await assert.rejects(manager.applyAllStaged([deployment(ns.name, 'immutable', { app: 'two' })]), (err: unknown) => {
      assert.ok(err instanceof ApplyError);
      assert.match(err.message, new RegExp(`Deployment/${ns.name}/immutable dry-run failed \\(Invalid\\): .*field is immutable`));
      return true;
    });
    const after = await client.get<KubeObject>(deployResource, ns.name, 'immutable');
    assert.equal(after.metadata.uid, before.metadata.uid);
  });

  it('GIVEN the same change WHEN applied with force THEN the Deployment is recreated with the new selector', async () => {
    const before = await client.get<KubeObject>(deployResource, ns.name, 'immutable');
    const cs = await manager.applyAllStaged([deployment(ns.name, 'immutable', { app: 'two' })], { force: true });
    assert.deepEqual(actions(cs), { [`Deployment/${ns.name}/immutable`]: 'created' });
    const after = await client.get<KubeObject>(deployResource, ns.name, 'immutable');
    assert.notEqual(after.metadata.uid, before.metadata.uid);
    assert.deepEqual((after.spec?.['selector'] as { matchLabels: unknown }).matchLabels, { app: 'two' });
  });

  it('GIVEN force: enabled on the object WHEN an immutable field changes THEN it is recreated without spec.force', async () => {
    const cm = (value: string) => ({ ...configMap(ns.name, 'frozen', { key: value }, { 'kustomize.toolkit.fluxcd.io/force': 'Enabled' }), immutable: true });
    await manager.applyAllStaged([cm('a')]);
    const cs = await manager.applyAllStaged([cm('b')]);
    assert.deepEqual(actions(cs), { [`ConfigMap/${ns.name}/frozen`]: 'created' });
  });
});

describe('applyAllStaged: ssa and reconcile policies', () => {
  const editLive = (name: string, patch: unknown, manager = 'kubectl-edit') =>
    client.patch(cmResource, ns.name, name, patch, { type: PatchType.Merge, fieldManager: manager });

  it('GIVEN a kubectl edit adding a label WHEN re-applied with the default policy THEN the edit is reverted', async () => {
    await manager.applyAllStaged([configMap(ns.name, 'override')]);
    await editLive('override', { metadata: { labels: { extra: 'by-hand' } }, data: { key: 'edited' } });
    const cs = await manager.applyAllStaged([configMap(ns.name, 'override')]);
    assert.deepEqual(actions(cs), { [`ConfigMap/${ns.name}/override`]: 'configured' });
    const live = await client.get<KubeObject>(cmResource, ns.name, 'override');
    assert.equal(live.metadata.labels?.['extra'], undefined);
    assert.deepEqual(live['data'], { key: 'value' });
  });

  it('GIVEN ssa: Merge WHEN another manager added a label THEN re-apply keeps it and reports unchanged', async () => {
    const desired = configMap(ns.name, 'merge', { key: 'value' }, { 'kustomize.toolkit.fluxcd.io/ssa': 'merge' });
    await manager.applyAllStaged([desired]);
    await editLive('merge', { metadata: { labels: { extra: 'kept' } } });
    const cs = await manager.applyAllStaged([desired]);
    assert.deepEqual(actions(cs), { [`ConfigMap/${ns.name}/merge`]: 'unchanged' });
    const live = await client.get<KubeObject>(cmResource, ns.name, 'merge');
    assert.equal(live.metadata.labels?.['extra'], 'kept');
  });

  it('GIVEN ssa: IfNotPresent WHEN the object is absent THEN it is created, and WHEN it was changed live THEN it is skipped and the change kept', async () => {
    const desired = configMap(ns.name, 'once', { key: 'value' }, { 'kustomize.toolkit.fluxcd.io/ssa': 'IfNotPresent' });
    assert.deepEqual(actions(await manager.applyAllStaged([desired])), { [`ConfigMap/${ns.name}/once`]: 'created' });
    await editLive('once', { data: { key: 'mine' } });
    assert.deepEqual(actions(await manager.applyAllStaged([desired])), { [`ConfigMap/${ns.name}/once`]: 'skipped' });
    const live = await client.get<KubeObject>(cmResource, ns.name, 'once');
    assert.deepEqual(live['data'], { key: 'mine' });
  });

  it('GIVEN ssa: Ignore or reconcile: disabled on the desired object WHEN applied THEN it is skipped and not created', async () => {
    const ignored = configMap(ns.name, 'ignored', {}, { 'kustomize.toolkit.fluxcd.io/ssa': 'Ignore' });
    const disabled = configMap(ns.name, 'disabled', {}, { 'kustomize.toolkit.fluxcd.io/reconcile': 'disabled' });
    const cs = await manager.applyAllStaged([ignored, disabled]);
    assert.deepEqual(actions(cs), { [`ConfigMap/${ns.name}/ignored`]: 'skipped', [`ConfigMap/${ns.name}/disabled`]: 'skipped' });
    await assert.rejects(client.get(cmResource, ns.name, 'ignored'), /not found/);
  });

  it('GIVEN reconcile: disabled set on the live object WHEN the desired object differs THEN the live object is left alone', async () => {
    await manager.applyAllStaged([configMap(ns.name, 'paused')]);
    await editLive('paused', { metadata: { annotations: { 'kustomize.toolkit.fluxcd.io/reconcile': 'Disabled' } }, data: { key: 'hand' } });
    assert.deepEqual(actions(await manager.applyAllStaged([configMap(ns.name, 'paused')])), { [`ConfigMap/${ns.name}/paused`]: 'skipped' });
    assert.deepEqual((await client.get<KubeObject>(cmResource, ns.name, 'paused'))['data'], { key: 'hand' });
  });
});

describe('applyAllStaged: drift ignore rules', () => {
  it('GIVEN an ignore rule for /spec/replicas on Deployments WHEN replicas were scaled live THEN re-apply is unchanged and keeps them', async () => {
    await manager.applyAllStaged([deployment(ns.name, 'scaled', { replicas: 1 })]);
    await client.patch(deployResource, ns.name, 'scaled', { spec: { replicas: 4 } }, { type: PatchType.Merge, fieldManager: 'hpa-controller' });
    const ignore = [{ paths: ['/spec/replicas'], target: { kind: 'Deploy.*' } }];
    assert.deepEqual(actions(await manager.applyAllStaged([deployment(ns.name, 'scaled', { replicas: 1 })], { ignore })), { [`Deployment/${ns.name}/scaled`]: 'unchanged' });

    const changed = deployment(ns.name, 'scaled', { replicas: 1, image: 'ghcr.io/stefanprodan/podinfo:6.9.1' });
    assert.deepEqual(actions(await manager.applyAllStaged([changed], { ignore })), { [`Deployment/${ns.name}/scaled`]: 'configured' });
    const live = await client.get<KubeObject>(deployResource, ns.name, 'scaled');
    assert.equal(live.spec?.['replicas'], 4);
  });
});

/** The real client, counting what the apply costs: reads, dry runs and writes. */
class CountingClient extends KubeClient {
  gets = 0;
  dryRuns = 0;
  writes = 0;
  override get<T extends KubeObject>(r: ResourceType, namespace: string | undefined, name: string): Promise<T> {
    this.gets++;
    return super.get<T>(r, namespace, name);
  }
  override patch<T extends KubeObject>(r: ResourceType, namespace: string | undefined, name: string, patch: unknown, options: Parameters<KubeClient['patch']>[4] = {}): Promise<T> {
    if (options.dryRun) this.dryRuns++;
    else this.writes++;
    return super.patch<T>(r, namespace, name, patch, options);
  }
  reset(): void {
    this.gets = this.dryRuns = this.writes = 0;
  }
}

describe('applyAllStaged: what an apply costs in requests', () => {
  const objects = () => [configMap(ns.name, 'cost-a'), configMap(ns.name, 'cost-b', { k: 'v' }), service(ns.name, 'cost-svc')];
  let counting: CountingClient;
  before(() => {
    counting = new CountingClient(client.access, { qps: 200, burst: 400 });
  });
  after(() => counting.close());

  it('GIVEN new objects WHEN applied THEN each costs a dry run and an apply, and no read', async () => {
    const m = new ResourceManager(counting, { fieldManager, ownerLabels: owner });
    const cs = await m.applyAllStaged(objects());
    assert.deepEqual(new Set(cs.entries.map((e) => e.action)), new Set([ChangeAction.Created]));
    assert.deepEqual({ gets: counting.gets, dryRuns: counting.dryRuns, writes: counting.writes }, { gets: 0, dryRuns: 3, writes: 3 });
  });

  it('GIVEN objects this manager applied WHEN applied again unchanged THEN each costs one dry run: no read, no write', async () => {
    const digests = new LiveDigests();
    const m = new ResourceManager(counting, { fieldManager, ownerLabels: owner, liveDigests: digests });
    await m.applyAllStaged(objects().map((o) => ({ ...o, metadata: { ...o.metadata, annotations: { round: 'one' } } })));
    counting.reset();
    const cs = await m.applyAllStaged(objects().map((o) => ({ ...o, metadata: { ...o.metadata, annotations: { round: 'one' } } })));
    assert.deepEqual(new Set(cs.entries.map((e) => e.action)), new Set([ChangeAction.Unchanged]));
    assert.deepEqual({ gets: counting.gets, dryRuns: counting.dryRuns, writes: counting.writes }, { gets: 0, dryRuns: 3, writes: 0 });
  });

  it('GIVEN a manager that has not seen the objects (a restart) WHEN applied unchanged THEN it reads each once, and the next time not at all', async () => {
    const m = new ResourceManager(counting, { fieldManager, ownerLabels: owner, liveDigests: new LiveDigests() });
    const desired = () => objects().map((o) => ({ ...o, metadata: { ...o.metadata, annotations: { round: 'one' } } }));
    counting.reset();
    await m.applyAllStaged(desired());
    assert.deepEqual({ gets: counting.gets, writes: counting.writes }, { gets: 3, writes: 0 });
    counting.reset();
    await m.applyAllStaged(desired());
    assert.deepEqual({ gets: counting.gets, writes: counting.writes }, { gets: 0, writes: 0 });
  });

  it('GIVEN an object another writer changed since WHEN applied THEN it is read, the change reverted and reported configured', async () => {
    const digests = new LiveDigests();
    const m = new ResourceManager(counting, { fieldManager, ownerLabels: owner, liveDigests: digests });
    await m.applyAllStaged(objects());
    await client.patch(cmResource, ns.name, 'cost-b', { data: { k: 'edited' } }, { type: PatchType.Merge, fieldManager: 'kubectl-edit' });
    counting.reset();
    const cs = await m.applyAllStaged(objects());
    assert.equal(actions(cs)[`ConfigMap/${ns.name}/cost-b`], ChangeAction.Configured);
    assert.equal(actions(cs)[`ConfigMap/${ns.name}/cost-a`], ChangeAction.Unchanged);
    assert.equal(counting.gets, 1, 'only the object written since is read');
    const live = await client.get<KubeObject>(cmResource, ns.name, 'cost-b');
    assert.deepEqual(live['data'], { k: 'v' });
  });

  it('GIVEN a desired change to an object this manager applied WHEN applied THEN it is configured without a read', async () => {
    const m = new ResourceManager(counting, { fieldManager, ownerLabels: owner, liveDigests: new LiveDigests() });
    await m.applyAllStaged(objects());
    counting.reset();
    const changed = objects();
    changed[1] = configMap(ns.name, 'cost-b', { k: 'v2' });
    const cs = await m.applyAllStaged(changed);
    assert.equal(actions(cs)[`ConfigMap/${ns.name}/cost-b`], ChangeAction.Configured);
    assert.deepEqual({ gets: counting.gets, writes: counting.writes }, { gets: 0, writes: 1 });
  });
});
