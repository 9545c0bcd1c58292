import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printValueText, sprint, sprintf, sprintln } from './fmt.ts';
import { formatFloat } from './strconv.ts';
import { goFunc, GoInt, GoStruct } from './values.ts';

describe('fmt', () => {
  it('GIVEN floats WHEN printed with %v THEN the exponent appears from 1e+06 and below 1e-04', () => {
    const cases: [number, string][] = [[999999, '999999'], [1000000, '1e+06'], [356136738, '3.56136738e+08'], [123456.7, '123456.7'], [0.0001, '0.0001'], [0.00001, '1e-05'], [3, '3'], [-0, '-0']];
    for (const [x, want] of cases) assert.equal(sprintf('%v', [x]), want, String(x));
  });

  it('GIVEN exact ties WHEN rounded to a precision THEN Go rounds half to even', () => {
    assert.equal(sprintf('%.0f %.0f %.0f %.1f', [0.5, 1.5, 2.5, 0.25]), '0 2 2 0.2');
    assert.equal(formatFloat(0.1, 'f', 20), '0.10000000000000000555');
  });

  it('GIVEN collections and nil WHEN printed THEN they look like Go values', () => {
    assert.equal(sprint([{ b: 1n, a: [1n, 'x', null] }]), 'map[a:[1 x <nil>] b:1]');
    assert.equal(sprintf('%d|%s', [[1n, 2n], [1n, 'a']]), '[1 2]|[%!s(int=1) a]');
  });

  it('GIVEN wrong verbs and operand counts WHEN formatted THEN the error markers are Go\'s', () => {
    assert.equal(sprintf('%d %s %z', [1.5, null, 1n]), '%!d(float64=1.5) %!s(<nil>) %!z(int=1)');
    assert.equal(sprintf('%s %s', ['a']), 'a %!s(MISSING)');
    assert.equal(sprintf('%s', ['a', 2n]), 'a%!(EXTRA int=2)');
  });

  it('GIVEN flags and widths WHEN formatted THEN padding and signs follow Go', () => {
    assert.equal(sprintf('%05d|%-4d|%+d|%x|%#o|%08.3f|%6.2f', [42n, 7n, 5n, 255n, 8n, -3.14159, 3.14159]), '00042|7   |+5|ff|010|-003.142|  3.14');
    assert.equal(sprintf('%c|%q|%U|%T', [65n, 65n, 0x1f600n, new GoInt('int64', 1n)]), "A|'A'|U+1F600|int64");
  });

  it('GIVEN operands WHEN printed by print and println THEN spaces follow Go\'s rules', () => {
    assert.equal(sprint([1n, 2n, 'a', 'b', 3n]), '1 2ab3');
    assert.equal(sprintln(['a', 1n]), 'a 1\n');
  });

  it('GIVEN a struct with a String method WHEN printed THEN %v, %s and %q use it and %d and %#v do not', () => {
    const v = new GoStruct('*semver.Version', { major: 1n }, { String: goFunc([], 'string', () => '1.0.0') });
    assert.equal(sprintf('%v|%s|%q|%8s|%x', [v, v, v, v, v]), '1.0.0|1.0.0|"1.0.0"|   1.0.0|312e302e30');
    assert.equal(sprint([[v], { a: v }]), '[1.0.0] map[a:1.0.0]');
  });

  it('GIVEN a String method on the pointer of a value struct WHEN printed THEN only the template printer, which takes the address, uses it', () => {
    const kv = new GoStruct('chartutil.KubeVersion', { Version: 'v1.20.0', Major: '1', Minor: '20' }, { String: goFunc([], 'string', () => 'v1.20.0', { pointerReceiver: true }) });
    assert.equal(printValueText(kv), 'v1.20.0');
    assert.equal(sprintf('%v', [kv]), '{v1.20.0 1 20}');
    assert.equal(sprint([[kv]]), '[{v1.20.0 1 20}]');
  });
});
