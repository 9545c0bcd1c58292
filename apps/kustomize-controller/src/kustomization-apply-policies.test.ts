// GIVEN the real control plane, Git server and source-controller: the per-object annotations behave as
// upstream documents them at controller level (prune: disabled outlives its file, ssa: IfNotPresent keeps
// a live edit, ssa: Ignore is never applied, while a plain object's live edit is reverted), and an
// immutable-field change fails without spec.force, keeping the previous state, and is recreated with it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kustomization } from '@conflux/api';
import { freshNamespace, type GitRepository, type GitServer, startGitServer, statusCode, type TestNamespace } from '@conflux/testing';
import { condition, type Harness, isReadyAt, startHarness } from './test-support.ts';

const cm = (name: string, value: string, annotations: Record<string, string> = {}, extra = '') => {
  const notes = Object.entries(annotations).map(([k, v]) => `\n    ${k}: ${v}`).join('');
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}${notes ? `\n  annotations:${notes}` : ''}\ndata:\n  value: "${value}"\n${extra}`;
};
const ssa = 'kustomize.toolkit.fluxcd.io/ssa';
const prune = 'kustomize.toolkit.fluxcd.io/prune';

describe('Kustomization apply policies', () => {
  let h: Harness;
  let git: GitServer;
  let ns: TestNamespace;

  before(async () => {
    h = await startHarness('ks-policy');
    git = await startGitServer();
    ns = await freshNamespace(h.plane.clients, 'ks-policy');
  });

  after(async () => {
    await ns?.remove();
    await h?.stop();
    await git?.close();
  });

  const read = (name: string) => h.plane.clients.core.readNamespacedConfigMap({ namespace: ns.name, name });
  const exists = (name: string) => read(name).then(() => true, (err: unknown) => (statusCode(err) === 404 ? false : Promise.reject(err)));
  /** A live edit by another field manager, as `kubectl edit` would make it. */
  const editLive = (name: string, value: string) =>
    h.patch(`/api/v1/namespaces/${ns.name}/configmaps/${name}?fieldManager=kubectl-edit`, { data: { value } });

  async function syncAndWait(repo: GitRepository, source: string, name: string, files: Record<string, string | null>, message: string): Promise<{ revision: string; ks: Kustomization }> {
    const commit = await repo.commit(files, message);
    await h.syncSource(ns.name, source, commit);
    const revision = `main@sha1:${commit}`;
    return { revision, ks: await h.waitFor(ns.name, name, `Ready at ${message}`, isReadyAt(revision)) };
  }

  it('GIVEN prune: disabled, ssa: IfNotPresent, ssa: Ignore and a plain object WHEN edited live and a commit deletes the prune-disabled file THEN each behaves as documented', async () => {
    const repo = await git.createRepository('annotations');
    await h.createGitRepository(ns.name, 'annotations', repo.url);
    const files = {
      'app/kustomization.yaml': 'resources: [keep.yaml, once.yaml, ignored.yaml, plain.yaml]\n',
      'app/keep.yaml': cm('keep', 'git', { [prune]: 'disabled' }),
      'app/once.yaml': cm('once', 'git', { [ssa]: 'IfNotPresent' }),
      'app/ignored.yaml': cm('ignored', 'git', { [ssa]: 'Ignore' }),
      'app/plain.yaml': cm('plain', 'git'),
    };
    const commit = await repo.commit(files, 'annotated');
    await h.syncSource(ns.name, 'annotations', commit);
    await h.createKustomization(ns.name, 'annotated', { path: './app', targetNamespace: ns.name, sourceRef: { kind: 'GitRepository', name: 'annotations' } });
    await h.waitFor(ns.name, 'annotated', 'Ready', isReadyAt(`main@sha1:${commit}`));
    assert.equal((await read('keep')).data?.['value'], 'git');
    assert.equal((await read('once')).data?.['value'], 'git');
    assert.equal(await exists('ignored'), false, 'ssa: Ignore must not be created');

    await editLive('once', 'live');
    await editLive('plain', 'live');
    await h.plane.clients.core.createNamespacedConfigMap({ namespace: ns.name, body: { metadata: { name: 'ignored' }, data: { value: 'live' } } });
    const { ks } = await syncAndWait(repo, 'annotations', 'annotated', {
      'app/kustomization.yaml': 'resources: [once.yaml, ignored.yaml, plain.yaml]\n',
      'app/keep.yaml': null,
      'app/once.yaml': cm('once', 'git-v2', { [ssa]: 'IfNotPresent' }),
      'app/ignored.yaml': cm('ignored', 'git-v2', { [ssa]: 'Ignore' }),
      'app/plain.yaml': cm('plain', 'git-v2'),
    }, 'keep.yaml deleted');

    assert.equal((await read('keep')).data?.['value'], 'git', 'prune: disabled keeps the object after its file is gone');
    assert.equal(ks.status?.inventory?.entries.some((e) => e.id === `${ns.name}_keep__ConfigMap`), false);
    assert.equal((await read('once')).data?.['value'], 'live', 'ssa: IfNotPresent never overwrites an existing object');
    assert.equal((await read('ignored')).data?.['value'], 'live', 'ssa: Ignore leaves the object alone');
    assert.equal((await read('plain')).data?.['value'], 'git-v2', 'a plain object follows Git');
  });

  it('GIVEN an immutable ConfigMap WHEN its data changes without force THEN the apply fails naming it and nothing is pruned; WHEN force is set THEN it is recreated', async () => {
    const repo = await git.createRepository('immutable');
    await h.createGitRepository(ns.name, 'immutable', repo.url);
    const frozen = (value: string) => cm('frozen', value, {}, 'immutable: true\n');
    const { revision: good, ks: ready } = await (async () => {
      const commit = await repo.commit({ 'app/kustomization.yaml': 'resources: [frozen.yaml, other.yaml]\n', 'app/frozen.yaml': frozen('v1'), 'app/other.yaml': cm('other', 'o') }, 'v1');
      await h.syncSource(ns.name, 'immutable', commit);
      await h.createKustomization(ns.name, 'frozen', { path: './app', targetNamespace: ns.name, sourceRef: { kind: 'GitRepository', name: 'immutable' } });
      const revision = `main@sha1:${commit}`;
      return { revision, ks: await h.waitFor(ns.name, 'frozen', 'Ready at v1', isReadyAt(revision)) };
    })();
    const before = await read('frozen');

    // The change also drops other.yaml, which would be pruned if anything were applied.
    const commit = await repo.commit({ 'app/kustomization.yaml': 'resources: [frozen.yaml]\n', 'app/frozen.yaml': frozen('v2'), 'app/other.yaml': null }, 'v2');
    await h.syncSource(ns.name, 'immutable', commit);
    const failed = await h.waitFor(ns.name, 'frozen', 'ReconciliationFailed', (o) => o.status?.lastAttemptedRevision === `main@sha1:${commit}` && condition(o, 'Ready')?.reason === 'ReconciliationFailed');
    const message = condition(failed, 'Ready')!.message;
    assert.match(message, new RegExp(`ConfigMap/${ns.name}/frozen dry-run failed`));
    assert.match(message, /immutable/);
    assert.equal(failed.status?.lastAppliedRevision, good);
    assert.deepEqual(failed.status?.inventory, ready.status?.inventory);
    assert.equal((await read('frozen')).data?.['value'], 'v1');
    assert.equal(await exists('other'), true, 'nothing is pruned after a failed apply');

    await h.patch(`/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/${ns.name}/kustomizations/frozen`, { spec: { force: true } });
    await h.waitFor(ns.name, 'frozen', 'Ready with force', isReadyAt(`main@sha1:${commit}`));
    const after = await read('frozen');
    assert.equal(after.data?.['value'], 'v2');
    assert.notEqual(after.metadata?.uid, before.metadata?.uid, 'force recreates the object');
    assert.equal(await exists('other'), false, 'the stale object is pruned once the apply succeeds');
  });
});
