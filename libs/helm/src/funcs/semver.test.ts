import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareVersions, parseConstraints, parseVersion, satisfies, versionString } from './semver.ts';

const ok = (constraint: string, version: string): boolean => satisfies(parseConstraints(constraint), parseVersion(version));

describe('semver: Masterminds/semver v3 versions and constraints', () => {
  it('GIVEN loose version strings WHEN parsed THEN missing parts are zero and the original is kept', () => {
    const v = parseVersion('v1.2');
    assert.equal(versionString(v), '1.2.0');
    assert.equal(v.original, 'v1.2');
    assert.equal(versionString(parseVersion('1.2.3-rc.1+b.2')), '1.2.3-rc.1+b.2');
  });
  it('GIVEN malformed versions WHEN parsed THEN Masterminds error texts are thrown', () => {
    assert.throws(() => parseVersion('1.2.3.4'), /^Error: invalid semantic version$/);
    assert.throws(() => parseVersion('1.2.3-01'), /version segment starts with 0/);
    assert.throws(() => parseVersion('1.0.0+a..b'), /^Error: invalid semantic version$/);
  });
  it('GIVEN prereleases WHEN compared THEN numeric parts sort numerically and below alphanumerics', () => {
    assert.equal(compareVersions(parseVersion('1.0.0-alpha.10'), parseVersion('1.0.0-alpha.9')), 1);
    assert.equal(compareVersions(parseVersion('1.0.0-alpha.1'), parseVersion('1.0.0-alpha.beta')), -1);
    assert.equal(compareVersions(parseVersion('1.0.0-rc'), parseVersion('1.0.0')), -1);
    assert.equal(compareVersions(parseVersion('1.0.0+a'), parseVersion('1.0.0+b')), 0);
  });
  it('GIVEN caret and tilde WHEN checked THEN the 0.x rules apply', () => {
    assert.equal(ok('^0.2.3', '0.2.9'), true);
    assert.equal(ok('^0.2.3', '0.3.0'), false);
    assert.equal(ok('^0.0.3', '0.0.4'), false);
    assert.equal(ok('~1.2', '1.2.9'), true);
    assert.equal(ok('~1', '1.9.0'), true);
    assert.equal(ok('~1.2.3', '1.3.0'), false);
  });
  it('GIVEN ranges, commas and || WHEN checked THEN groups are ANDed inside and ORed across', () => {
    assert.equal(ok('1.2 - 1.4.5', '1.4.5'), true);
    assert.equal(ok('1.2 - 1.4.5', '1.4.6'), false);
    assert.equal(ok('>=1.2, <2', '2.0.0'), false);
    assert.equal(ok('<1 || >=3', '3.1.0'), true);
  });
  it('GIVEN a prerelease version WHEN the OR-group names no prerelease THEN it never matches', () => {
    assert.equal(ok('>=1.0.0', '1.1.0-rc.1'), false);
    assert.equal(ok('>=1.0.0-0', '1.1.0-rc.1'), true);
    assert.equal(ok('<2 || >=3.0.0-0', '3.0.0-alpha'), true);
  });
  it('GIVEN improper constraints WHEN parsed THEN they are rejected', () => {
    assert.throws(() => parseConstraints('>>1'), /improper constraint: ">>1"/);
    assert.throws(() => parseConstraints(''), /improper constraint: ""/);
  });
});
