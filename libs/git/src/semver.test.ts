import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareSemVer, parseSemVer, parseSemVerRange } from './semver.ts';

function matches(range: string, version: string): boolean {
  const v = parseSemVer(version);
  assert.ok(v, `test version ${version} must parse`);
  return parseSemVerRange(range).test(v);
}

describe('semver versions', () => {
  it('GIVEN tag names WHEN parsed THEN a leading v is allowed and partial or junk names are not versions', () => {
    assert.deepEqual(parseSemVer('v1.2.3-rc.1+build.5')?.prerelease, ['rc', 1]);
    assert.equal(parseSemVer('1.2.3')?.patch, 3);
    assert.equal(parseSemVer('1.2'), undefined);
    assert.equal(parseSemVer('release-1.2.3'), undefined);
    assert.equal(parseSemVer('01.2.3'), undefined);
  });

  it('GIVEN versions WHEN compared THEN prereleases sort below releases by identifier and build metadata is ignored', () => {
    const order = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.1.0', '2.0.0'];
    for (let i = 0; i + 1 < order.length; i++) {
      const a = parseSemVer(order[i] as string);
      const b = parseSemVer(order[i + 1] as string);
      assert.ok(a && b);
      assert.equal(compareSemVer(a, b), -1, `${order[i]} < ${order[i + 1]}`);
      assert.equal(compareSemVer(b, a), 1);
    }
    assert.equal(compareSemVer(parseSemVer('1.0.0+a')!, parseSemVer('v1.0.0+b')!), 0);
  });
});

describe('semver ranges (the syntax Flux documents)', () => {
  const cases: [string, string, boolean][] = [
    ['>=1.2.3', '1.2.3', true],
    ['>=1.2.3', '1.2.2', false],
    ['>1.2.3', '1.2.3', false],
    ['>1.2', '1.2.9', false],
    ['>1.2', '1.3.0', true],
    ['<1.2', '1.1.9', true],
    ['<1.2', '1.2.0', false],
    ['<=1.2', '1.2.9', true],
    ['<=1.2', '1.3.0', false],
    ['<= 2.x', '2.9.9', true],
    ['=1.2.3', '1.2.3', true],
    ['1.2.3', '1.2.4', false],
    ['!=1.2.3', '1.2.4', true],
    ['!=1.2.3', '1.2.3', false],
    ['1.2.x', '1.2.7', true],
    ['1.2.x', '1.3.0', false],
    ['1.x', '1.9.0', true],
    ['*', '7.0.0', true],
    ['~1.2.3', '1.2.9', true],
    ['~1.2.3', '1.3.0', false],
    ['~1.2.3', '1.2.2', false],
    ['~1', '1.9.9', true],
    ['~1', '2.0.0', false],
    ['~> 2.3', '2.3.5', true],
    ['^1.2.3', '1.9.0', true],
    ['^1.2.3', '2.0.0', false],
    ['^0.2.3', '0.2.9', true],
    ['^0.2.3', '0.3.0', false],
    ['^0.0.3', '0.0.3', true],
    ['^0.0.3', '0.0.4', false],
    ['^0.0', '0.0.9', true],
    ['^0.0', '0.1.0', false],
    ['^0', '0.9.0', true],
    ['^0', '1.0.0', false],
    ['1.2 - 1.4.5', '1.4.5', true],
    ['1.2 - 1.4.5', '1.4.6', false],
    ['1.2 - 1.4.5', '1.1.9', false],
    ['2.3.4 - 4.5', '4.5.9', true],
    ['2.3.4 - 4.5', '4.6.0', false],
    ['>= 1.2, < 3.0.0 || >= 4.2.3', '2.5.0', true],
    ['>= 1.2, < 3.0.0 || >= 4.2.3', '3.5.0', false],
    ['>= 1.2, < 3.0.0 || >= 4.2.3', '4.2.3', true],
    ['>=1.0.0 <2.0.0', '1.5.0', true],
    ['>=1.0.0 <2.0.0', '2.0.0', false],
    // Prereleases only match a comparator that names a prerelease.
    ['>=1.2.3', '1.3.0-beta', false],
    ['>=1.2.3-0', '1.3.0-beta', true],
    ['^1.2.3-alpha', '1.2.3-beta', true],
    ['*', '1.0.0-rc.1', false],
    ['v1.x', 'v1.0.1', true],
  ];
  for (const [range, version, expected] of cases) {
    it(`GIVEN range '${range}' WHEN checking ${version} THEN ${expected ? 'it matches' : 'it does not match'}`, () => {
      assert.equal(matches(range, version), expected);
    });
  }

  it('GIVEN a malformed range WHEN parsed THEN a SyntaxError quotes it', () => {
    assert.throws(() => parseSemVerRange('>= banana'), (err: Error) => err instanceof SyntaxError && err.message.includes('>= banana'));
    assert.throws(() => parseSemVerRange('1.0.0 -'), SyntaxError);
    assert.throws(() => parseSemVerRange('1.0 || '), SyntaxError);
  });
});
