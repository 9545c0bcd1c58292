// GIVEN a kubeconfig stored in a Secret (kubeConfig.secretRef), as a host-cluster controller holds one
// per vcluster: the Kustomization applies through that kubeconfig's identity, not the controller's. For
// the test the "remote" cluster is the same control plane, reached as a ServiceAccount that may only
// manage ConfigMaps, so an object outside its rights proves which identity applied. A Secret that holds
// no kubeconfig fails with a message saying so.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freshNamespace, type GitServer, kubeconfigWithToken, startGitServer, type TestNamespace } from '@conflux/testing';
import { condition, type Harness, isReadyAt, startHarness } from './test-support.ts';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: v\n`;
const secret = (name: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\nstringData:\n  k: v\n`;

describe('Kustomization kubeConfig.secretRef', () => {
  let h: Harness;
  let git: GitServer;
  let ns: TestNamespace;
  let revision: string;

  before(async () => {
    h = await startHarness('ks-remote');
    git = await startGitServer();
    ns = await freshNamespace(h.plane.clients, 'ks-remote');
    const { core, rbac } = h.plane.clients;
    await core.createNamespacedServiceAccount({ namespace: ns.name, body: { metadata: { name: 'remote' } } });
    await rbac.createNamespacedRole({
      namespace: ns.name,
      body: { metadata: { name: 'configmaps' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] }] },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: ns.name,
      body: {
        metadata: { name: 'remote-configmaps' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'configmaps' },
        subjects: [{ kind: 'ServiceAccount', name: 'remote', namespace: ns.name }],
      },
    });
    const token = await core.createNamespacedServiceAccountToken({ namespace: ns.name, name: 'remote', body: { spec: { audiences: ['https://kubernetes.default.svc'], expirationSeconds: 3600 } } });
    const kubeconfig = kubeconfigWithToken(h.plane.clients.kubeconfig, token.status!.token!, 'remote');
    await core.createNamespacedSecret({ namespace: ns.name, body: { metadata: { name: 'remote-kubeconfig' }, stringData: { value: kubeconfig.exportConfig() } } });
    await core.createNamespacedSecret({ namespace: ns.name, body: { metadata: { name: 'not-a-kubeconfig' }, stringData: { value: 'just some text' } } });

    const repo = await git.createRepository('remote');
    const commit = await repo.commit({ 'configmaps/cm.yaml': cm('remote-cm'), 'secrets/secret.yaml': secret('remote-secret') }, 'remote');
    revision = `main@sha1:${commit}`;
    await h.createGitRepository(ns.name, 'repo', repo.url);
    await h.syncSource(ns.name, 'repo', commit);
  });

  after(async () => {
    await ns?.remove();
    await h?.stop();
    await git?.close();
  });

  it('GIVEN a kubeconfig Secret for the remote cluster WHEN the Kustomization applies ConfigMaps THEN they are created there and it turns Ready', async () => {
    await h.createKustomization(ns.name, 'remote', { path: './configmaps', targetNamespace: ns.name, kubeConfig: { secretRef: { name: 'remote-kubeconfig' } } });
    const ks = await h.waitFor(ns.name, 'remote', 'Ready', isReadyAt(revision));
    assert.deepEqual(ks.status?.inventory?.entries.map((e) => e.id), [`${ns.name}_remote-cm__ConfigMap`]);
    const applied = await h.plane.clients.core.readNamespacedConfigMap({ namespace: ns.name, name: 'remote-cm' });
    assert.equal(applied.metadata?.labels?.['kustomize.toolkit.fluxcd.io/name'], 'remote');
  });

  it("GIVEN the same kubeconfig WHEN the Kustomization applies a Secret THEN the remote cluster refuses it as the kubeconfig's user", async () => {
    await h.createKustomization(ns.name, 'remote-secret', { path: './secrets', targetNamespace: ns.name, kubeConfig: { secretRef: { name: 'remote-kubeconfig' } } });
    const ks = await h.waitFor(ns.name, 'remote-secret', 'ReconciliationFailed', (o) => condition(o, 'Ready')?.reason === 'ReconciliationFailed');
    assert.match(condition(ks, 'Ready')!.message, new RegExp(`forbidden.*system:serviceaccount:${ns.name}:remote`, 's'));
    await assert.rejects(h.plane.clients.core.readNamespacedSecret({ namespace: ns.name, name: 'remote-secret' }));
  });

  it('GIVEN a Secret that holds no kubeconfig, or no Secret at all THEN the Kustomization fails saying so and applies nothing', async () => {
    await h.createKustomization(ns.name, 'bad-kubeconfig', { path: './configmaps', targetNamespace: ns.name, kubeConfig: { secretRef: { name: 'not-a-kubeconfig' } } });
    let ks = await h.waitFor(ns.name, 'bad-kubeconfig', 'ReconciliationFailed', (o) => condition(o, 'Ready')?.reason === 'ReconciliationFailed');
    assert.match(condition(ks, 'Ready')!.message, new RegExp(`^failed to build a client for the target cluster: Secret/${ns.name}/not-a-kubeconfig does not hold a usable kubeconfig`));
    assert.equal(ks.status?.inventory, undefined);

    await h.createKustomization(ns.name, 'no-secret', { path: './configmaps', targetNamespace: ns.name, kubeConfig: { secretRef: { name: 'nowhere' } } });
    ks = await h.waitFor(ns.name, 'no-secret', 'ReconciliationFailed', (o) => condition(o, 'Ready')?.reason === 'ReconciliationFailed');
    assert.equal(condition(ks, 'Ready')!.message, "failed to build a client for the target cluster: kubeconfig Secret 'nowhere' not found");
  });
});
