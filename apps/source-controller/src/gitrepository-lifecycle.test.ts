// GIVEN the real control plane: an SSH URL stalls with a clear message instead of crashing, and deleting
// a GitRepository removes its artifacts and then its finalizer.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventually, freshNamespace, type GitServer, startGitServer, statusCode, type TestNamespace } from '@conflux/testing';
import { condition, group, type Harness, isReady, plural, startHarness, version } from './test-support.ts';

describe('GitRepository lifecycle', () => {
  let h: Harness;
  let git: GitServer;
  let ns: TestNamespace;

  before(async () => {
    h = await startHarness('lifecycle');
    git = await startGitServer();
    ns = await freshNamespace(h.plane.clients, 'gitrepo-lifecycle');
    const app = await git.createRepository('app');
    await app.commit({ 'app.yaml': 'a: 1\n' }, 'first');
  });

  after(async () => {
    await ns?.remove();
    await h?.stop();
    await git?.close();
  });

  it('GIVEN an ssh:// URL WHEN reconciled THEN the object is Stalled with "SSH is not supported yet"', async () => {
    await h.create(ns.name, 'ssh', { url: 'ssh://git@example.invalid:22/org/repo.git' });
    const o = await h.waitFor(ns.name, 'ssh', 'Stalled', (x) => condition(x, 'Stalled')?.status === 'True');
    assert.match(condition(o, 'Stalled')!.message, /SSH is not supported yet/);
    assert.equal(condition(o, 'Ready')?.status, 'False');
    assert.equal(condition(o, 'FetchFailed')?.status, 'True');
    assert.equal(o.status?.observedGeneration, o.metadata.generation);
  });

  it('GIVEN a Ready GitRepository WHEN it is deleted THEN its artifact directory and its finalizer are gone', async () => {
    await h.create(ns.name, 'doomed', { url: `${git.url}/app.git`, ref: { branch: 'main' } });
    const o = await h.waitFor(ns.name, 'doomed', 'Ready', isReady);
    assert.deepEqual(o.metadata.finalizers, ['finalizers.fluxcd.io']);
    const dir = join(h.storageDir, 'gitrepository', ns.name, 'doomed');
    assert.ok(existsSync(join(h.storageDir, o.status!.artifact!.path)));
    await h.plane.clients.custom.deleteNamespacedCustomObject({ group, version, plural, namespace: ns.name, name: 'doomed' });
    await eventually('the object to be gone', async () => {
      try {
        await h.get(ns.name, 'doomed');
        return false;
      } catch (err) {
        return statusCode(err) === 404;
      }
    });
    assert.equal(existsSync(dir), false);
  });
});
