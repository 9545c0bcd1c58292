import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base, clean, dir, ext } from './paths.ts';

describe('paths: Go\'s path package', () => {
  it('GIVEN edge-case paths WHEN cleaned THEN the answers are Go\'s', () => {
    assert.equal(clean(''), '.');
    assert.equal(clean('a//b/../c/.'), 'a/c');
    assert.equal(clean('/../x'), '/x');
    assert.equal(clean('../../a'), '../../a');
  });
  it('GIVEN trailing slashes and dotfiles WHEN split THEN base, dir and ext follow Go', () => {
    assert.equal(base('a/b/'), 'b');
    assert.equal(base('/'), '/');
    assert.equal(dir('a/b/'), 'a/b');
    assert.equal(ext('.bashrc'), '.bashrc');
    assert.equal(ext('a.b/c'), '');
  });
});
