import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ignoreMatcher, ignorePatternsFromFiles, loadIgnorePatterns, parseIgnorePatterns, sourceIgnoreFilter } from './ignore.ts';
import { tempDir } from './test-fixtures.ts';

describe('upstream default exclusions', () => {
  const filter = sourceIgnoreFilter([]);

  it('GIVEN no custom patterns WHEN paths are filtered THEN VCS, image/archive, CI and extra files are excluded', () => {
    for (const p of ['.git', '.git/config', '.gitignore', 'sub/.gitmodules', '.gitattributes', 'horse.jpg', 'a/b/c.png', 'release.tar.gz', 'x.zip', '.github/workflows/ci.yaml', '.circleci/config.yml', '.travis.yml', 'appveyor.yml', 'cloudbuild.yaml', 'deep/dir/.goreleaser.yml', '.sops.yaml', 'apps/.flux.yaml']) {
      assert.equal(filter(p, p === '.git'), true, p);
    }
  });

  it('GIVEN no custom patterns WHEN ordinary manifests are filtered THEN they are kept', () => {
    for (const p of ['deploy/app.yaml', 'kustomization.yaml', 'charts/x/values.yaml', 'gitops.yaml', 'github.md', 'jpg/readme']) {
      assert.equal(filter(p, false), false, p);
    }
  });

  it('GIVEN any custom pattern WHEN paths are filtered THEN the Ext/CI/Extra defaults are dropped but VCS still applies', () => {
    const custom = sourceIgnoreFilter(parseIgnorePatterns('*.txt\n'));
    assert.equal(custom('horse.jpg', false), false, 'upstream test "custom": horse.jpg is kept');
    assert.equal(custom('.github/workflows/ci.yaml', false), false);
    assert.equal(custom('notes.txt', false), true);
    assert.equal(custom('.git/config', false), true);
  });
});

describe('gitignore pattern matching (go-git rules)', () => {
  const m = (text: string) => ignoreMatcher(parseIgnorePatterns(text));

  it('GIVEN a slash-free pattern WHEN matched THEN it matches that name at any depth, and everything under a matching directory', () => {
    const f = m('secret\n');
    assert.equal(f('secret', false), true);
    assert.equal(f('a/b/secret', false), true);
    assert.equal(f('secret/key.pem', false), true);
    assert.equal(f('secrets', false), false);
  });

  it('GIVEN a pattern with a slash WHEN matched THEN it is anchored to the root', () => {
    const f = m('/build\ndocs/*.md\n');
    assert.equal(f('build/out.yaml', false), true);
    assert.equal(f('sub/build/out.yaml', false), false);
    assert.equal(f('docs/a.md', false), true);
    assert.equal(f('x/docs/a.md', false), false);
    assert.equal(f('docs/sub/a.md', false), false);
  });

  it('GIVEN a trailing slash WHEN matched THEN only directories (and their contents) match', () => {
    const f = m('cache/\n');
    assert.equal(f('cache', true), true);
    assert.equal(f('cache', false), false);
    assert.equal(f('cache/x', false), true);
  });

  it('GIVEN ** patterns WHEN matched THEN they span zero or more directories', () => {
    const f = m('**/tmp\nlogs/**\na/**/z.yaml\n');
    assert.equal(f('tmp', true), true);
    assert.equal(f('x/y/tmp', true), true);
    assert.equal(f('logs/today/1.log', false), true);
    assert.equal(f('a/z.yaml', false), true, 'a middle ** may span zero directories');
    assert.equal(f('b/z.yaml', false), false);
    assert.equal(f('a/b/c/z.yaml', false), true);
  });

  it('GIVEN a later negation WHEN matched THEN it re-includes, because the last matching pattern wins', () => {
    const f = m('*.yaml\n!keep.yaml\n');
    assert.equal(f('drop.yaml', false), true);
    assert.equal(f('keep.yaml', false), false);
    const g = m('!keep.yaml\n*.yaml\n');
    assert.equal(g('keep.yaml', false), true);
  });

  it('GIVEN comments, blank lines, classes and escapes WHEN parsed THEN comments are ignored and globs follow Go filepath.Match', () => {
    assert.equal(parseIgnorePatterns('# comment\n\n   \n*.x\n').length, 1);
    const f = m('file[0-9].txt\n\\#literal\nq?.md\n[!a]b\n');
    assert.equal(f('file7.txt', false), true);
    assert.equal(f('filex.txt', false), false);
    assert.equal(f('#literal', false), true);
    assert.equal(f('qa.md', false), true);
    assert.equal(f('qab.md', false), false);
    assert.equal(f('cb', false), true);
    assert.equal(f('ab', false), false);
  });
});

describe('.sourceignore loading', () => {
  it('GIVEN .sourceignore files at several levels WHEN loaded THEN each pattern is scoped to its directory and .git is not searched', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'apps/web'), { recursive: true });
    await mkdir(join(dir, '.git'), { recursive: true });
    await writeFile(join(dir, '.sourceignore'), '# root\n*.md\n');
    await writeFile(join(dir, 'apps/web/.sourceignore'), '/local.yaml\n');
    await writeFile(join(dir, '.git/.sourceignore'), '*\n');
    const patterns = await loadIgnorePatterns(dir);
    assert.deepEqual(patterns.map((p) => [p.domain.join('/'), p.source]), [['', '*.md'], ['apps/web', '/local.yaml']]);
    const f = sourceIgnoreFilter(patterns);
    assert.equal(f('README.md', false), true);
    assert.equal(f('apps/web/local.yaml', false), true);
    assert.equal(f('local.yaml', false), false, 'a nested file scopes its patterns');
    assert.equal(f('apps/local.yaml', false), false);
    assert.equal(f('apps/web/app.yaml', false), false);
  });

  it('GIVEN the same .sourceignore files in memory WHEN read THEN the patterns and their order equal a walk of them on disk', async () => {
    const files = {
      '.sourceignore': '*.md\n',
      'b/.sourceignore': '!keep.md\n',
      'a-b/.sourceignore': '/x\n',
      'a/.sourceignore': '/y\n',
      'a/z/.sourceignore': '/z\n',
      'a/z/app.yaml': 'kind: x\n',
      '.git/.sourceignore': '*\n',
    };
    const dir = await tempDir();
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    const fromDisk = await loadIgnorePatterns(dir);
    const fromMemory = ignorePatternsFromFiles(Object.entries(files).map(([path, content]) => ({ path, content: Buffer.from(content) })));
    assert.deepEqual(fromMemory, fromDisk);
    assert.deepEqual(fromMemory.map((p) => p.domain.join('/')), ['', 'a', 'a/z', 'a-b', 'b']);
  });
});
