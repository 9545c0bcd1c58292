// The local control plane behaves like a real cluster in the ways Conflux depends on: namespaces finish
// terminating, ownerReference GC runs, server-side apply tracks field managers, and RBAC says no.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { PatchStrategy, type V1ConfigMap, VersionApi } from '@kubernetes/client-node';
import {
  clientsFor,
  controlPlaneForSuite,
  eventually,
  freshNamespace,
  type KubeClients,
  kubeconfigWithToken,
  statusCode,
  type SuiteControlPlane,
} from '@conflux/testing';

let plane: SuiteControlPlane;
let k: KubeClients;

before(async () => {
  plane = await controlPlaneForSuite();
  k = plane.clients;
});

const gone = async (read: () => Promise<unknown>) => {
  try {
    await read();
    return false;
  } catch (err) {
    if (statusCode(err) === 404) return true;
    throw err;
  }
};

describe('the local control plane', () => {
  it('GIVEN the admin kubeconfig WHEN asked for its version THEN the API server reports the pinned Kubernetes release', async () => {
    const info = await k.kubeconfig.makeApiClient(VersionApi).getCode();
    assert.equal(info.major, '1');
    assert.equal(info.minor, '36');
    assert.match(info.gitVersion, /^v1\.36\.\d+$/);
  });

  it('GIVEN a namespace with objects in it WHEN it is deleted THEN its termination finishes and it is gone', async () => {
    const ns = await freshNamespace(k, 'ns-lifecycle');
    await k.core.createNamespacedConfigMap({ namespace: ns.name, body: { metadata: { name: 'inside' }, data: { a: '1' } } });
    await ns.remove();
    // Terminating first: the namespace controller has to empty it, then remove the kubernetes finalizer.
    await eventually(`namespace ${ns.name} to be deleted`, () => gone(() => k.core.readNamespace({ name: ns.name })), { timeoutMs: 60_000 });
  });

  it('GIVEN an object owned by another WHEN the owner is deleted THEN the garbage collector deletes the dependent', async () => {
    const ns = await freshNamespace(k, 'gc');
    try {
      const owner = await k.core.createNamespacedConfigMap({ namespace: ns.name, body: { metadata: { name: 'owner' } } });
      await k.core.createNamespacedSecret({
        namespace: ns.name,
        body: {
          metadata: {
            name: 'dependent',
            ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata!.uid! }],
          },
          stringData: { token: 'x' },
        },
      });
      await k.core.deleteNamespacedConfigMap({ namespace: ns.name, name: 'owner' });
      await eventually('the dependent Secret to be collected', () =>
        gone(() => k.core.readNamespacedSecret({ namespace: ns.name, name: 'dependent' })),
      );
    } finally {
      await ns.remove();
    }
  });

  it('GIVEN two field managers WHEN the second applies a field the first owns THEN a conflict is reported, and force takes it over', async () => {
    const ns = await freshNamespace(k, 'ssa');
    try {
      const cm = (value: string): V1ConfigMap & { apiVersion: string; kind: string } => ({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'applied', namespace: ns.name },
        data: { replicas: value },
      });
      const applied = await k.objects.patch(cm('1'), undefined, undefined, 'kustomize-controller', false, PatchStrategy.ServerSideApply);
      assert.equal(applied.data?.['replicas'], '1');
      assert.ok(applied.metadata?.managedFields?.some((f) => f.manager === 'kustomize-controller' && f.operation === 'Apply'));

      const conflict = await k.objects
        .patch(cm('2'), undefined, undefined, 'someone-else', false, PatchStrategy.ServerSideApply)
        .then(() => undefined, (err: unknown) => err);
      assert.equal(statusCode(conflict), 409, 'a conflicting apply must be refused');
      const status = JSON.parse(String((conflict as { body?: unknown }).body)) as { details: { causes: unknown[] } };
      assert.deepEqual(status.details.causes, [
        { reason: 'FieldManagerConflict', message: 'conflict with "kustomize-controller"', field: '.data.replicas' },
      ]);

      const forced = await k.objects.patch(cm('2'), undefined, undefined, 'someone-else', true, PatchStrategy.ServerSideApply);
      assert.equal(forced.data?.['replicas'], '2');
      const owners = forced.metadata?.managedFields?.filter((f) => JSON.stringify(f.fieldsV1).includes('f:replicas')).map((f) => f.manager);
      assert.deepEqual(owners, ['someone-else']);
    } finally {
      await ns.remove();
    }
  });

  it('GIVEN a service account without rights WHEN it reads secrets THEN RBAC denies it, and a RoleBinding lets it read only what it grants', async () => {
    const ns = await freshNamespace(k, 'rbac');
    try {
      await k.core.createNamespacedServiceAccount({ namespace: ns.name, body: { metadata: { name: 'reader' } } });
      const token = await k.core.createNamespacedServiceAccountToken({
        namespace: ns.name,
        name: 'reader',
        body: { spec: { audiences: ['https://kubernetes.default.svc'], expirationSeconds: 600 } },
      });
      const sa = clientsFor(kubeconfigWithToken(k.kubeconfig, token.status!.token!));

      const denied = await sa.core.listNamespacedSecret({ namespace: ns.name }).then(() => undefined, (e: unknown) => e);
      assert.equal(statusCode(denied), 403);
      assert.match(String((denied as { body?: unknown }).body), new RegExp(`system:serviceaccount:${ns.name}:reader`));

      await k.rbac.createNamespacedRole({
        namespace: ns.name,
        body: { metadata: { name: 'configmap-reader' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['list'] }] },
      });
      await k.rbac.createNamespacedRoleBinding({
        namespace: ns.name,
        body: {
          metadata: { name: 'reader' },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'configmap-reader' },
          subjects: [{ kind: 'ServiceAccount', name: 'reader', namespace: ns.name }],
        },
      });
      await eventually('the RoleBinding to take effect', () => sa.core.listNamespacedConfigMap({ namespace: ns.name }));
      const stillDenied = await sa.core.listNamespacedSecret({ namespace: ns.name }).then(() => undefined, (e: unknown) => e);
      assert.equal(statusCode(stillDenied), 403);
    } finally {
      await ns.remove();
    }
  });
});
