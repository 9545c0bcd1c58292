// GIVEN the real control plane, Git server, source-controller and NATS: podinfo's kustomize directory is
// applied and becomes Ready, a commit changing the replica count is applied, and a commit deleting a
// file prunes exactly that object.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventually, freshNamespace, type GitRepository, type GitServer, startGitServer, statusCode, type TestNamespace } from '@conflux/testing';
import { condition, type Harness, isReadyAt, keepDeploymentsReady, startHarness } from './test-support.ts';

const podinfoDir = '/work/shared/testdata/podinfo/kustomize';
const podinfo = Object.fromEntries(['kustomization.yaml', 'deployment.yaml', 'hpa.yaml', 'service.yaml'].map((f) => [`podinfo/${f}`, readFileSync(join(podinfoDir, f), 'utf8')]));

describe('Kustomization apply, update and prune', () => {
  let h: Harness;
  let git: GitServer;
  let repo: GitRepository;
  let ns: TestNamespace;
  let kubelet: { stop(): void };

  before(async () => {
    h = await startHarness('ks-apply');
    git = await startGitServer();
    ns = await freshNamespace(h.plane.clients, 'ks-apply');
    kubelet = keepDeploymentsReady(h.plane, ns.name);
    repo = await git.createRepository('podinfo');
  });

  after(async () => {
    kubelet?.stop();
    await ns?.remove();
    await h?.stop();
    await git?.close();
  });

  it('GIVEN podinfo in Git WHEN a Kustomization with wait points at it THEN it applies, turns Ready and records the inventory', async () => {
    const commit = await repo.commit(podinfo, 'podinfo');
    await h.createGitRepository(ns.name, 'repo', repo.url);
    await h.syncSource(ns.name, 'repo', commit);
    await h.createKustomization(ns.name, 'podinfo', { path: './podinfo', targetNamespace: ns.name, wait: true, timeout: '1m' });
    const ks = await h.waitFor(ns.name, 'podinfo', 'Ready', isReadyAt(`main@sha1:${commit}`));
    assert.equal(condition(ks, 'Ready')?.reason, 'ReconciliationSucceeded');
    assert.equal(condition(ks, 'Ready')?.message, `Applied revision: main@sha1:${commit}`);
    assert.equal(condition(ks, 'Healthy')?.status, 'True');
    assert.equal(ks.status?.lastAttemptedRevision, `main@sha1:${commit}`);
    assert.deepEqual(ks.status?.inventory?.entries.map((e) => e.id).sort(), [
      `${ns.name}_podinfo__Service`,
      `${ns.name}_podinfo_apps_Deployment`,
      `${ns.name}_podinfo_autoscaling_HorizontalPodAutoscaler`,
    ]);
    assert.equal(ks.status?.history?.[0]?.lastReconciledStatus, 'ReconciliationSucceeded');
    const deployment = await h.plane.clients.apps.readNamespacedDeployment({ namespace: ns.name, name: 'podinfo' });
    assert.equal(deployment.metadata?.labels?.['kustomize.toolkit.fluxcd.io/name'], 'podinfo');
    assert.equal(deployment.metadata?.labels?.['kustomize.toolkit.fluxcd.io/namespace'], ns.name);
  });

  it('GIVEN a Ready podinfo WHEN a commit sets replicas: 3 THEN the Deployment is updated and the new revision applied', async () => {
    const withReplicas = podinfo['podinfo/deployment.yaml']!.replace('spec:\n  minReadySeconds: 3', 'spec:\n  replicas: 3\n  minReadySeconds: 3');
    assert.notEqual(withReplicas, podinfo['podinfo/deployment.yaml']);
    const commit = await repo.commit({ 'podinfo/deployment.yaml': withReplicas }, 'three replicas');
    await h.syncSource(ns.name, 'repo', commit);
    await h.waitFor(ns.name, 'podinfo', 'the new revision applied', isReadyAt(`main@sha1:${commit}`));
    const deployment = await h.plane.clients.apps.readNamespacedDeployment({ namespace: ns.name, name: 'podinfo' });
    assert.equal(deployment.spec?.replicas, 3);
  });

  it('GIVEN a Ready podinfo WHEN a commit deletes hpa.yaml THEN exactly the HorizontalPodAutoscaler is pruned', async () => {
    const kustomization = podinfo['podinfo/kustomization.yaml']!.replace('  - hpa.yaml\n', '');
    const commit = await repo.commit({ 'podinfo/hpa.yaml': null, 'podinfo/kustomization.yaml': kustomization }, 'no hpa');
    await h.syncSource(ns.name, 'repo', commit);
    const ks = await h.waitFor(ns.name, 'podinfo', 'the revision without the HPA', isReadyAt(`main@sha1:${commit}`));
    await eventually('the HPA to be gone', async () => {
      try {
        const res = await h.plane.clients.custom.getNamespacedCustomObject({ group: 'autoscaling', version: 'v2', plural: 'horizontalpodautoscalers', namespace: ns.name, name: 'podinfo' });
        return res ? false : true;
      } catch (err) {
        return statusCode(err) === 404;
      }
    });
    await h.plane.clients.apps.readNamespacedDeployment({ namespace: ns.name, name: 'podinfo' });
    await h.plane.clients.core.readNamespacedService({ namespace: ns.name, name: 'podinfo' });
    assert.deepEqual(ks.status?.inventory?.entries.map((e) => e.id).sort(), [`${ns.name}_podinfo__Service`, `${ns.name}_podinfo_apps_Deployment`]);
  });

  it('GIVEN a base and an overlay that prefixes names, patches replicas and generates a ConfigMap WHEN the overlay is applied THEN it turns Ready with the overlay applied', async () => {
    const tree = await git.createRepository('tree');
    const commit = await tree.commit({
      'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - service.yaml\ncommonLabels:\n  app: web\n',
      'base/deployment.yaml': podinfo['podinfo/deployment.yaml']!.replaceAll('podinfo', 'web'),
      'base/service.yaml': podinfo['podinfo/service.yaml']!.replaceAll('podinfo', 'web'),
      'overlays/prod/kustomization.yaml': [
        'namePrefix: prod-',
        'resources:',
        '  - ../../base',
        'configMapGenerator:',
        '  - name: settings',
        '    literals: [LEVEL=prod]',
        'patches:',
        '  - target: {kind: Deployment, name: web}',
        '    patch: |-',
        '      - op: add',
        '        path: /spec/replicas',
        '        value: 4',
        '',
      ].join('\n'),
    }, 'base and overlay');
    await h.createGitRepository(ns.name, 'tree', tree.url);
    await h.syncSource(ns.name, 'tree', commit);
    await h.createKustomization(ns.name, 'prod', { path: './overlays/prod', targetNamespace: ns.name, wait: true, timeout: '1m', sourceRef: { kind: 'GitRepository', name: 'tree' } });
    const ks = await h.waitFor(ns.name, 'prod', 'Ready', isReadyAt(`main@sha1:${commit}`));
    const ids = ks.status?.inventory?.entries.map((e) => e.id) ?? [];
    assert.deepEqual(ids.filter((id) => !id.includes('ConfigMap')).sort(), [`${ns.name}_prod-web__Service`, `${ns.name}_prod-web_apps_Deployment`]);
    // The generated ConfigMap carries kustomize's content hash in its name.
    assert.ok(ids.some((id) => new RegExp(`^${ns.name}_prod-settings-[a-z0-9]+__ConfigMap$`).test(id)), ids.join(', '));
    const deployment = await h.plane.clients.apps.readNamespacedDeployment({ namespace: ns.name, name: 'prod-web' });
    assert.equal(deployment.spec?.replicas, 4);
    assert.equal(deployment.metadata?.labels?.['app'], 'web');
  });

  it('GIVEN prune: true and the default deletionPolicy WHEN the Kustomization is deleted THEN its objects go, then its finalizer', async () => {
    await h.plane.clients.custom.deleteNamespacedCustomObject({ group: 'kustomize.toolkit.fluxcd.io', version: 'v1', plural: 'kustomizations', namespace: ns.name, name: 'podinfo' });
    await eventually('the Kustomization to be gone', async () => {
      try {
        await h.getKustomization(ns.name, 'podinfo');
        return false;
      } catch (err) {
        return statusCode(err) === 404;
      }
    });
    await eventually('the Service to be gone', async () => {
      try {
        await h.plane.clients.core.readNamespacedService({ namespace: ns.name, name: 'podinfo' });
        return false;
      } catch (err) {
        return statusCode(err) === 404;
      }
    });
  });
});
