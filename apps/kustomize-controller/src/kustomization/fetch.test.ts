import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { artifactPath } from './fetch.ts';

describe('artifactPath', () => {
  it('GIVEN an empty path, "./" or "/" THEN the artifact root is built', () => {
    for (const p of [undefined, '', './', '/', '.']) assert.equal(artifactPath(p), '.', String(p));
  });

  it('GIVEN Flux-style paths THEN they are relative and clean', () => {
    assert.equal(artifactPath('./clusters/prod/'), 'clusters/prod');
    assert.equal(artifactPath('/apps//podinfo'), 'apps/podinfo');
  });

  it('GIVEN a path climbing out with ".." THEN it stops at the root instead of escaping', () => {
    assert.equal(artifactPath('../../etc'), 'etc');
    assert.equal(artifactPath('apps/../../..'), '.');
  });
});
