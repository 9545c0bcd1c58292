// GIVEN a Kustomization applied at a good revision: every kind of bad input makes it not Ready with a
// clear reason, while the applied objects, the inventory and lastAppliedRevision stay as they were and
// nothing is pruned, even though each bad commit also drops an object from the manifests.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kustomization } from '@conflux/api';
import { freshNamespace, type GitRepository, type GitServer, startGitServer, type TestNamespace } from '@conflux/testing';
import { condition, type Harness, isReadyAt, startHarness } from './test-support.ts';

const cm = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  greeting: "${value}"\n`;
const good = {
  'app/kustomization.yaml': 'resources:\n  - cm-a.yaml\n  - cm-b.yaml\n',
  'app/cm-a.yaml': cm('cm-a', '${GREETING}'),
  'app/cm-b.yaml': cm('cm-b', 'b'),
  'frozen/cm-c.yaml': cm('cm-c', 'c'),
};
// Every bad commit also drops cm-b, which would be pruned if anything were applied.
const withoutB = 'resources:\n  - cm-a.yaml\n';

describe('Kustomization bad inputs keep the previous state', () => {
  let h: Harness;
  let git: GitServer;
  let repo: GitRepository;
  let ns: TestNamespace;
  let goodRevision: string;
  let goodInventory: unknown;

  before(async () => {
    h = await startHarness('ks-bad');
    git = await startGitServer();
    ns = await freshNamespace(h.plane.clients, 'ks-bad');
    repo = await git.createRepository('app');
    const commit = await repo.commit(good, 'good');
    goodRevision = `main@sha1:${commit}`;
    await h.createGitRepository(ns.name, 'repo', repo.url);
    await h.syncSource(ns.name, 'repo', commit);
    await h.createKustomization(ns.name, 'app', { path: './app', targetNamespace: ns.name, postBuild: { substitute: { GREETING: 'hello' } } });
    const ks = await h.waitFor(ns.name, 'app', 'Ready at the good revision', isReadyAt(goodRevision));
    goodInventory = ks.status?.inventory;
    const a = await h.plane.clients.core.readNamespacedConfigMap({ namespace: ns.name, name: 'cm-a' });
    assert.equal(a.data?.['greeting'], 'hello');
  });

  after(async () => {
    await ns?.remove();
    await h?.stop();
    await git?.close();
  });

  async function assertUntouched(ks: Kustomization): Promise<void> {
    assert.equal(ks.status?.lastAppliedRevision, goodRevision);
    assert.deepEqual(ks.status?.inventory, goodInventory);
    const b = await h.plane.clients.core.readNamespacedConfigMap({ namespace: ns.name, name: 'cm-b' });
    assert.equal(b.data?.['greeting'], 'b');
    const a = await h.plane.clients.core.readNamespacedConfigMap({ namespace: ns.name, name: 'cm-a' });
    assert.equal(a.data?.['greeting'], 'hello');
  }

  async function badCommit(files: Record<string, string | null>, message: string, reason: string, text: RegExp): Promise<void> {
    const commit = await repo.commit({ ...good, 'app/kustomization.yaml': withoutB, ...files }, message);
    await h.syncSource(ns.name, 'repo', commit);
    const ks = await h.waitFor(ns.name, 'app', `${reason} at ${commit}`, (o) => o.status?.lastAttemptedRevision === `main@sha1:${commit}` && condition(o, 'Ready')?.reason === reason);
    assert.equal(condition(ks, 'Ready')?.status, 'False');
    assert.match(condition(ks, 'Ready')!.message, text);
    await assertUntouched(ks);
  }

  it('GIVEN invalid YAML in a manifest THEN BuildFailed and nothing changes', async () => {
    await badCommit({ 'app/cm-a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: [oops\n' }, 'invalid yaml', 'BuildFailed', /cm-a\.yaml/);
  });

  it('GIVEN a kustomization.yaml naming a missing resource THEN BuildFailed and nothing changes', async () => {
    await badCommit({ 'app/kustomization.yaml': 'resources:\n  - cm-a.yaml\n  - nowhere.yaml\n' }, 'missing resource', 'BuildFailed', /nowhere\.yaml/);
  });

  it('GIVEN a variable that is not set, in strict mode THEN BuildFailed naming it and nothing changes', async () => {
    await badCommit({ 'app/cm-a.yaml': cm('cm-a', '${NOT_DEFINED}') }, 'unset variable', 'BuildFailed', /variable not set \(strict mode\): "NOT_DEFINED"/);
  });

  it('GIVEN an object of a kind no CRD defines THEN ReconciliationFailed naming the kind and nothing is pruned', async () => {
    await badCommit(
      { 'app/kustomization.yaml': 'resources:\n  - cm-a.yaml\n  - gizmo.yaml\n', 'app/gizmo.yaml': 'apiVersion: nope.conflux.dev/v1\nkind: Gizmo\nmetadata:\n  name: g\n' },
      'unknown kind',
      'ReconciliationFailed',
      /Gizmo/,
    );
  });

  it('GIVEN the bad commits WHEN a good commit follows THEN it applies and prunes cm-b', async () => {
    const commit = await repo.commit({ ...good, 'app/kustomization.yaml': withoutB, 'app/gizmo.yaml': null }, 'fixed');
    await h.syncSource(ns.name, 'repo', commit);
    const ks = await h.waitFor(ns.name, 'app', 'Ready at the fix', isReadyAt(`main@sha1:${commit}`));
    assert.deepEqual(ks.status?.inventory?.entries.map((e) => e.id), [`${ns.name}_cm-a__ConfigMap`]);
    await assert.rejects(h.plane.clients.core.readNamespacedConfigMap({ namespace: ns.name, name: 'cm-b' }));
  });

  it('GIVEN a source whose artifact is gone (404) or has a wrong digest THEN ArtifactFailed and the applied objects stay', async () => {
    // A GitRepository no source-controller watches, whose status this test writes, pointing at real artifacts.
    const real = await h.getGitRepository(ns.name, 'repo');
    const artifact = real.status!.artifact!;
    await h.createGitRepository(ns.name, 'frozen', repo.url, {});
    const path = `/apis/source.toolkit.fluxcd.io/v1/namespaces/${ns.name}/gitrepositories/frozen`;
    await h.patch(path, { status: { artifact } }, 'status');
    await h.createKustomization(ns.name, 'frozen', { path: './frozen', targetNamespace: ns.name, sourceRef: { kind: 'GitRepository', name: 'frozen' } });
    const ready = await h.waitFor(ns.name, 'frozen', 'Ready', isReadyAt(artifact.revision));

    await h.patch(path, { status: { artifact: { ...artifact, revision: 'main@sha1:0000000000000000000000000000000000000404', url: `${artifact.url}.gone` } } }, 'status');
    await h.patch(`/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/${ns.name}/kustomizations/frozen`, { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'gone' } } });
    let ks = await h.waitFor(ns.name, 'frozen', 'ArtifactFailed (404)', (o) => condition(o, 'Ready')?.reason === 'ArtifactFailed');
    assert.match(condition(ks, 'Ready')!.message, /404/);
    assert.equal(ks.status?.lastAppliedRevision, artifact.revision);
    assert.deepEqual(ks.status?.inventory, ready.status?.inventory);

    const wrong = `sha256:${'0'.repeat(64)}`;
    await h.patch(path, { status: { artifact: { ...artifact, revision: 'main@sha1:00000000000000000000000000000000000000dd', digest: wrong } } }, 'status');
    await h.patch(`/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/${ns.name}/kustomizations/frozen`, { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'digest' } } });
    ks = await h.waitFor(ns.name, 'frozen', 'ArtifactFailed (digest)', (o) => condition(o, 'Ready')?.reason === 'ArtifactFailed' && /digest/i.test(condition(o, 'Ready')!.message));
    assert.equal(ks.status?.lastAppliedRevision, artifact.revision);
    const c = await h.plane.clients.core.readNamespacedConfigMap({ namespace: ns.name, name: 'cm-c' });
    assert.equal(c.data?.['greeting'], 'c');
  });
});
