import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineFunc } from './builtins.ts';
import type { MissingKey } from './exec.ts';
import { TemplateSet } from './template.ts';
import { GoStruct, type GoValue } from './values.ts';

function render(text: string, data: GoValue, missingKey: MissingKey = 'zero'): string {
  return new TemplateSet({ missingKey }).parse('t', text).execute('t', data);
}

function failure(text: string, data: GoValue, missingKey: MissingKey = 'zero'): string {
  try {
    render(text, data, missingKey);
  } catch (err) {
    return (err as Error).message;
  }
  return 'no error';
}

describe('execute', () => {
  it('GIVEN a map with unsorted keys WHEN ranged THEN keys come in sorted order', () => {
    assert.equal(render('{{ range $k, $v := . }}{{ $k }}{{ $v }} {{ end }}', { b: 2, a: 1, c: 3 }), 'a1 b2 c3 ');
  });

  it('GIVEN float64 and int values WHEN printed THEN Go\'s formatting applies to each', () => {
    assert.equal(render('{{ .f }} {{ .big }} {{ .i }} {{ 1e6 }}', { f: 3, big: 1000000, i: 7n }), '3 1e+06 7 1e+06');
  });

  it('GIVEN a missing key WHEN printed under each missingkey option THEN zero and default print <no value>, error fails', () => {
    assert.equal(render('{{ .x }}', {}, 'zero'), '<no value>');
    assert.equal(render('{{ .x }}', {}, 'default'), '<no value>');
    assert.equal(failure('{{ .x }}', {}, 'error'), 'template: t:1:3: executing "t" at <.x>: map has no entry for key "x"');
  });

  it('GIVEN a missing key WHEN a field of it is read THEN zero fails where default does not', () => {
    assert.equal(failure('{{ .x.y }}', {}, 'zero'), 'template: t:1:5: executing "t" at <.x.y>: nil pointer evaluating interface {}.y');
    assert.equal(render('{{ .x.y }}', {}, 'default'), '<no value>');
  });

  it('GIVEN an int and a float64 WHEN compared THEN it fails as Go does, naming both types', () => {
    assert.match(failure('{{ eq .n 1 }}', { n: 1 }), /error calling eq: incompatible types for comparison: float64 and int$/);
    assert.equal(render('{{ eq .n 1.0 }} {{ lt 1 2 }} {{ eq "a" "b" "a" }}', { n: 1 }), 'true true true');
  });

  it('GIVEN and/or WHEN the first operand decides THEN the rest is never evaluated', () => {
    assert.equal(render('[{{ and .x .x.y }}] {{ or 1 .x.y }}', {}), '[<no value>] 1');
  });

  it('GIVEN break and continue WHEN ranging THEN they stop or skip iterations', () => {
    assert.equal(render('{{ range . }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ if eq . 4 }}{{ break }}{{ end }}{{ . }}{{ end }}', [1n, 2n, 3n, 4n, 5n]), '13');
  });

  it('GIVEN range over an int WHEN executed THEN it counts from zero; else runs for an empty range', () => {
    assert.equal(render('{{ range 3 }}{{ . }}{{ end }}|{{ range 0 }}x{{ else }}none{{ end }}', null), '012|none');
  });

  it('GIVEN a named template WHEN called THEN it sees only its own dot and $', () => {
    assert.equal(render('{{ define "n" }}{{ . }}/{{ $ }}{{ end }}{{ $x := 1 }}{{ template "n" "arg" }}', 'root'), 'arg/arg');
  });

  it('GIVEN a variable assigned in a nested scope WHEN read after end THEN the outer variable changed', () => {
    assert.equal(render('{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}', null), '2');
  });

  it('GIVEN a function with a string parameter WHEN given a missing value THEN the message depends on how it arrived', () => {
    const t = new TemplateSet({ missingKey: 'zero', funcs: { up: defineFunc(['string'], 'string', (s) => (s as string).toUpperCase()) } });
    const fail = (text: string): string => {
      try {
        t.parse('t', text).execute('t', {});
      } catch (err) {
        return (err as Error).message;
      }
      return 'no error';
    };
    assert.match(fail('{{ up .x }}'), /wrong type for value; expected string; got interface \{\}$/);
    assert.match(fail('{{ .x | up }}'), /at <up>: invalid value; expected string$/);
    assert.match(fail('{{ up 1 }}'), /expected string; found 1$/);
    assert.equal(t.parse('t', '{{ up "a" | printf "%s!" }}').execute('t', {}), 'A!');
  });

  it('GIVEN a struct WHEN its fields and methods are used THEN methods win and take arguments', () => {
    const s = new GoStruct('chart.Metadata', { Name: 'demo' }, { Greet: defineFunc(['string'], 'string', (who) => `hi ${who as string}`) });
    assert.equal(render('{{ .Name }} {{ .Greet "you" }} {{ if . }}true{{ end }}', s), 'demo hi you true');
    assert.match(failure('{{ .name }}', s), /can't evaluate field name in type chart.Metadata$/);
  });

  it('GIVEN index and len WHEN used THEN bounds and types are checked as Go does', () => {
    assert.equal(render('{{ index . 1 }} {{ len . }} {{ len "héllo" }}', ['a', 'b']), 'b 2 6');
    assert.match(failure('{{ index . 5 }}', ['a']), /error calling index: index out of range: 5$/);
    assert.match(failure('{{ index . 1.5 }}', ['a']), /cannot index slice\/array with type float64$/);
  });

  it('GIVEN an error on a later line WHEN executed THEN the location has the line and byte column', () => {
    assert.equal(failure('a\n  é {{ .x.y }}', {}), 'template: t:2:10: executing "t" at <.x.y>: nil pointer evaluating interface {}.y');
  });

  it('GIVEN the sets of two parses WHEN a later define is empty THEN it does not replace the earlier one', () => {
    const t = new TemplateSet().parse('a', '{{ define "d" }}first{{ end }}').parse('b', '{{ define "d" }}{{ end }}{{ template "d" }}');
    assert.equal(t.execute('b', null), 'first');
    t.parse('c', '{{ define "d" }}second{{ end }}');
    assert.equal(t.execute('b', null), 'second');
  });
});
