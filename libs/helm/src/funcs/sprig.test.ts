import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TemplateSet } from '../template/template.ts';
import { sprigFuncs } from './sprig.ts';

function render(text: string, data: Record<string, unknown> = {}): string {
  const set = new TemplateSet({ funcs: sprigFuncs });
  set.parse('t', text);
  return set.execute('t', data as never);
}

describe('sprig: the assembled function set', () => {
  it('GIVEN string helpers WHEN rendered THEN Sprig\'s argument order (subject last) applies', () => {
    assert.equal(render('{{ "foobar" | contains "foo" }} {{ "a-b" | replace "-" "+" }} {{ trunc -3 "abcdef" }}'), 'true a+b def');
  });
  it('GIVEN xstrings case conversions WHEN rendered THEN words split at case changes and digits', () => {
    assert.equal(render('{{ snakecase "HTTPServer" }} {{ kebabcase "FirstName" }} {{ camelcase "foo_bar" }}'), 'http_server first-name FooBar');
  });
  it('GIVEN integer arithmetic WHEN rendered THEN results are int64 and floats truncate', () => {
    assert.equal(render('{{ add 1 2.9 "3" }} {{ printf "%T" (mul 2 3) }} {{ div 7 2 }}'), '6 int64 3');
  });
  it('GIVEN list helpers on a non-list WHEN rendered THEN the panic becomes an error naming the kind', () => {
    assert.throws(() => render('{{ first "abc" }}'), /error calling first: Cannot find first on type string/);
  });
  it('GIVEN merge WHEN rendered THEN dst wins and is changed in place', () => {
    assert.equal(render('{{ $d := dict "a" 1 }}{{ $_ := merge $d (dict "a" 2 "b" 3) }}{{ $d }}'), 'map[a:1 b:3]');
  });
  it('GIVEN env and expandenv WHEN parsed THEN they are not defined, as in Helm', () => {
    assert.throws(() => render('{{ env "HOME" }}'), /function "env" not defined/);
  });
});
