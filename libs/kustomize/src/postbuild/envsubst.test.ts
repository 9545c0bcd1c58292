import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { envsubst, EnvsubstError } from './envsubst.ts';

// Expected values were taken from Flux's own envsubst (github.com/fluxcd/pkg/envsubst) on the same inputs.
const vars: Record<string, string> = { X: 'hello', E: '', P: 'a/b/c.tar.gz', U: 'AbC' };
const lookup = (name: string): string | undefined => vars[name];
const expand = (text: string, strict = false): string => envsubst(text, lookup, { strict });
const fails = (text: string, message: string, strict = false): void => {
  assert.throws(() => expand(text, strict), (err: EnvsubstError) => err instanceof EnvsubstError && err.message === message, text);
};

describe('envsubst: which text expands', () => {
  const cases: [string, string][] = [
    ['${X}', 'hello'],
    ['pre${X}post${E}end', 'prehellopostend'],
    ['$X', '$X'],
    ['$$X', '$X'],
    ['$${X}', '${X}'],
    ['$$${X}', '$hello'],
    ['$$$${X}', '$${X}'],
    ['$${X$${X}}', '${X${X}}'],
    ['a$ b$ $', 'a$ b$ $'],
    ['}}} {{', '}}} {{'],
    ['\\${X}', '\\hello'],
    ['${1X}', ''],
    ['${ñ}', ''],
  ];
  for (const [input, output] of cases) {
    it(`GIVEN ${JSON.stringify(input)} WHEN expanded THEN it reads ${JSON.stringify(output)}`, () => {
      assert.equal(expand(input), output);
    });
  }
});

describe('envsubst: default operators', () => {
  const cases: [string, string][] = [
    ['${N:-d}', 'd'],
    ['${E:-d}', 'd'],
    ['${X:-d}', 'hello'],
    ['${N:=d}', 'd'],
    ['${E:=d}', 'd'],
    ['${N=d}', 'd'],
    ['${E=d}', 'd'],
    ['${X=d}', 'hello'],
    // Flux's quirk: these are not POSIX; they act like :- (value if non-empty, otherwise the word).
    ['${X:+d}', 'hello'],
    ['${N:+d}', 'd'],
    ['${X:?d}', 'hello'],
    ['${N:?d}', 'd'],
    ['${N=}', ''],
    ['${N:-}', ''],
    ['${X:=}', 'hello'],
    ['${N:-a b c}', 'a b c'],
    ['${X:-a:b}', 'hello'],
    ['${N:-${X}}', 'hello'],
    ['${N:-a${X}b}', 'ahellob'],
    ['${N:-a}b}', 'ab}'],
    ['${N:-$${X}}', '$hello'],
    ['${N:-a\\}b}', 'a\\b}'],
    ['${X:-${N:-${E:-deep}}}', 'hello'],
  ];
  for (const [input, output] of cases) {
    it(`GIVEN ${JSON.stringify(input)} WHEN expanded THEN it reads ${JSON.stringify(output)}`, () => {
      assert.equal(expand(input), output);
    });
  }
  it('GIVEN ${v-d} or ${v+d} WHEN parsed THEN Flux refuses them as a missing closing brace', () => {
    fails('${X-d}', 'missing closing brace');
    fails('${X+d}', 'missing closing brace');
  });
});

