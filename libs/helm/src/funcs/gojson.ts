// encoding/json.Unmarshal into interface{}: Go validates the whole text first, so a syntax error wins
// over a type mismatch, and its messages ("invalid character 'x' looking for beginning of value") are
// what helm's fromJson puts under "Error". Numbers become float64, objects map[string]interface{}.

import type { GoMap, GoValue } from '../template/values.ts';

export class GoJSONError extends Error {}

/** Go's quoteChar: how the scanner names the offending byte. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return '\'"\'';
  const s = JSON.stringify(c).slice(1, -1);
  return `'${s}'`;
}

class Scanner {
  readonly text: string;
  pos = 0;
  constructor(text: string) {
    this.text = text;
  }

  /**
   * At the end of the text Go's scanner feeds itself one space: inside a number or a literal that space
   * is the invalid character it names; elsewhere the input simply ended.
   */
  fail(context: string, spaceAtEnd = false): never {
    const c = this.text[this.pos] ?? (spaceAtEnd ? ' ' : undefined);
    if (c === undefined) throw new GoJSONError('unexpected end of JSON input');
    throw new GoJSONError(`invalid character ${quoteChar(c)} ${context}`);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos]!)) this.pos++;
  }

  value(): GoValue {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    if (c === 't') return this.literal('true', true);
    if (c === 'f') return this.literal('false', false);
    if (c === 'n') return this.literal('null', null);
    return this.fail('looking for beginning of value');
  }

  literal(word: string, v: GoValue): GoValue {
    for (let i = 0; i < word.length; i++, this.pos++) {
      if (this.text[this.pos] !== word[i]) this.fail(`in literal ${word} (expecting ${quoteChar(word[i]!)})`, true);
    }
    return v;
  }

  digits(context: string): void {
    if (!/[0-9]/.test(this.text[this.pos] ?? '')) this.fail(context, true);
    while (/[0-9]/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  number(): GoValue {
    const start = this.pos;
    if (this.text[this.pos] === '-') {
      this.pos++;
      if (!/[0-9]/.test(this.text[this.pos] ?? '')) this.fail('in numeric literal', true);
    }
    if (this.text[this.pos] === '0') this.pos++;
    else this.digits('in numeric literal');
    if (this.text[this.pos] === '.') {
      this.pos++;
      this.digits('after decimal point in numeric literal');
    }
    if (this.text[this.pos] === 'e' || this.text[this.pos] === 'E') {
      this.pos++;
      if (this.text[this.pos] === '+' || this.text[this.pos] === '-') this.pos++;
      this.digits('in exponent of numeric literal');
    }
    const lit = this.text.slice(start, this.pos);
    const n = Number(lit);
    if (!Number.isFinite(n)) throw new GoJSONError(`json: cannot unmarshal number ${lit} into Go value of type float64`);
    return n;
  }

  string(): string {
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) return this.fail('');
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c < ' ') this.fail('in string literal');
      if (c === '\\') {
        this.pos++;
        const e = this.text[this.pos];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          this.pos++;
          continue;
        }
        if (e !== 'u') this.fail('in string escape code');
        this.pos++;
        for (let i = 0; i < 4; i++) {
          if (!/[0-9a-fA-F]/.test(this.text[this.pos + i] ?? '')) {
            this.pos += i;
            this.fail('in \\u hexadecimal character escape');
          }
        }
        out += String.fromCharCode(parseInt(this.text.slice(this.pos, this.pos + 4), 16));
        this.pos += 4;
        continue;
      }
      out += c;
      this.pos++;
    }
  }

  object(): GoMap {
    this.pos++;
    const m: GoMap = {};
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return m;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail('looking for beginning of object key string');
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail('after object key');
      this.pos++;
      m[key] = this.value();
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === '}') {
        this.pos++;
        return m;
      }
      this.fail('after object key:value pair');
    }
  }

  array(): GoValue[] {
    this.pos++;
    const a: GoValue[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return a;
    }
    for (;;) {
      a.push(this.value());
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ']') {
        this.pos++;
        return a;
      }
      this.fail('after array element');
    }
  }
}

/** Decodes JSON text to Go values, throwing Go's syntax error messages. */
export function decodeJSON(text: string): GoValue {
  const s = new Scanner(text);
  const v = s.value();
  s.skipSpace();
  if (s.pos < text.length) s.fail('after top-level value');
  return v;
}

/** json.Decoder.Decode of the first value in `text`: the value and how many characters it took. */
export function decodeJSONPrefix(text: string): { value: GoValue; length: number } {
  const s = new Scanner(text);
  const value = s.value();
  return { value, length: s.pos };
}

/** The JSON kind Go names in "cannot unmarshal X into Go value of type T". */
export function jsonKind(v: GoValue): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'object';
}
