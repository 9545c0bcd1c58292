import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Item, lex } from './lex.ts';

const kinds = (s: string): string[] => lex(s).map((t) => `${t.type}:${t.val}`);

describe('lex', () => {
  it('GIVEN trim markers WHEN lexed THEN the surrounding whitespace is dropped from the text tokens', () => {
    assert.deepEqual(kinds('a \n {{- .x -}} \n b'), ['text:a', 'leftdelim:{{', 'field:.x', 'rightdelim:}}', 'text:b', 'EOF:']);
  });

  it('GIVEN "{{-3}}" WHEN lexed THEN the minus belongs to a number, since a trim marker needs a space', () => {
    assert.deepEqual(kinds('{{-3}}'), ['leftdelim:{{', 'number:-3', 'rightdelim:}}', 'EOF:']);
  });

  it('GIVEN a comment WHEN lexed THEN it produces no token', () => {
    assert.deepEqual(kinds('a{{/* c */}}b'), ['text:a', 'text:b', 'EOF:']);
  });

  it('GIVEN literals of every kind WHEN lexed THEN each gets its token type', () => {
    const types = lex("{{ 'a' 0x1F 1_000 1.5e3 1i 2+3i `raw` \"s\" true nil $v .f }}")
      .filter((t) => t.type !== Item.Space)
      .map((t) => t.type);
    assert.deepEqual(types, [
      Item.LeftDelim, Item.CharConstant, Item.Number, Item.Number, Item.Number, Item.Number, Item.Complex,
      Item.RawString, Item.String, Item.Bool, Item.Nil, Item.Variable, Item.Field, Item.RightDelim, Item.EOF,
    ]);
  });

  it('GIVEN a declaration and a pipe WHEN lexed THEN := and | are their own tokens', () => {
    assert.deepEqual(
      lex('{{$x := .a | f}}').filter((t) => t.type !== Item.Space).map((t) => t.val),
      ['{{', '$x', ':=', '.a', '|', 'f', '}}', ''],
    );
  });

  it('GIVEN an action spread over lines WHEN lexed THEN tokens carry their own line numbers', () => {
    const field = lex('x\n{{\n.y\n}}').find((t) => t.type === Item.Field)!;
    assert.equal(field.line, 3);
  });

  it('GIVEN broken input WHEN lexed THEN the stream ends with Go\'s error text', () => {
    const last = (s: string): string => lex(s).at(-1)!.val;
    assert.equal(last('{{ "abc }}'), 'unterminated quoted string');
    assert.equal(last('{{ .x '), 'unclosed action');
    assert.equal(last('{{ 3k }}'), 'bad number syntax: "3k"');
    assert.equal(last('{{/* x }}'), 'unclosed comment');
    assert.equal(last('{{ ) }}'), 'unexpected right paren');
  });

  it('GIVEN custom delimiters WHEN lexed THEN only they open actions', () => {
    assert.deepEqual(lex('{{x}}[[.y]]', { leftDelim: '[[', rightDelim: ']]' }).map((t) => t.type), [
      Item.Text, Item.LeftDelim, Item.Field, Item.RightDelim, Item.EOF,
    ]);
  });
});
