import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGitmodules } from './gitmodules.ts';

describe('parseGitmodules', () => {
  it('GIVEN what `git submodule add` writes WHEN parsed THEN each section gives its name, path and url', () => {
    const text = '[submodule "lib"]\n\tpath = lib\n\turl = ../lib.git\n[submodule "vendor/tools"]\n\tpath = vendor/tools\n\turl = https://example.com/tools.git\n\tbranch = stable\n';
    assert.deepEqual(parseGitmodules(text), [
      { name: 'lib', path: 'lib', url: '../lib.git' },
      { name: 'vendor/tools', path: 'vendor/tools', url: 'https://example.com/tools.git', branch: 'stable' },
    ]);
  });

  it('GIVEN hand-written syntax WHEN parsed THEN case-insensitive keys, quotes, escapes, comments and continuations read as git reads them', () => {
    const text = [
      '# a comment',
      '[Submodule "we\\"ird"]   ; trailing comment',
      '  PATH = "with space/x"  # comment',
      '  url = https://h/a\\',
      'b.git',
      '  update=none',
      '[core]',
      '  path = not-a-submodule',
    ].join('\r\n');
    assert.deepEqual(parseGitmodules(text), [{ name: 'we"ird', path: 'with space/x', url: 'https://h/ab.git', update: 'none' }]);
  });

  it('GIVEN a key repeated and a section reopened WHEN parsed THEN the last value wins, as in git', () => {
    const text = '[submodule "a"]\npath = one\n[submodule "b"]\npath = b\n[submodule "a"]\npath = two\nurl = u\n';
    assert.deepEqual(parseGitmodules(text), [
      { name: 'a', path: 'two', url: 'u' },
      { name: 'b', path: 'b' },
    ]);
  });

  it('GIVEN malformed lines and keys outside any section WHEN parsed THEN they are skipped and the rest is kept', () => {
    const text = 'url = orphan\n[submodule "ok"]\n=broken\n  path = ok\n';
    assert.deepEqual(parseGitmodules(text), [{ name: 'ok', path: 'ok' }]);
  });
});
