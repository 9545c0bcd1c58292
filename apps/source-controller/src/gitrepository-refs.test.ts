// GIVEN a real Git server and the real control plane, WHEN GitRepositories follow each kind of ref,
// THEN each reaches Ready with upstream's revision format and serves an artifact whose digest matches
// and which holds the repository's files minus the ignored ones.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freshNamespace, type GitServer, startGitServer, type TestNamespace } from '@conflux/testing';
import { condition, downloadFiles, type Harness, isReady, startHarness } from './test-support.ts';

describe('GitRepository refs', () => {
  let h: Harness;
  let git: GitServer;
  let ns: TestNamespace;
  const commits: Record<string, string> = {};

  before(async () => {
    h = await startHarness('refs');
    git = await startGitServer();
    ns = await freshNamespace(h.plane.clients, 'gitrepo-refs');
    const app = await git.createRepository('app');
    commits['first'] = await app.commit({ 'deploy/app.yaml': 'kind: ConfigMap\n', 'README.md': '# app\n', '.github/workflows/ci.yml': 'on: push\n', 'logo.png': 'png' }, 'first commit');
    commits['v1.0.0'] = await app.tag('v1.0.0', { message: 'release 1.0.0' });
    commits['main'] = await app.commit({ 'deploy/extra.yaml': 'kind: Secret\n' }, 'add extra\n\nwith a body');
    commits['v1.1.0'] = await app.tag('v1.1.0');
    await app.tag('v2.0.0-rc.1');
    commits['feature/x'] = await app.commit({ 'feature.txt': 'x' }, 'feature work', { branch: 'feature/x' });
    const legacy = await git.createRepository('legacy', { branch: 'master' });
    commits['master'] = await legacy.commit({ 'legacy.yaml': 'a: 1\n' }, 'legacy');
  });

  after(async () => {
    await ns?.remove();
    await h?.stop();
    await git?.close();
  });

  const appFiles = ['README.md', 'deploy/app.yaml', 'deploy/extra.yaml'];
  const cases: Array<{ name: string; ref?: Record<string, string>; repo?: string; ignore?: string; revision: () => string; files: string[] }> = [
    { name: 'no-ref', repo: 'legacy', revision: () => `master@sha1:${commits['master']}`, files: ['legacy.yaml'] },
    { name: 'branch', ref: { branch: 'main' }, revision: () => `main@sha1:${commits['main']}`, files: appFiles },
    { name: 'branch-slash', ref: { branch: 'feature/x' }, revision: () => `feature/x@sha1:${commits['feature/x']}`, files: [...appFiles, 'feature.txt'] },
    // The annotated tag's revision names the commit it points to, not the tag object.
    { name: 'tag', ref: { tag: 'v1.0.0', branch: 'main' }, revision: () => `v1.0.0@sha1:${commits['v1.0.0']}`, files: ['README.md', 'deploy/app.yaml'] },
    { name: 'semver', ref: { semver: '>=1.0.0 <2.0.0' }, revision: () => `v1.1.0@sha1:${commits['v1.1.0']}`, files: appFiles },
    { name: 'refname', ref: { name: 'refs/heads/main', tag: 'v1.0.0' }, revision: () => `refs/heads/main@sha1:${commits['main']}`, files: appFiles },
    { name: 'commit', ref: { commit: commits['first'] ?? '' }, revision: () => `sha1:${commits['first']}`, files: ['README.md', 'deploy/app.yaml'] },
    { name: 'commit-branch', ref: { commit: '', branch: 'main' }, revision: () => `main@sha1:${commits['first']}`, files: ['README.md', 'deploy/app.yaml'] },
    // A custom pattern drops upstream's default exclusions: logo.png and .github come back.
    { name: 'ignore', ref: { branch: 'main' }, ignore: '/deploy/extra.yaml\n', revision: () => `main@sha1:${commits['main']}`, files: ['.github/workflows/ci.yml', 'README.md', 'deploy/app.yaml', 'logo.png'] },
  ];

  it('GIVEN one GitRepository per ref kind WHEN reconciled THEN each is Ready with its revision and a verified artifact', async () => {
    for (const c of cases) {
      const ref = c.ref ? { ...c.ref } : undefined;
      if (ref && 'commit' in ref) ref['commit'] = commits['first']!;
      await h.create(ns.name, c.name, { url: `${git.url}/${c.repo ?? 'app'}.git`, ...(ref ? { ref } : {}), ...(c.ignore ? { ignore: c.ignore } : {}) });
    }
    for (const c of cases) {
      const o = await h.waitFor(ns.name, c.name, 'Ready', isReady);
      const artifact = o.status!.artifact!;
      assert.equal(artifact.revision, c.revision(), c.name);
      assert.equal(artifact.path, `gitrepository/${ns.name}/${c.name}/${c.revision().slice(-40)}.tar.gz`, c.name);
      assert.match(artifact.url, new RegExp(`^http://127\\.0\\.0\\.1:\\d+/${artifact.path}$`), c.name);
      const ready = condition(o, 'Ready')!;
      assert.equal(ready.reason, 'Succeeded', c.name);
      assert.equal(ready.message, `stored artifact for revision '${c.revision()}'`, c.name);
      assert.equal(condition(o, 'ArtifactInStorage')?.message, ready.message, c.name);
      assert.equal(condition(o, 'Reconciling'), undefined, c.name);
      assert.equal(o.status?.observedIgnore, c.ignore, c.name);
      assert.deepEqual(await downloadFiles(artifact), c.files, c.name);
    }
  });

  it('GIVEN a GitRepository including another WHEN reconciled THEN the included artifact is copied into toPath and recorded', async () => {
    await h.waitFor(ns.name, 'no-ref', 'Ready', isReady);
    await h.create(ns.name, 'with-include', {
      url: `${git.url}/app.git`,
      ref: { branch: 'main' },
      include: [{ repository: { name: 'no-ref' }, toPath: 'vendor/legacy' }],
    });
    const o = await h.waitFor(ns.name, 'with-include', 'Ready', isReady);
    const legacy = await h.get(ns.name, 'no-ref');
    assert.deepEqual(o.status?.includedArtifacts?.map((a) => a.digest), [legacy.status!.artifact!.digest]);
    assert.deepEqual(o.status?.observedInclude, [{ repository: { name: 'no-ref' }, toPath: 'vendor/legacy' }]);
    assert.deepEqual(await downloadFiles(o.status!.artifact!), [...appFiles, 'vendor/legacy/legacy.yaml']);
  });

  it('GIVEN an include that does not exist WHEN reconciled THEN IncludeUnavailable says so and Ready is False', async () => {
    await h.create(ns.name, 'missing-include', { url: `${git.url}/app.git`, ref: { branch: 'main' }, include: [{ repository: { name: 'nowhere' } }] });
    const o = await h.waitFor(ns.name, 'missing-include', 'IncludeUnavailable', (x) => condition(x, 'IncludeUnavailable')?.status === 'True');
    assert.equal(condition(o, 'IncludeUnavailable')?.reason, 'NotFound');
    assert.equal(condition(o, 'Ready')?.status, 'False');
    assert.equal(condition(o, 'Ready')?.reason, 'NotFound');
  });

  it('GIVEN the same commit archived from memory and from a checkout on disk WHEN both are Ready THEN their artifacts are byte-identical', async () => {
    // recurseSubmodules (with no submodules to fetch) makes the controller write the tree to disk; the
    // plain GitRepository archives it straight from memory. A nested .sourceignore (which, being a
    // custom pattern, also lifts the default exclusion of logo.png) and an executable exercise the rules
    // both paths must apply alike.
    const repo = await git.createRepository('two-paths');
    await repo.commit({
      'deploy/app.yaml': 'kind: ConfigMap\n',
      'deploy/notes.md': 'ignored below\n',
      'deploy/.sourceignore': '*.md\n',
      'bin/run.sh': '#!/bin/sh\n',
      'README.md': '# kept\n',
      'logo.png': 'default exclusion',
    });
    await h.create(ns.name, 'from-memory', { url: `${git.url}/two-paths.git`, ref: { branch: 'main' } });
    await h.create(ns.name, 'from-disk', { url: `${git.url}/two-paths.git`, ref: { branch: 'main' }, recurseSubmodules: true });
    const memory = (await h.waitFor(ns.name, 'from-memory', 'Ready', isReady)).status!.artifact!;
    const disk = (await h.waitFor(ns.name, 'from-disk', 'Ready', isReady)).status!.artifact!;
    assert.equal(memory.digest, disk.digest);
    assert.equal(memory.size, disk.size);
    assert.deepEqual(await downloadFiles(memory), ['README.md', 'bin/run.sh', 'deploy/.sourceignore', 'deploy/app.yaml', 'logo.png']);
  });
});
