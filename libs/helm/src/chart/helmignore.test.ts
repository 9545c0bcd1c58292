import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHelmignore } from './helmignore.ts';

describe('parseHelmignore', () => {
  const rules = parseHelmignore('# c\n*.bak\n/top.txt\ndocs/*.md\ncache/\n');
  it('GIVEN a pattern without a slash WHEN matched THEN only the base name counts', () => {
    assert.equal(rules.ignores('a/b/x.bak', false), true);
  });
  it('GIVEN anchored and structural patterns WHEN matched THEN they match from the root', () => {
    assert.equal(rules.ignores('top.txt', false), true);
    assert.equal(rules.ignores('a/top.txt', false), false);
    assert.equal(rules.ignores('docs/a.md', false), true);
    assert.equal(rules.ignores('docs/x/a.md', false), false);
  });
  it('GIVEN a directory pattern WHEN a file has that name THEN it is not ignored', () => {
    assert.equal(rules.ignores('cache', true), true);
    assert.equal(rules.ignores('cache', false), false);
  });
  it('GIVEN the defaults WHEN a hidden template is seen THEN it is ignored', () => {
    assert.equal(rules.ignores('templates/.x.yaml', false), true);
    assert.equal(rules.ignores('templates/x.yaml', false), false);
  });
  it('GIVEN ** WHEN parsed THEN helm refuses it', () => {
    assert.throws(() => parseHelmignore('a/**/b\n'), /double-star/);
  });
});
