import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Node, nodeString } from './nodes.ts';
import { numberNode, parse } from './parse.ts';
import { Item } from './lex.ts';

const known = new Set(['printf', 'len', 'eq', 'upper', 'and']);
const parseAll = (text: string) => parse('t', text, { hasFunction: (n) => known.has(n) });
const rootOf = (text: string): Node[] => parseAll(text).get('t')!.root.nodes;

describe('parse', () => {
  it('GIVEN an action with a pipeline WHEN parsed THEN printing the tree gives the source back', () => {
    assert.equal(nodeString(rootOf('{{ $x := .a.b | printf "%s" (len .c) }}')[0]!), '{{$x := .a.b | printf "%s" (len .c)}}');
  });

  it('GIVEN if / else if / else WHEN parsed THEN else if nests an if in the else branch', () => {
    const [n] = rootOf('{{ if .a }}1{{ else if .b }}2{{ else }}3{{ end }}');
    assert.equal(n!.type, 'if');
    assert.equal(nodeString(n!), '{{if .a}}1{{else}}{{if .b}}2{{else}}3{{end}}{{end}}');
  });

  it('GIVEN define and block WHEN parsed THEN each becomes its own tree in the set', () => {
    const trees = parseAll('{{ define "a" }}A{{ end }}{{ block "b" . }}B{{ end }}');
    assert.deepEqual([...trees.keys()].sort(), ['a', 'b', 't']);
    assert.equal(nodeString(trees.get('t')!.root), '{{template "b" .}}');
  });

  it('GIVEN range with two variables WHEN parsed THEN both are declared', () => {
    const [n] = rootOf('{{ range $i, $v := .l }}{{ $i }}{{ end }}');
    assert.equal(n!.type === 'range' && n!.pipe.decl.map((d) => d.ident[0]).join(','), '$i,$v');
  });

  it('GIVEN a field chain after a term WHEN parsed THEN the node starts at the chain, as Go reports it', () => {
    const [n] = rootOf('{{ .Values.missing.child }}');
    const field = n!.type === 'action' ? n!.pipe.cmds[0]!.args[0]! : undefined;
    assert.equal(field?.pos, 10);
  });

  it('GIVEN mistakes WHEN parsed THEN the errors are Go\'s, with the template name and line', () => {
    const err = (text: string): string => {
      try {
        parseAll(text);
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    assert.equal(err('{{ nofunc }}'), 'template: t:1: function "nofunc" not defined');
    assert.equal(err('a\n{{ if true }}'), 'template: t:2: unexpected EOF');
    assert.equal(err('{{ end }}'), 'template: t:1: unexpected {{end}}');
    assert.equal(err('{{ $y }}'), 'template: t:1: undefined variable "$y"');
    assert.equal(err('{{ break }}'), 'template: t:1: {{break}} outside {{range}}');
    assert.equal(err('{{ "a" | "b" }}'), 'template: t:1: non executable command in pipeline stage 2');
    assert.equal(err('{{ define "a" }}1{{ end }}{{ define "a" }}2{{ end }}'), 'template: t:1: template: multiple definition of template "a"');
    assert.equal(err('{{ 08 }}'), 'template: t:1: integer overflow: "08"');
  });

  it('GIVEN number literals WHEN classified THEN int, float and complex follow Go', () => {
    const hex = numberNode(0, '0x1F', Item.Number);
    assert.deepEqual([hex.isInt, hex.int, hex.isFloat], [true, 31n, true]);
    const f = numberNode(0, '1.5', Item.Number);
    assert.deepEqual([f.isInt, f.isFloat, f.float], [false, true, 1.5]);
    const c = numberNode(0, "'a'", Item.CharConstant);
    assert.equal(c.int, 97n);
    assert.deepEqual(numberNode(0, '1i', Item.Number).complex, [0, 1]);
    const big = numberNode(0, '9223372036854775808', Item.Number);
    assert.deepEqual([big.isInt, big.isUint], [false, true]);
  });
});
