// spec.verify end to end: commits and tags signed with real gpg and ssh keys by `git commit -S`, pushed
// to the real Git server. GIVEN a trusted signature THEN SourceVerified=True and Ready; GIVEN an unsigned
// or untrusted one THEN SourceVerified=False, Ready=False with its reason, and the old artifact stays.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { GitRepository as GitRepositoryObject } from '@conflux/api';
import { eventually, freshNamespace, type GitServer, startGitServer, type TestNamespace } from '@conflux/testing';
import { pgpSigner, type Signer, type SigningWorkTree, signingWorkTree, sshSigner } from './signing-support.ts';
import { condition, downloadFiles, type Harness, isReady, startHarness } from './test-support.ts';

describe('GitRepository spec.verify', () => {
  let h: Harness;
  let git: GitServer;
  let ns: TestNamespace;
  let pgp: Signer;
  let ssh: Signer;
  let stranger: Signer;
  const trees: SigningWorkTree[] = [];

  before(async () => {
    h = await startHarness('verify');
    git = await startGitServer();
    ns = await freshNamespace(h.plane.clients, 'gitrepo-verify');
    pgp = await pgpSigner('release@conflux.invalid');
    ssh = await sshSigner();
    stranger = await sshSigner();
    await h.plane.clients.core.createNamespacedSecret({
      namespace: ns.name,
      body: { metadata: { name: 'keys' }, stringData: { 'release.asc': pgp.publicKey, 'dev.sshpub': ssh.publicKey } },
    });
    await h.plane.clients.core.createNamespacedSecret({ namespace: ns.name, body: { metadata: { name: 'pgp-only' }, stringData: { 'release.asc': pgp.publicKey } } });
  });

  after(async () => {
    for (const t of trees) await t.close();
    for (const s of [pgp, ssh, stranger]) await s?.close();
    await ns?.remove();
    await h?.stop();
    await git?.close();
  });

  async function repository(name: string): Promise<{ url: string; tree: SigningWorkTree }> {
    const repo = await git.createRepository(name);
    const tree = await signingWorkTree(repo);
    trees.push(tree);
    return { url: repo.url, tree };
  }

  const verified = (o: GitRepositoryObject) => isReady(o) && condition(o, 'SourceVerified')?.status === 'True';
  const refused = (reason: string) => (o: GitRepositoryObject) => condition(o, 'SourceVerified')?.status === 'False' && condition(o, 'SourceVerified')?.reason === reason && condition(o, 'Ready')?.status === 'False';

  function assertReadyCopies(o: GitRepositoryObject): void {
    const sv = condition(o, 'SourceVerified')!;
    assert.equal(condition(o, 'Ready')?.reason, sv.reason);
    assert.equal(condition(o, 'Ready')?.message, sv.message);
  }

  async function eventsFor(name: string, reason: string) {
    const list = await h.plane.clients.core.listNamespacedEvent({ namespace: ns.name });
    return list.items.filter((e) => e.involvedObject.name === name && e.reason === reason);
  }

  it('GIVEN a PGP-signed HEAD WHEN verified THEN Ready with SourceVerified naming the key; WHEN an unsigned commit follows THEN InvalidCommitSignature and the old artifact stays served', async () => {
    const { url, tree } = await repository('pgp');
    const signed = await tree.commit({ 'app.yaml': 'v: 1\n' }, 'signed', pgp);
    await h.create(ns.name, 'pgp', { url, ref: { branch: 'main' }, verify: { mode: 'HEAD', secretRef: { name: 'keys' } } });
    const good = await h.waitFor(ns.name, 'pgp', 'verified', verified);
    const sv = condition(good, 'SourceVerified')!;
    assert.equal(sv.reason, 'Succeeded');
    assert.equal(sv.message, `verified signature of\n\t- commit '${signed}' with key '${pgp.id}'`);
    assert.equal(good.status?.sourceVerificationMode, 'HEAD');
    assert.equal(good.status?.artifact?.revision, `main@sha1:${signed}`);
    assert.equal(condition(good, 'Ready')?.message, `stored artifact for revision 'main@sha1:${signed}'`);
    await eventually('the verification Trace event', async () => ((await eventsFor('pgp', 'Succeeded')).some((e) => e.message === sv.message) ? true : undefined));

    const unsigned = await tree.commit({ 'app.yaml': 'v: 2\n' }, 'not signed');
    await h.requestReconcile(ns.name, 'pgp');
    const bad = await h.waitFor(ns.name, 'pgp', 'InvalidCommitSignature', refused('InvalidCommitSignature'));
    assert.match(condition(bad, 'SourceVerified')!.message, new RegExp(`^signature verification of commit '${unsigned}' failed: no signature found`));
    assertReadyCopies(bad);
    assert.deepEqual(bad.status?.artifact, good.status?.artifact, 'no artifact for the unverified commit');
    assert.equal(bad.status?.sourceVerificationMode, 'HEAD', 'the mode still describes the stored artifact');
    assert.deepEqual(await downloadFiles(bad.status!.artifact!), ['app.yaml']);
    await eventually('a Warning event', async () => ((await eventsFor('pgp', 'InvalidCommitSignature')).some((e) => e.type === 'Warning') ? true : undefined));
  });

  it('GIVEN an SSH-signed HEAD by an untrusted key THEN InvalidCommitSignature naming its fingerprint; WHEN a trusted SSH key signs the next commit THEN Ready again with a new artifact', async () => {
    const { url, tree } = await repository('ssh');
    await tree.commit({ 'app.yaml': 'v: 1\n' }, 'by a stranger', stranger);
    await h.create(ns.name, 'ssh', { url, ref: { branch: 'main' }, verify: { mode: 'HEAD', secretRef: { name: 'keys' } } });
    const bad = await h.waitFor(ns.name, 'ssh', 'InvalidCommitSignature', refused('InvalidCommitSignature'));
    assert.ok(condition(bad, 'SourceVerified')!.message.includes(stranger.id), condition(bad, 'SourceVerified')!.message);
    assert.equal(bad.status?.artifact, undefined);
    assertReadyCopies(bad);

    const trusted = await tree.commit({ 'app.yaml': 'v: 2\n' }, 'by a trusted developer', ssh);
    await h.requestReconcile(ns.name, 'ssh');
    const good = await h.waitFor(ns.name, 'ssh', 'verified', verified);
    assert.equal(condition(good, 'SourceVerified')!.message, `verified signature of\n\t- commit '${trusted}' with key '${ssh.id}'`);
    assert.equal(good.status?.artifact?.revision, `main@sha1:${trusted}`);
  });

  it("GIVEN the lowercase 'head' mode THEN it verifies as HEAD and records HEAD", async () => {
    const { url, tree } = await repository('lower');
    await tree.commit({ 'a.yaml': 'a: 1\n' }, 'signed', ssh);
    await h.create(ns.name, 'lower', { url, verify: { mode: 'head', secretRef: { name: 'keys' } }, ref: { branch: 'main' } });
    const o = await h.waitFor(ns.name, 'lower', 'verified', verified);
    assert.equal(o.status?.sourceVerificationMode, 'HEAD');
  });

  it('GIVEN a verification Secret that does not exist THEN VerificationError', async () => {
    const { url, tree } = await repository('nosecret');
    await tree.commit({ 'a.yaml': 'a: 1\n' }, 'signed', ssh);
    await h.create(ns.name, 'nosecret', { url, ref: { branch: 'main' }, verify: { mode: 'HEAD', secretRef: { name: 'missing' } } });
    const o = await h.waitFor(ns.name, 'nosecret', 'VerificationError', refused('VerificationError'));
    assert.match(condition(o, 'SourceVerified')!.message, /secret error: .*missing/);
    assertReadyCopies(o);
  });

  describe('mode Tag', () => {
    let url: string;
    let tree: SigningWorkTree;
    let commit: string;

    before(async () => {
      ({ url, tree } = await repository('tagged'));
      // The commit itself is unsigned: mode Tag must only look at the tag.
      commit = await tree.commit({ 'app.yaml': 'v: 1\n' }, 'release 1.0.0');
      await tree.tag('v1.0.0', 'signed release', pgp);
      await tree.tag('v0.9.0', 'unsigned release');
    });

    it('GIVEN a PGP-signed annotated tag WHEN mode is Tag THEN Ready with the tag verified', async () => {
      await h.create(ns.name, 'tag', { url, ref: { tag: 'v1.0.0' }, verify: { mode: 'Tag', secretRef: { name: 'pgp-only' } } });
      const o = await h.waitFor(ns.name, 'tag', 'verified', verified);
      assert.match(condition(o, 'SourceVerified')!.message, new RegExp(`^verified signature of\\n\\t- tag 'v1\\.0\\.0@sha1:[0-9a-f]{40}' with key '${pgp.id}'$`));
      assert.equal(o.status?.sourceVerificationMode, 'Tag');
      assert.equal(o.status?.artifact?.revision, `v1.0.0@sha1:${commit}`);
    });

    it('GIVEN a signed tag on an unsigned commit WHEN mode is TagAndHEAD THEN the tag passes and the commit fails', async () => {
      await h.create(ns.name, 'tag-and-head', { url, ref: { tag: 'v1.0.0' }, verify: { mode: 'TagAndHEAD', secretRef: { name: 'keys' } } });
      const o = await h.waitFor(ns.name, 'tag-and-head', 'InvalidCommitSignature', refused('InvalidCommitSignature'));
      assert.match(condition(o, 'SourceVerified')!.message, new RegExp(`commit '${commit}'`));
    });

    it('GIVEN an unsigned annotated tag THEN InvalidGitObject', async () => {
      await h.create(ns.name, 'tag-unsigned', { url, ref: { tag: 'v0.9.0' }, verify: { mode: 'Tag', secretRef: { name: 'keys' } } });
      const o = await h.waitFor(ns.name, 'tag-unsigned', 'InvalidGitObject', refused('InvalidGitObject'));
      assert.match(condition(o, 'SourceVerified')!.message, /^cannot verify signature of tag 'v0\.9\.0@sha1:[0-9a-f]{40}' since it is not signed$/);
    });

    it('GIVEN mode Tag on a branch ref THEN Stalled with InvalidVerificationMode', async () => {
      await h.create(ns.name, 'tag-on-branch', { url, ref: { branch: 'main' }, verify: { mode: 'Tag', secretRef: { name: 'keys' } } });
      const o = await h.waitFor(ns.name, 'tag-on-branch', 'Stalled', (x) => condition(x, 'Stalled')?.status === 'True' && refused('InvalidVerificationMode')(x));
      assert.equal(condition(o, 'Stalled')?.reason, 'InvalidVerificationMode');
      assert.equal(o.status?.observedGeneration, o.metadata?.generation);
    });
  });
});
