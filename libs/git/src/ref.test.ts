import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isGitError } from './errors.ts';
import { checkoutTarget, formatRevision, normalizeRevision, parseRevision, shortRefName } from './ref.ts';

const sha = '5394cb7f48332b2de7c17dd8b8384bbc84b7e738';

describe('ref precedence (upstream code order: commit > name > tag > semver > branch)', () => {
  it('GIVEN no ref WHEN resolved THEN the master branch is the target', () => {
    assert.deepEqual(checkoutTarget(undefined), { kind: 'branch', branch: 'master' });
    assert.deepEqual(checkoutTarget({ branch: '' }), { kind: 'branch', branch: 'master' });
  });

  it('GIVEN every field WHEN resolved THEN commit wins and keeps the branch as its scope', () => {
    const all = { branch: 'dev', tag: 'v1', semver: '>=1', name: 'refs/pull/1/head', commit: sha.toUpperCase() };
    assert.deepEqual(checkoutTarget(all), { kind: 'commit', commit: sha, branch: 'dev' });
  });

  it('GIVEN name, tag, semver and branch WHEN resolved THEN name wins, then tag over semver, then semver over branch', () => {
    assert.deepEqual(checkoutTarget({ branch: 'dev', tag: 'v1', semver: '>=1', name: 'refs/pull/1/head' }), { kind: 'name', name: 'refs/pull/1/head' });
    assert.deepEqual(checkoutTarget({ branch: 'dev', tag: 'v1', semver: '>=1' }), { kind: 'tag', tag: 'v1' });
    assert.deepEqual(checkoutTarget({ branch: 'dev', semver: '>=1' }), { kind: 'semver', range: '>=1' });
    assert.deepEqual(checkoutTarget({ branch: 'dev' }), { kind: 'branch', branch: 'dev' });
  });

  it('GIVEN a short commit or a relative name WHEN resolved THEN a stalling InvalidRef error says what is expected', () => {
    assert.throws(() => checkoutTarget({ commit: 'abc123' }), (err) => isGitError(err, 'InvalidRef') && err.stalling && err.message.includes('40-character'));
    assert.throws(() => checkoutTarget({ name: 'main' }), (err) => isGitError(err, 'InvalidRef') && err.message.includes('refs/heads/main'));
  });
});

describe('revision strings', () => {
  it('GIVEN refs and hashes WHEN formatted THEN they follow <short-ref>@sha1:<hex> or sha1:<hex>', () => {
    assert.equal(formatRevision('main', sha), `main@sha1:${sha}`);
    assert.equal(formatRevision('v1.0.0', sha), `v1.0.0@sha1:${sha}`);
    assert.equal(formatRevision('refs/pull/1/head', sha), `refs/pull/1/head@sha1:${sha}`);
    assert.equal(formatRevision(undefined, sha), `sha1:${sha}`);
    assert.equal(formatRevision('main', 'abc'), 'main@<unknown>:abc');
  });

  it('GIVEN full ref names WHEN shortened THEN only refs/heads/ and refs/tags/ are stripped', () => {
    assert.equal(shortRefName('refs/heads/feature/x'), 'feature/x');
    assert.equal(shortRefName('refs/tags/v1.2.3'), 'v1.2.3');
    assert.equal(shortRefName('refs/pull/420/head'), 'refs/pull/420/head');
  });

  it('GIVEN revision strings WHEN parsed THEN name, algorithm and hash come back, including legacy forms', () => {
    assert.deepEqual(parseRevision(`feature/x@sha1:${sha}`), { name: 'feature/x', algorithm: 'sha1', hash: sha });
    assert.deepEqual(parseRevision(`refs/pull/1/head@sha1:${sha}`), { name: 'refs/pull/1/head', algorithm: 'sha1', hash: sha });
    assert.deepEqual(parseRevision(`sha1:${sha}`), { algorithm: 'sha1', hash: sha });
    assert.deepEqual(parseRevision(`main/${sha}`), { name: 'main', algorithm: 'sha1', hash: sha });
    assert.deepEqual(parseRevision(sha), { algorithm: 'sha1', hash: sha });
    assert.equal(parseRevision('main@'), undefined);
    assert.equal(parseRevision('@sha1:abc'), undefined);
    assert.equal(parseRevision('not a revision'), undefined);
  });

  it('GIVEN a legacy revision WHEN normalized THEN it equals the current format of the same commit', () => {
    assert.equal(normalizeRevision(`main/${sha}`), `main@sha1:${sha}`);
    assert.equal(normalizeRevision(`main@sha1:${sha}`), `main@sha1:${sha}`);
  });
});