describe('envsubst: string operators', () => {
  const cases: [string, string][] = [
    ['${#X} ${#X}x', '5 5x'],
    ['${#E}', '0'],
    ['${U^} ${U^^} ${U,} ${U,,}', 'AbC ABC abC abc'],
    ['${X,^}', 'hello'],
    ['${X:1}', 'ello'],
    ['${X:1:2}', 'el'],
    ['${X:1:-1}', 'ell'],
    ['${X:-1}', 'hello'],
    ['${X: -2}', 'hello'],
    ['${X:a}', 'hello'],
    ['${X:1:2:3}', 'hello'],
    ['${X:1:+2}', 'el'],
    ['${X:9}', ''],
    ['${X:${E:-1}:2}', 'el'],
    ['${P#*/}', 'b/c.tar.gz'],
    ['${P##*/}', 'c.tar.gz'],
    ['${P%.*}', 'a/b/c.tar'],
    ['${P%%.*}', 'a/b/c'],
    ['${P%%a*}', ''],
    ['${P#?} ${P%?}', '/b/c.tar.gz a/b/c.tar.g'],
    ['${P#\\*}', 'a/b/c.tar.gz'],
    ['${P#[a-b]*} ${P##[^x]}', '/b/c.tar.gz /b/c.tar.gz'],
    ['${P#[} ${P#[a} ${P#[]a]}', 'a/b/c.tar.gz a/b/c.tar.gz a/b/c.tar.gz'],
    ['${P/\\//-} ${P//\\//-}', 'a-b/c.tar.gz a-b-c.tar.gz'],
    ['${P/#a/Z} ${P/%gz/ZZ}', 'Z/b/c.tar.gz a/b/c.tar.ZZ'],
    ['${P/#/pre-} ${P/%/-post}', 'pre-a/b/c.tar.gz a/b/c.tar.gz-post'],
    ['${X/l/} ${X/#h/} ${X/%o/}', 'helo hello hello'],
    ['${X/l/a/b}', 'hea/blo'],
    ['${X/l/\\\\} ${X//l/$$} ${X/\\\\/x}', 'he\\lo he$$o hello'],
  ];
  for (const [input, output] of cases) {
    it(`GIVEN ${JSON.stringify(input)} WHEN expanded THEN it reads ${JSON.stringify(output)}`, () => {
      assert.equal(expand(input), output);
    });
  }
  it('GIVEN multi-byte text WHEN its length or a substring is taken THEN bytes are counted, as in Go', () => {
    assert.equal(envsubst('${#V} ${V:2}', () => 'éa'), '3 a');
  });
});

describe('envsubst: parse errors', () => {
  const cases: [string, string][] = [
    ['${X', 'missing closing brace'],
    ['${X }', 'missing closing brace'],
    ['${X\\}', 'missing closing brace'],
    ['${}', 'unable to parse variable name'],
    ['${ X}', 'unable to parse variable name'],
    ['${X#}', 'unable to parse substitution within function'],
    ['${X%}', 'unable to parse substitution within function'],
    ['${X:}', 'unable to parse substitution within function'],
    ['${X::2}', 'unable to parse substitution within function'],
    ['${X:1:}', 'unable to parse substitution within function'],
    ['${N:-abc', 'unable to parse substitution within function'],
    ['${X^^^}', 'bad substitution'],
    ['${X,,,}', 'bad substitution'],
    ['${X//l}', 'bad substitution'],
    ['${X/l}', 'bad substitution'],
    ['${#X:-1}', 'bad substitution'],
  ];
  for (const [input, message] of cases) {
    it(`GIVEN ${JSON.stringify(input)} WHEN parsed THEN it fails with "${message}"`, () => fails(input, message));
  }
});

describe('envsubst: strict mode', () => {
  it('GIVEN an unset variable WHEN used bare THEN strict mode fails naming it, non-strict gives ""', () => {
    fails('${N}', 'variable not set (strict mode): "N"', true);
    assert.equal(expand('[${N}]'), '[]');
  });
  it('GIVEN an unset variable WHEN a transforming operator reads it THEN strict mode fails too', () => {
    for (const t of ['${#N}', '${N^}', '${N,,}', '${N:0}', '${N:0:1}', '${N/a/b}', '${N//a/b}', '${N/#a/b}', '${N/%a/b}', '${N#a}', '${N##a}', '${N%a}', '${N%%a}']) {
      fails(t, 'variable not set (strict mode): "N"', true);
    }
  });
  it('GIVEN an unset variable WHEN a default operator supplies a value THEN strict mode accepts it', () => {
    assert.equal(expand('${N:-a}${N:=b}${N=c}${N:+d}${N:?e}', true), 'abcde');
  });
  it('GIVEN an empty but set variable WHEN used bare THEN strict mode accepts it', () => {
    assert.equal(expand('[${E}]', true), '[]');
  });
  it('GIVEN an unset variable inside a default or an offset WHEN strict THEN the inner one is reported', () => {
    fails('${N:-${M}}', 'variable not set (strict mode): "M"', true);
    fails('${X:${N}}', 'variable not set (strict mode): "N"', true);
  });
  it('GIVEN an escaped reference WHEN strict THEN the unset variable is not an error', () => {
    assert.equal(expand('$${N}', true), '${N}');
  });
});
