import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allMatches, compile, quoteMeta, translate } from './regex.ts';

describe('regex: Go RE2 on JavaScript', () => {
  it('GIVEN Go-only syntax WHEN translated THEN JavaScript gets the same meaning', () => {
    assert.ok(compile('(?P<y>\\d{4})').exec('in 2024')?.groups?.['y'] === '2024');
    assert.ok(compile('^a.b$').test('a\rb'), 'Go\'s dot matches \\r');
    assert.equal(compile('\\s').test('\u00a0'), false, 'Go\'s \\s is ASCII only');
    assert.equal(translate('(?i)abc').flags, 'ui');
  });
  it('GIVEN a pattern Go rejects WHEN compiled THEN the error text is Go\'s', () => {
    assert.throws(() => compile('a(b'), { message: 'error parsing regexp: missing closing ): `a(b`' });
    assert.throws(() => compile('a)'), { message: 'error parsing regexp: unexpected ): `a)`' });
    assert.throws(() => compile('*a'), { message: 'error parsing regexp: missing argument to repetition operator: `*`' });
    assert.throws(() => compile('[a'), { message: 'error parsing regexp: missing closing ]: `[a`' });
  });
  it('GIVEN a pattern matching empty strings WHEN finding all THEN empty matches next to a match are skipped', () => {
    const s = 'baaac';
    assert.deepEqual(allMatches(compile('a*'), s, -1).map((m) => s.slice(m.start, m.end)), ['', 'aaa', '']);
  });
  it('GIVEN metacharacters WHEN quoted THEN every one is escaped', () => {
    assert.equal(quoteMeta('1.2*[x]'), '1\\.2\\*\\[x\\]');
  });
});
