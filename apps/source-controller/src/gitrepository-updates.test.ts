// GIVEN a Ready GitRepository, WHEN the remote is unchanged THEN a reconcile costs no pack request;
// WHEN a commit is pushed and a reconcile is requested THEN a new artifact is stored, announced on NATS
// and as a NewArtifact event, and the old file is garbage-collected.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type BusConnection, connectBus, objectFilter, type ReadinessEvent, subscribeReadiness } from '@conflux/bus';
import { eventually, freshNamespace, type GitRepository, type GitServer, startGitServer, type TestNamespace } from '@conflux/testing';
import { downloadFiles, type Harness, isReady, startHarness } from './test-support.ts';

describe('GitRepository updates', () => {
  let h: Harness;
  let git: GitServer;
  let ns: TestNamespace;
  let repo: GitRepository;
  let bus: BusConnection;
  const events: ReadinessEvent[] = [];

  before(async () => {
    // A 1s TTL lets the test see the old artifact collected without waiting upstream's minute.
    h = await startHarness('updates', ['--artifact-retention-ttl=1s']);
    git = await startGitServer();
    ns = await freshNamespace(h.plane.clients, 'gitrepo-updates');
    repo = await git.createRepository('app');
    await repo.commit({ 'app.yaml': 'v: 1\n' }, 'first');
    bus = connectBus({ servers: h.plane.natsURL });
    subscribeReadiness(bus, (m) => void events.push(m.event), {
      filter: objectFilter({ group: 'source.toolkit.fluxcd.io', kind: 'GitRepository', namespace: ns.name, name: 'app' }),
    });
    await bus.whenConnected();
  });

  after(async () => {
    await bus?.close();
    await ns?.remove();
    await h?.stop();
    await git?.close();
  });

  const uploadPackPOSTs = () => git.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/git-upload-pack')).length;

  it('GIVEN an unchanged remote WHEN a reconcile is requested THEN no pack is fetched and the artifact stays', async () => {
    await h.create(ns.name, 'app', { url: repo.url, ref: { branch: 'main' } });
    const first = await h.waitFor(ns.name, 'app', 'Ready', isReady);
    const posts = uploadPackPOSTs();
    const gets = git.requests.length;
    assert.ok(posts >= 1, 'the first reconcile fetched a pack');
    const token = await h.requestReconcile(ns.name, 'app');
    const again = await h.waitFor(ns.name, 'app', 'request handled', (o) => o.status?.lastHandledReconcileAt === token && isReady(o));
    assert.equal(uploadPackPOSTs(), posts, 'no upload-pack POST for an unchanged remote');
    assert.ok(git.requests.length > gets, 'the remote head was checked');
    assert.deepEqual(again.status?.artifact, first.status?.artifact);
  });

  it('GIVEN a pushed commit WHEN a reconcile is requested THEN a new artifact, a NATS event and a NewArtifact event follow, and the old file is collected', async () => {
    const old = (await h.get(ns.name, 'app')).status!.artifact!;
    const sha = await repo.commit({ 'app.yaml': 'v: 2\n', 'more.yaml': 'x: 1\n' }, 'second commit\n\nbody');
    await h.requestReconcile(ns.name, 'app');
    const o = await h.waitFor(ns.name, 'app', 'new revision', (x) => x.status?.artifact?.revision === `main@sha1:${sha}` && isReady(x));
    const artifact = o.status!.artifact!;
    assert.notEqual(artifact.digest, old.digest);
    assert.deepEqual(await downloadFiles(artifact), ['app.yaml', 'more.yaml']);

    const announced = await eventually('a readiness event for the new artifact', () => events.find((e) => e.artifact?.revision === artifact.revision));
    assert.equal(announced.ready.status, 'True');
    assert.equal(announced.artifact?.digest, artifact.digest);

    const kubeEvent = await eventually('a NewArtifact event', async () => {
      const list = await h.plane.clients.core.listNamespacedEvent({ namespace: ns.name });
      return list.items.find((e) => e.reason === 'NewArtifact' && e.message === "stored artifact for commit 'second commit'");
    });
    assert.equal(kubeEvent.involvedObject.name, 'app');

    // Collection runs at the start of the next reconcile, once the old file is older than the TTL.
    await new Promise((r) => setTimeout(r, 1200));
    await h.requestReconcile(ns.name, 'app');
    await eventually('the old artifact to be collected', () => !existsSync(join(h.storageDir, old.path)), { timeoutMs: 30_000 });
    assert.ok(existsSync(join(h.storageDir, artifact.path)));
    assert.equal((await fetch(old.url)).status, 404);
  });
});
